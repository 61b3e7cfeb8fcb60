import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEngineStack, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { fixtureCredentials, fixturePaths, fixturePort, fixtureStack } from "../fixtures/upgrade/fixture";

/**
 * State written by an earlier version of the provider (test/fixtures/upgrade, recorded with
 * record.ts) must keep working: the provider stored in that state loads today's code.
 */
describe("state from an earlier version of the provider", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const get = async <T>(apiPath: string) => (await sandbox.api("GET", apiPath)).body as T;

  beforeAll(async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-upgrade-"));
    fs.copyFileSync(fixturePaths.sandboxState, path.join(scratch, "sandbox.json"));

    sandbox = await spawnSandbox({ ...fixtureCredentials, stateFile: path.join(scratch, "sandbox.json"), port: fixturePort });
    engine = await createEngineStack({
      logto: sandbox,
      stackName: fixtureStack.name,
      passphrase: fixtureStack.passphrase,
      stackConfigFile: fs.readFileSync(fixturePaths.stackConfig, "utf8"),
    });
    const imported = await engine.cli(["stack", "import", "--file", fixturePaths.state]);
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
  });
});
