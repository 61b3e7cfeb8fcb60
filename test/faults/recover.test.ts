// `npm run recover` on the full stack: a healthy stack is left alone; an unreadable `.attrs`
// sidecar (the "failed to load checkpoint: EOF" of a kill during a checkpoint write), a torn
// stack file, and a run SIGKILLed mid-up each end, after the one command, with Logto and state
// agreeing: each object once, nothing pending, a preview with no changes.
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnPulumi } from "../support/cli-process";
import { repoRoot, type EngineStack } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { untilWrites } from "../support/run-figures";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

describe("npm run recover", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  let stackFile: string;
  let lockDir: string;

  /**
   * The one command, as a user runs it in the project (CI unset, so it runs up itself). Run
   * asynchronously: a blocked test process would reuse connections the sandbox closed meanwhile.
   */
  const recover = () =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile("bash", [path.join(repoRoot, "scripts/recover.sh"), "--stack", engine.name], { cwd: repoRoot, env: { ...process.env, ...engine.envVars, CI: "" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
  const converged = async () => {
    expect(convergenceProblems(await inventory(sandbox, engine))).toEqual([]);
    await engine.preview({ expectNoChanges: true });
  };

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createFullStack(sandbox, newFullStackSecrets());
    const backend = engine.envVars.PULUMI_BACKEND_URL!.slice("file://".length);
    stackFile = path.join(backend, ".pulumi/stacks/logto-pulumi", `${engine.name}.json`);
    lockDir = path.join(backend, ".pulumi/locks/organization/logto-pulumi", engine.name);
    await engine.up();
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("on a healthy stack it changes nothing and says so", async () => {
    const state = fs.readFileSync(stackFile);
    await sandbox.clearRequests();

    const { code, output } = await recover();

    expect({ code, output: output.trim() }).toEqual({ code: 0, output: `recover: stack ${engine.name} is healthy: nothing to repair, nothing changed. A run that died before writing anything is finished by pulumi up.` });
    expect(fs.readFileSync(stackFile).equals(state)).toBe(true);
    expect((await sandbox.requests()).filter((entry) => entry.class === "write")).toEqual([]);
  });

  test('an empty .attrs sidecar ("failed to load checkpoint: EOF") is moved aside and the stack works again', async () => {
    fs.writeFileSync(`${stackFile}.attrs`, "");
    expect((await engine.cli(["preview"])).stderr).toContain("failed to load checkpoint: EOF");

    const { code, output } = await recover();

    expect(code).toBe(0);
    expect(output).toMatch(/recover: moved the unreadable sidecar .*\.json\.attrs aside/);
    await converged();
  });

  test("a torn stack file is restored from its .bak, and up reconciles the rest", async () => {
    const state = fs.readFileSync(stackFile);
    fs.writeFileSync(stackFile, state.subarray(0, state.length / 2));

    const { code, output } = await recover();

    expect(code).toBe(0);
    expect(output).toMatch(/recover: restored .*\.json from its \.bak/);
    await converged();
  });

  test("a lock held by a live pulumi process is left alone, and nothing changes", async () => {
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)", "pulumi-up-stand-in"], { stdio: "ignore" });
    fs.mkdirSync(lockDir, { recursive: true });
    const lock = path.join(lockDir, "live.json");
    fs.writeFileSync(lock, JSON.stringify({ pid: holder.pid, username: "ci", hostname: require("node:os").hostname(), timestamp: new Date().toISOString() }));
    try {
      const { code, output } = await recover();

      expect(code).toBe(1);
      expect(output).toContain(`a pulumi process (pid ${holder.pid}`);
      expect(fs.existsSync(lock)).toBe(true);
    } finally {
      holder.kill("SIGKILL");
      fs.rmSync(lock, { force: true });
    }
  });

  test("after an up SIGKILLed mid-run: the dead run's lock goes, its pending creates are cleared, and up takes over what it made", async () => {
    await engine.destroy();
    await sandbox.clearRequests();
    const run = spawnPulumi(engine, ["up", "--yes", "--skip-preview"]);
    await untilWrites(sandbox, 3);
    await run.killTree();
    const locks = () => fs.readdirSync(lockDir).filter((name) => name.endsWith(".json"));
    expect(locks()).toHaveLength(1);

    const { code, output } = await recover();

    expect(code).toBe(0);
    expect(output).toMatch(/recover: removed the lock of the dead run \(pid \d+/);
    expect(output).toMatch(/recover: cleared \d+ pending operation\(s\) of the dead run/);
    expect(fs.readdirSync(lockDir)).toEqual([]);
    await converged();
  });
});
