import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/sso-connector");
const newSecret = () => `okta-secret-${randomBytes(12).toString("hex")}`;

interface LogtoSsoConnector {
  id: string;
  connectorName: string;
  config: Record<string, unknown>;
  domains: string[];
}

describe("logto:SsoConnector under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  let issuer: string;
  const clientSecrets = [newSecret(), newSecret()];
  const connectors = async () => (await sandbox.api("GET", "/api/sso-connectors")).body as LogtoSsoConnector[];
  const writes = async () => (await sandbox.requests()).filter((entry) => entry.class === "write");

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    issuer = `${sandbox.endpoint}/__sandbox/idp/okta`;
    engine = await createEngineStack({
      workDir: fixture,
      logto: sandbox,
      config: { connectorName: "Acme Okta", issuer, clientId: "okta-client", domains: JSON.stringify(["Acme.com"]) },
      secrets: { clientSecret: clientSecrets[0] },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up creates an Okta connector against the stand-in IdP and outputs its callback URL", async () => {
    const result = await engine.up();

    const [connector, ...others] = await connectors();
    expect(others).toEqual([]);
    expect(connector).toMatchObject({
      connectorName: "Acme Okta",
      config: { issuer, clientId: "okta-client", clientSecret: clientSecrets[0], trustUnverifiedEmail: false },
      domains: ["acme.com"],
    });
    expect(result.outputs.ssoConnectorId).toEqual({ value: connector.id, secret: false });
    expect(result.outputs.callbackUrl.value).toBe(`${sandbox.endpoint}/callback/${connector.id}`);
    expect(result.outputs.connectorConfig.secret).toBe(true);
  });

  test("a preview right after up expects no changes and writes nothing", async () => {
    await sandbox.clearRequests();
    await engine.preview({ expectNoChanges: true });
    expect(await writes()).toEqual([]);
  });

  test("an issuer with a trailing slash is refused at preview, naming the property but not the secret", async () => {
    await engine.setConfig("issuer", `${issuer}/`);

    const failure = await engine.preview().then(() => undefined, (error: Error) => error.message);

    expect(failure).toContain(`resource 'okta' has a problem: config.issuer: must not end with "/"`);
    expect(failure).not.toContain("okta-client"); // nothing of the config is printed beside it
    await engine.setConfig("issuer", issuer);
  });

  test("a new client secret in config updates the connector in place", async () => {
    const [before] = await connectors();
    await engine.setConfig("clientSecret", clientSecrets[1], true);

    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    const [after] = await connectors();
    expect(after.id).toBe(before.id);
    expect(after.config.clientSecret).toBe(clientSecrets[1]);
  });

  test("refresh finds a secret rotated out of band and up puts the configured one back", async () => {
    const [connector] = await connectors();
    const rotated = newSecret();
    clientSecrets.push(rotated);
    await sandbox.api("PATCH", `/api/sso-connectors/${connector.id}`, { config: { ...connector.config, clientSecret: rotated } });

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(await engine.exportDecryptedState()).toContain(rotated); // so the search below would find it in plain text
    expect(await engine.exportState()).not.toContain(rotated);

    const result = await engine.up();
    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    expect((await connectors())[0].config.clientSecret).toBe(clientSecrets[1]);
    await engine.preview({ expectNoChanges: true });
  });

  test("neither the state nor anything printed holds a client secret or the M2M secret", async () => {
    const state = await engine.exportState();
    expect(await engine.exportDecryptedState()).toContain(clientSecrets[1]);

    for (const secret of [...clientSecrets, sandbox.appSecret]) {
      expect(state).not.toContain(secret);
      expect(engine.transcript()).not.toContain(secret);
    }
  });

  test("destroy leaves no connector behind", async () => {
    await engine.destroy();
    expect(await connectors()).toEqual([]);
  });
});
