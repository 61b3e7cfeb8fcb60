import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/connector");
const templates = (extra: object) =>
  ["Register", "SignIn", "ForgotPassword", "Generic"].map((usageType) => ({ usageType, subject: "Your code", content: "Code {{code}}", ...extra }));
const sesSecret = "ses-secret-4f8a2c";
const smtpPassword = "smtp-password-91d3e0";
const ses = { accessKeyId: "ses-key-id", accessKeySecret: sesSecret, region: "eu-west-1", emailAddress: "no-reply@example.com", templates: templates({}) };
const smtp = {
  host: "smtp.example.com",
  port: 587,
  auth: { user: "mailer", pass: smtpPassword },
  fromEmail: "no-reply@example.com",
  templates: templates({ contentType: "text/plain" }),
};

interface LogtoConnector {
  id: string;
  connectorId: string;
  type: string;
}

describe("an email connector under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const emailConnectors = async () =>
    ((await sandbox.api("GET", "/api/connectors")).body as LogtoConnector[]).filter((connector) => connector.type === "Email");

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({
      workDir: fixture,
      logto: sandbox,
      config: { mailFactory: "aws-ses-mail" },
      secrets: { mailConfig: JSON.stringify(ses) },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up creates it under the id chosen from project, stack and name", async () => {
    const result = await engine.up();

    expect(result.outputs.connectorId.value).toBe(`connector-fixture-${engine.name}-mail`);
    expect(await emailConnectors()).toEqual([expect.objectContaining({ id: result.outputs.connectorId.value, connectorId: "aws-ses-mail" })]);
    await engine.preview({ expectNoChanges: true });
  });

  test("the preview of a swap to SMTP says it replaces the connector, deleting it first, its config given as one secret shown as one", async () => {
    await engine.setConfig("mailFactory", "simple-mail-transfer-protocol");
    await engine.setConfig("mailConfig", JSON.stringify(smtp), true);

    const preview = await engine.preview();

    expect(preview.changeSummary).toMatchObject({ replace: 1 });
    expect(preview.stdout).toContain("+-pulumi-nodejs:dynamic/logto:Connector: (replace)");
    expect(preview.stdout).toMatch(/~ factoryId\s*: "aws-ses-mail" => "simple-mail-transfer-protocol"/);
    expect(preview.stdout).toMatch(/config\s*: \[secret\]/);
  });

  test("up swaps it without a moment with two email connectors", async () => {
    await sandbox.clearRequests();

    await engine.up();

    const writes = (await sandbox.requests()).filter((entry) => entry.class === "write").map((entry) => `${entry.method} ${entry.path}`);
    const id = `connector-fixture-${engine.name}-mail`;
    expect(writes).toEqual([`DELETE /api/connectors/${id}`, "POST /api/connectors"]);
    expect(await emailConnectors()).toEqual([expect.objectContaining({ id, connectorId: "simple-mail-transfer-protocol" })]);
  });

  test("neither the state nor any output shows the mail secrets", async () => {
    const state = await engine.exportState();

    for (const secret of [sesSecret, smtpPassword, sandbox.appSecret]) {
      expect(state).not.toContain(secret);
      expect(engine.transcript()).not.toContain(secret);
    }
    expect(await engine.exportDecryptedState()).toContain(smtpPassword);
  });

  test("destroy removes it", async () => {
    await engine.destroy();
    expect(await emailConnectors()).toEqual([]);
  });
});
