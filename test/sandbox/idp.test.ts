import { createPublicKey } from "node:crypto";

import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { send } from "./helpers";

describe("sandbox stand-in OIDC identity provider (/__sandbox/idp/<name>)", () => {
  let sandbox: Sandbox;
  let issuer: string;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    issuer = `${sandbox.endpoint}/__sandbox/idp/okta`;
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  test("serves a discovery document whose issuer is its own URL", async () => {
    const { status, body } = await send(`${issuer}/.well-known/openid-configuration`);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
    });
  });

  test("each name is its own issuer", async () => {
    const { body } = await send(`${sandbox.endpoint}/__sandbox/idp/entra/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`${sandbox.endpoint}/__sandbox/idp/entra`);
  });

  test("publishes a real RSA public key and nothing private", async () => {
    const { body } = await send(`${issuer}/jwks`);

    expect(body.keys).toHaveLength(1);
    const [jwk] = body.keys;
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: expect.any(String) });
    expect(jwk.d).toBeUndefined();
    expect(createPublicKey({ key: jwk, format: "jwk" }).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect((await send(`${issuer}/jwks`)).body).toEqual(body);
  });

  test("an Okta SSO connector can be created with it as issuer", async () => {
    const created = await sandbox.api("POST", "/api/sso-connectors", {
      providerName: "Okta",
      connectorName: "Acme Okta",
      config: { issuer, clientId: "okta-client", clientSecret: "okta-secret" },
      domains: ["acme.com"],
    });
    expect(created.status).toBe(200);

    const fetched = await sandbox.api("GET", `/api/sso-connectors/${(created.body as { id: string }).id}`);
    expect((fetched.body as { providerConfig: unknown }).providerConfig).toMatchObject({
      issuer,
      tokenEndpoint: `${issuer}/token`,
      jwksUri: `${issuer}/jwks`,
    });
  });

  test("other paths under it are 404", async () => {
    expect((await send(`${issuer}/authorize`)).status).toBe(404);
  });
});
