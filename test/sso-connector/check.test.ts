import { unknownValue } from "../../resources/provider-kit/check";
import { publicEmailDomains } from "../../resources/sso-connector/public-domains";
import { secretPathsOf } from "../../resources/provider-kit/secrets";
import type { Sandbox } from "../support/sandbox";
import { checked, oktaInputs, provider, providerAsItAnswers, sandboxForProvider } from "./support";

const secret = "s3cr3t-never-printed";
const issuer = "https://acme.okta.com/oauth2/default";
const okta = {
  providerName: "Okta",
  connectorName: "Acme Okta",
  config: { issuer, clientId: "client", clientSecret: secret },
  domains: ["Acme.COM"],
};
const failuresOf = async (news: Record<string, unknown>) =>
  (await provider.check!({} as never, { __provider: "serialized", ...news } as never)).failures;

describe("SsoConnector input checks", () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await sandboxForProvider();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  test("refuse the public email domains Logto refuses, no more and no fewer", async () => {
    const schemas = (await import("@logto/schemas")) as { singleSignOnDomainBlackList: readonly string[] };

    expect([...publicEmailDomains].sort()).toEqual([...schemas.singleSignOnDomainBlackList].sort());
  });

  test("normalize an Okta connector the way Logto stores it", async () => {
    expect(await checked(okta)).toEqual({
      ...okta,
      config: { ...okta.config, trustUnverifiedEmail: false },
      domains: ["acme.com"],
      branding: {},
      syncProfile: false,
      secretRevisions: { "config.clientSecret": 1 },
      __provider: "serialized",
    });
  });

  test("count a changed client secret as a new revision, so a preview shows it changed without showing it", async () => {
    const before = await checked(okta);
    const revisionAfter = async (clientSecret: string, olds: object) =>
      ((await provider.check!(olds as never, { __provider: "serialized", ...okta, config: { ...okta.config, clientSecret } } as never)).inputs as { secretRevisions: object }).secretRevisions;

    expect(await revisionAfter(secret, before)).toEqual({ "config.clientSecret": 1 });
    const rotated = { ...before, config: { ...before.config, clientSecret: "rotated" }, secretRevisions: await revisionAfter("rotated", before) };
    expect(rotated.secretRevisions).toEqual({ "config.clientSecret": 2 });
    expect(await revisionAfter("rotated", rotated)).toEqual({ "config.clientSecret": 2 });
  });

  test("mark only the client secret secret: the issuer, client id and the rest show in previews", async () => {
    const result = await providerAsItAnswers.check!({} as never, { __provider: "serialized", ...okta } as never);

    expect(secretPathsOf(result.inputs)).toEqual(["config.clientSecret"]);
  });

  test("mark nothing of a SAML config secret: its metadata and certificate are public", async () => {
    const saml = { providerName: "SAML", connectorName: "Acme SAML", config: { entityId: "urn:acme", signInEndpoint: "https://idp.acme.com/sso", x509Certificate: "MIIC" } };
    const result = await providerAsItAnswers.check!({} as never, { __provider: "serialized", ...saml } as never);

    expect(secretPathsOf(result.inputs)).toEqual([]);
  });

  test.each([
    ["a trailing slash on the issuer", { config: { ...okta.config, issuer: `${issuer}/` } }, "config", 'config.issuer: must not end with "/"'],
    ["an issuer that is not a URL", { config: { ...okta.config, issuer: "acme.okta.com" } }, "config", "config.issuer: must be an http(s) URL"],
    ["a missing clientSecret", { config: { issuer, clientId: "client" } }, "config", "config.clientSecret: is required"],
    ["a misspelt config key", { config: { ...okta.config, clientsecret: "x" } }, "config", "config: unknown properties clientsecret"],
    ["a public email domain", { domains: ["acme.com", "GMail.com"] }, "domains", "domains[1]: gmail.com is a public email domain"],
    ["a repeated domain", { domains: ["acme.com", "ACME.com"] }, "domains", "domains[1]: acme.com repeats domains[0]"],
    ["an unknown provider", { providerName: "Auth0" }, "providerName", "providerName: must be one of Okta, OIDC, AzureAdOidc, GoogleWorkspace, SAML, AzureAD"],
    ["an empty connector name", { connectorName: "" }, "connectorName", "connectorName: must not be empty"],
    ["an issuer for Google Workspace", { providerName: "GoogleWorkspace" }, "config", "config: unknown properties issuer"],
  ])("refuse %s, naming the property and never the secret", async (_what, change, topLevel, reason) => {
    // A config failure has no property: the engine would print the secret config beside it.
    const property = topLevel === "config" ? "" : topLevel;
    const failures = await failuresOf({ ...okta, ...change });

    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
    expect(JSON.stringify(failures)).not.toContain(secret);
  });

  test("accept each SAML config form and refuse none or a mix", async () => {
    const saml = (config: object) => ({ providerName: "SAML", connectorName: "Acme SAML", config });
    const manual = { entityId: "urn:acme", signInEndpoint: "https://idp.acme.com/sso", x509Certificate: "MIIC..." };

    expect((await checked(saml({ metadataUrl: "https://idp.acme.com/metadata" }))).config).toEqual({ metadataUrl: "https://idp.acme.com/metadata" });
    expect((await checked(saml({ metadata: "<EntityDescriptor/>" }))).config).toEqual({ metadata: "<EntityDescriptor/>" });
    expect((await checked({ ...saml(manual), providerName: "AzureAD" })).config).toEqual(manual);
    expect(await failuresOf(saml({}))).toEqual([
      { property: "", reason: expect.stringContaining("config: must hold either metadataUrl, or metadata") },
    ]);
    expect(await failuresOf(saml({ metadataUrl: "https://idp.acme.com/metadata", ...manual }))).toEqual([
      { property: "", reason: expect.stringContaining("unknown properties entityId, signInEndpoint, x509Certificate") },
    ]);
  });

  test("do not judge values that are unknown until apply", async () => {
    const result = await provider.check!({} as never, { ...okta, config: { ...okta.config, clientSecret: unknownValue, issuer: unknownValue } } as never);
    expect(result.failures).toBeUndefined();
    expect((await provider.check!({} as never, { ...okta, config: unknownValue } as never)).failures).toBeUndefined();
  });

  test("checks send no request to Logto", async () => {
    await sandbox.clearRequests();
    await failuresOf({ ...okta, domains: ["gmail.com"] });
    await checked(oktaInputs(sandbox));
    expect(await sandbox.requests()).toEqual([]);
  });
});
