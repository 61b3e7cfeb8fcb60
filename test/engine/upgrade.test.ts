import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEngineStack, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { fixtureCredentials, fixturePort, fixtureStack, recordings } from "../fixtures/upgrade/fixture";

/**
 * State written by earlier versions (test/fixtures/upgrade/<recording>, each recorded with
 * record.ts by the provider, pulumi and Node.js of its name) must keep working with today's code,
 * pulumi and Node.js: the provider stored in that state loads today's code.
 */
describe.each(recordings())("state recorded by $name", (recording) => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const get = async <T>(apiPath: string) => (await sandbox.api("GET", apiPath)).body as T;

  beforeAll(async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-upgrade-"));
    fs.copyFileSync(recording.sandboxState, path.join(scratch, "sandbox.json"));

    sandbox = await spawnSandbox({ ...fixtureCredentials, stateFile: path.join(scratch, "sandbox.json"), port: fixturePort });
    engine = await createEngineStack({
      logto: sandbox,
      stackName: fixtureStack.name,
      passphrase: fixtureStack.passphrase,
      stackConfigFile: fs.readFileSync(recording.stackConfig, "utf8"),
    });
    const imported = await engine.cli(["stack", "import", "--file", recording.state]);
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("a preview with today's code replaces nothing and changes nothing", async () => {
    const preview = await engine.preview({ expectNoChanges: true });

    expect(Object.keys(preview.changeSummary)).toEqual(["same"]);
  });

  test("refresh reads every resource back", async () => {
    const refresh = await engine.refresh();

    expect(Object.keys(refresh.summary.resourceChanges!)).toEqual(["same"]);
  });

  test("destroy removes what the old state holds and puts the sign-in experience back", async () => {
    await engine.destroy();

    expect(await get("/api/connectors")).toEqual([]);
    expect(await get("/api/sso-connectors")).toEqual([]);
    expect((await get<Array<{ id: string }>>("/api/applications")).map((app) => app.id)).toEqual([sandbox.appId]);
    expect(await get("/api/sign-in-exp")).toMatchObject({ socialSignInConnectorTargets: [], singleSignOnEnabled: false, signUp: { identifiers: ["username"] } });
    expect((await get<Array<{ id: string }>>("/api/resources")).map((resource) => resource.id)).toEqual(["management-api"]);
    expect((await get<Array<{ name: string }>>("/api/roles")).map((role) => role.name)).toEqual(["Logto Management API access"]);
    expect(await get("/api/organizations")).toEqual([]);
    expect(await get("/api/organization-roles")).toEqual([]);
  });
});

test("the recordings include one made by the pulumi and Node.js the project runs today", () => {
  const pulumiVersion = require("@pulumi/pulumi/package.json").version as string;

  expect(recordings().map((r) => r.name)).toEqual(
    expect.arrayContaining(["pulumi-3.248.0-node-20", `pulumi-${pulumiVersion}-node-${process.versions.node.split(".")[0]}`]),
  );
});
