import type { SsoConnectorOutputs } from "../../resources/sso-connector/provider";
import type { Sandbox } from "../support/sandbox";
import { secretPathsOf } from "../../resources/provider-kit/secrets";
import { checked, connectorsIn, oktaInputs, oktaIssuer, provider, providerAsItAnswers, sandboxForProvider } from "./support";

describe("SsoConnector create, read, update, delete", () => {
  let sandbox: Sandbox;
  let id: string;
  let outs: SsoConnectorOutputs;

  beforeAll(async () => {
    sandbox = await sandboxForProvider();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  test("create makes an Okta connector against the stand-in IdP and outputs its callback URL", async () => {
    ({ id, outs } = (await provider.create(await checked(oktaInputs(sandbox)))) as { id: string; outs: SsoConnectorOutputs });

    const [row] = await connectorsIn(sandbox);
    expect(row).toMatchObject({
      id,
      providerName: "Okta",
      connectorName: "Acme Okta",
      config: { issuer: oktaIssuer(sandbox), clientId: "okta-client", clientSecret: "okta-secret-1", trustUnverifiedEmail: false },
      domains: ["acme.com"],
      branding: { displayName: "Acme" },
    });
    expect(outs).toMatchObject({ ssoConnectorId: id, callbackUrl: `${sandbox.endpoint}/callback/${id}`, config: row.config });
    expect(outs.assertionConsumerServiceUrl).toBeUndefined();
  });

  test("read marks only the client secret secret in what it records, for refresh and adoption alike", async () => {
    const read = await providerAsItAnswers.read!(id, outs);

    expect(secretPathsOf(read.props)).toEqual(["config.clientSecret"]);
    expect(secretPathsOf(read.inputs)).toEqual(["config.clientSecret"]);
  });

  test("the same inputs checked again show no change", async () => {
    const diff = await provider.diff!(id, outs, await checked(oktaInputs(sandbox)));
    expect(diff.changes).toBe(false);
  });

  test("read gives back what create output", async () => {
    const read = await provider.read!(id, outs);
    expect(read.id).toBe(id);
    expect(read.props).toEqual(outs);
  });

  test("a branding change is patched in place", async () => {
    const news = await checked({ ...oktaInputs(sandbox), branding: { displayName: "Acme Corp" } });
    expect((await provider.diff!(id, outs, news)).changes).toBe(true);

    ({ outs } = (await provider.update!(id, outs, news)) as { outs: SsoConnectorOutputs });

    expect(outs.branding).toEqual({ displayName: "Acme Corp" });
    expect((await connectorsIn(sandbox))[0].branding).toEqual({ displayName: "Acme Corp" });
  });

  test("a new client secret is patched in place", async () => {
    const news = await checked({ ...oktaInputs(sandbox, "okta-secret-2"), branding: { displayName: "Acme Corp" } });

    ({ outs } = (await provider.update!(id, outs, news)) as { outs: SsoConnectorOutputs });

    const [row] = await connectorsIn(sandbox);
    expect(row.id).toBe(id);
    expect(row.config).toMatchObject({ clientSecret: "okta-secret-2" });
    expect(outs.config).toEqual(row.config);
  });

  test("a new provider name replaces the connector, deleting the old one first", async () => {
    const diff = await provider.diff!(id, outs, await checked({ ...oktaInputs(sandbox), providerName: "OIDC" }));
    expect(diff).toMatchObject({ changes: true, replaces: ["providerName"], deleteBeforeReplace: true });
  });

  test("delete removes it, and deleting it again succeeds", async () => {
    await provider.delete!(id, outs);
    expect(await connectorsIn(sandbox)).toEqual([]);
    await expect(provider.delete!(id, outs)).resolves.toBeUndefined();
  });

  test("a SAML connector also outputs its ACS URL and SP entity ID", async () => {
    const inputs = await checked({
      providerName: "SAML",
      connectorName: "Acme SAML",
      config: { entityId: "urn:acme", signInEndpoint: "https://idp.acme.com/sso", x509Certificate: "MIIC..." },
    });

    const created = await provider.create(inputs);

    expect(created.outs).toMatchObject({
      callbackUrl: `${sandbox.endpoint}/callback/${created.id}`,
      assertionConsumerServiceUrl: `${sandbox.endpoint}/api/authn/single-sign-on/saml/${created.id}`,
      spEntityId: `${sandbox.endpoint}/enterprise-sso/${created.id}`,
    });
    expect((await provider.diff!(created.id, created.outs!, inputs)).changes).toBe(false);
  });
});
