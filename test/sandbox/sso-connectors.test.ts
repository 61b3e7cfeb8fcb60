import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { closedPort } from "../support/net";

/** A tiny IdP serving `/.well-known/openid-configuration` on loopback. */
const startIdp = async () => {
  let hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === "/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
      }));
    } else if (req.url === "/incomplete/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize` }));
    } else {
      res.statusCode = 404;
      res.end("nope");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    clearHits: () => {
      hits = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe("sandbox /api/sso-connectors", () => {
  let sandbox: Sandbox;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  const oidc = (issuer: string) => ({ issuer, clientId: "client", clientSecret: "secret", scope: "openid" });

  beforeAll(async () => {
    [sandbox, idp] = await Promise.all([spawnSandbox({ ssoFetchRetryDelayMs: 50 }), startIdp()]);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await idp?.close();
  });
  beforeEach(async () => {
    await sandbox.reset();
    idp.clearHits();
  });

  test("providers are listed", async () => {
    const providers = (await sandbox.api("GET", "/api/sso-connector-providers")).body as Array<{ providerName: string; providerType: string }>;
    expect(providers.map(({ providerName, providerType }) => `${providerName}:${providerType}`)).toEqual([
      "OIDC:oidc", "SAML:saml", "AzureAD:saml", "AzureAdOidc:oidc", "GoogleWorkspace:oidc", "Okta:oidc",
    ]);
  });

  test("POST fetches discovery, stores the parsed config and answers the raw row", async () => {
    const response = await sandbox.api("POST", "/api/sso-connectors", {
      providerName: "OIDC",
      connectorName: "Acme",
      config: oidc(idp.issuer),
      domains: ["Acme.COM"],
    });
    expect(response.status).toBe(200);
    expect(idp.hits()).toEqual(["/.well-known/openid-configuration"]);
    const row = response.body as Record<string, any>;
    expect(row).toEqual({
      tenantId: "default",
      id: expect.stringMatching(/^[0-9a-z]{12}$/),
      providerName: "OIDC",
      connectorName: "Acme",
      config: { ...oidc(idp.issuer), trustUnverifiedEmail: false },
      domains: ["acme.com"],
      branding: {},
      syncProfile: false,
      enableTokenStorage: false,
      createdAt: expect.any(Number),
    });

    const fetched = (await sandbox.api("GET", `/api/sso-connectors/${row.id}`)).body as Record<string, any>;
    expect(fetched).toMatchObject({ name: "OIDC", providerType: "oidc" });
    expect(fetched.providerConfig).toMatchObject({
      clientSecret: "secret",
      issuer: idp.issuer,
      tokenEndpoint: `${idp.issuer}/token`,
      jwksUri: `${idp.issuer}/jwks`,
      scope: "openid profile email",
    });
  });

  test("an unreachable issuer is 400 fail_to_fetch_config and nothing is stored", async () => {
    const issuer = `http://127.0.0.1:${await closedPort()}`;
    const response = await sandbox.api("POST", "/api/sso-connectors", { providerName: "Okta", connectorName: "Down", config: oidc(issuer) });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: "connector.invalid_config",
      message: "The connector's config is invalid.",
      data: { ssoErrorCode: "invalid_config", message: "fail_to_fetch_config", config: { issuer } },
    });
    expect((await sandbox.api("GET", "/api/sso-connectors")).body).toEqual([]);
  });

  test("a trailing slash on the issuer fetches //.well-known and fails", async () => {
    const response = await sandbox.api("POST", "/api/sso-connectors", {
      providerName: "OIDC",
      connectorName: "Slash",
      config: oidc(`${idp.issuer}/`),
    });
    expect(idp.hits()).toEqual(["//.well-known/openid-configuration"]);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ data: { message: "fail_to_fetch_config", error: "nope" } });
  });

  test("an incomplete discovery document is invalid_config_response", async () => {
    const response = await sandbox.api("POST", "/api/sso-connectors", {
      providerName: "OIDC",
      connectorName: "Incomplete",
      config: oidc(`${idp.issuer}/incomplete`),
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ data: { message: "invalid_config_response" } });
  });

  test("config guard failures carry no field detail", async () => {
    const response = await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "x", config: { issuer: idp.issuer } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: "connector.invalid_config", message: "The connector's config is invalid." });
  });

  test("without config it is created with {} and GET has no providerConfig", async () => {
    const row = (await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "Later" })).body as any;
    expect(row.config).toEqual({});
    expect(idp.hits()).toEqual([]);
    const fetched = (await sandbox.api("GET", `/api/sso-connectors/${row.id}`)).body as any;
    expect(fetched.providerConfig).toBeUndefined();
  });

  test("names are unique (409), domains checked (422), providerName immutable, unknown provider 422", async () => {
    const row = (await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "Acme" })).body as any;
    const duplicate = await sandbox.api("POST", "/api/sso-connectors", { providerName: "Okta", connectorName: "Acme" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      code: "single_sign_on.duplicate_connector_name",
      message: "Connector name already exists. Please choose a different name.",
    });

    const gmail = await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "G", domains: ["gmail.com"] });
    expect(gmail.status).toBe(422);
    expect(gmail.body).toEqual({
      code: "single_sign_on.forbidden_domains",
      data: { data: ["gmail.com"] },
      message: "Public email domains are not allowed.",
    });
    const twice = await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "D", domains: ["a.com", "A.com"] });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: "single_sign_on.duplicated_domains" });

    const unknown = await sandbox.api("POST", "/api/sso-connectors", { providerName: "Foo", connectorName: "F" });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: "connector.not_found", message: "Cannot find any available connector for type: Foo." });

    const patched = await sandbox.api("PATCH", `/api/sso-connectors/${row.id}`, { providerName: "Okta", connectorName: "Acme 2" });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ providerName: "OIDC", connectorName: "Acme 2" });
  });

  test("PATCH with config fetches discovery again and replaces the config whole", async () => {
    const row = (await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "P", config: { ...oidc(idp.issuer), scope: "openid groups" } })).body as any;
    idp.clearHits();
    const patched = await sandbox.api("PATCH", `/api/sso-connectors/${row.id}`, { config: oidc(idp.issuer) });
    expect(patched.status).toBe(200);
    expect((patched.body as any).config).toEqual({ ...oidc(idp.issuer), trustUnverifiedEmail: false });
    expect(idp.hits()[0]).toBe("/.well-known/openid-configuration");
  });

  test("DELETE is 204, then 404; GET of a missing id is entity.not_exists_with_id", async () => {
    const row = (await sandbox.api("POST", "/api/sso-connectors", { providerName: "OIDC", connectorName: "Gone" })).body as any;
    expect((await sandbox.api("DELETE", `/api/sso-connectors/${row.id}`)).status).toBe(204);
    expect((await sandbox.api("DELETE", `/api/sso-connectors/${row.id}`)).status).toBe(404);
    expect((await sandbox.api("GET", `/api/sso-connectors/${row.id}`)).body).toEqual({
      code: "entity.not_exists_with_id",
      message: `The sso_connectors with ID \`${row.id}\` does not exist.`,
    });
  });
});
