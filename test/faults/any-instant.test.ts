// `pulumi up` of the full stack SIGKILLed (the CLI and everything it started) at 20 instants spread
// over the whole run, and just after resources report "created" (when the CLI writes its
// checkpoint), and of a generated stack of 80 objects at 6 more: each time `npm run recover` (and, where it finds the stack healthy, the re-run of
// up a user makes) must bring Logto and state to what an uninterrupted run makes: each object
// once, nothing lost, nothing pending, a preview with no changes.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { spawnPulumi } from "../support/cli-process";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const timedKills = 16;
const createdLineKills = [1, 3, 6, 10];
/** Half apps, half OIDC connectors (test/fixtures/bench): a stack several times the full one. */
const generatedObjects = 80;

interface Outcome {
  instant: string;
  pending: string;
  repairs: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm run recover` in the stack's project, as a user runs it after the kill (not in CI: it may run up). */
const recover = (engine: EngineStack) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile("bash", [path.join(repoRoot, "scripts/recover.sh"), "--stack", engine.name], { cwd: engine.workDir, env: { ...process.env, ...engine.envVars, CI: "" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

type Instant = { name: string; fraction?: number; createdLines?: number };

const instantsOf = (timed: number, createdLines: number[]): Instant[] => [
  ...Array.from({ length: timed }, (_, index) => ({ name: `${index + 1}/${timed + 1} of the way`, fraction: (index + 1) / (timed + 1) })),
  ...createdLines.map((count) => ({ name: `right after the ${count}. "created" line`, createdLines: count })),
];

/**
 * Kills `up` of `engine`'s stack at `instant` (of a run taking `fullRunMs`), then runs recover
 * (and the re-run of up a user makes, where recover finds the stack healthy).
 */
async function killThenRecover(engine: EngineStack, instant: Instant, fullRunMs: number, pendingOf: () => Promise<number>): Promise<Outcome> {
  const run = spawnPulumi(engine, ["up", "--yes", "--skip-preview"]);
  if (instant.fraction !== undefined) {
    await sleep(fullRunMs * instant.fraction);
  } else {
    while ((run.output().match(/ created \(/g) ?? []).length < instant.createdLines! && run.child.exitCode === null) await sleep(5);
  }
  await run.killTree();
  // A kill during a checkpoint write can leave the state unreadable: exactly what recover is for.
  const pending = await pendingOf().then(String, () => "state unreadable,");

  const recovered = await recover(engine);
  const repairs = recovered.stdout.split("\n").filter((line) => /^recover: (moved|restored|removed|cleared)/.test(line)).map((line) => line.replace(/^recover: /, "").replace(/ \(.*$/, ""));
  expect({ code: recovered.status, stderr: recovered.stderr.split("\n").filter((line) => /error/i.test(line)) }).toEqual({ code: 0, stderr: [] });
  // Killed before the run wrote anything (state and lock untouched), or after it wrote its last: healthy,
  // and recover says so without running up; the re-run a user makes then finishes the work.
  if (recovered.stdout.includes("is healthy")) await engine.up();
  return { instant: instant.name, pending, repairs };
}

/** How long an uninterrupted up of the stack takes; the second run is the one measured, the first also warms the transpiler's cache. */
async function uninterruptedUpMs(engine: EngineStack): Promise<number> {
  let ms = 0;
  for (let run = 0; run < 2; run++) {
    const started = Date.now();
    await engine.up();
    ms = Date.now() - started;
    await engine.destroy();
  }
  await engine.dispose();
  return ms;
}

const report = (title: string, fullRunMs: number, outcomes: Outcome[]) =>
  // eslint-disable-next-line no-console
  console.log(
    `${title} (an uninterrupted up took ${(fullRunMs / 1000).toFixed(1)} s):\n` +
      outcomes.map((o) => `- ${o.instant}: ${o.pending} pending; recover: ${o.repairs.join("; ") || "nothing to repair"}`).join("\n"),
  );

describe("up of the full stack killed at any instant, then npm run recover", () => {
  let sandbox: Sandbox;
  let fullRunMs = 0;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    await sandbox.faults({ latencyMs: 40 });
    fullRunMs = await uninterruptedUpMs(await createFullStack(sandbox, newFullStackSecrets()));
  });

  afterAll(async () => {
    await sandbox?.stop();
    report("Kills at any instant, full stack", fullRunMs, outcomes);
  });

  test.each(instantsOf(timedKills, createdLineKills).map((instant) => [instant.name, instant] as const))("killed %s", async (_name, instant) => {
    await sandbox.reset();
    await sandbox.faults({ latencyMs: 40 });
    const engine = await createFullStack(sandbox, newFullStackSecrets());
    try {
      outcomes.push(await killThenRecover(engine, instant, fullRunMs, async () => (await inventory(sandbox, engine)).pendingOperations.length));
      expect(convergenceProblems(await inventory(sandbox, engine))).toEqual([]);
      await engine.preview({ expectNoChanges: true });
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});

describe(`up of a generated stack of ${generatedObjects} objects killed at any instant, then npm run recover`, () => {
  let sandbox: Sandbox;
  let fullRunMs = 0;
  const outcomes: Outcome[] = [];
  const generatedStack = () => createEngineStack({ workDir: path.join(repoRoot, "test/fixtures/bench"), logto: sandbox, config: { objects: String(generatedObjects) } });
  const get = async <T>(apiPath: string) => (await sandbox.api("GET", apiPath)).body as T;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    await sandbox.faults({ latencyMs: 40 });
    fullRunMs = await uninterruptedUpMs(await generatedStack());
  });

  afterAll(async () => {
    await sandbox?.stop();
    report(`Kills at any instant, ${generatedObjects} generated objects`, fullRunMs, outcomes);
  });

  test.each(instantsOf(4, [5, 30]).map((instant) => [instant.name, instant] as const))("killed %s", async (_name, instant) => {
    await sandbox.reset();
    await sandbox.faults({ latencyMs: 40 });
    const engine = await generatedStack();
    const stateResources = async () => (JSON.parse(await engine.exportState()) as { deployment: { resources?: Array<{ custom?: boolean; type: string }>; pending_operations?: unknown[] } }).deployment;
    try {
      outcomes.push(await killThenRecover(engine, instant, fullRunMs, async () => (await stateResources()).pending_operations?.length ?? 0));

      const apps = (await get<Array<{ name: string }>>("/api/applications?page_size=100")).map((app) => app.name).filter((name) => name.startsWith("Bench app"));
      const connectors = (await get<Array<{ id: string }>>("/api/connectors")).map((connector) => connector.id);
      expect({ apps: apps.length, distinctApps: new Set(apps).size, connectors: connectors.length }).toEqual({ apps: generatedObjects / 2, distinctApps: generatedObjects / 2, connectors: generatedObjects / 2 });
      const state = await stateResources();
      expect({ logtoInState: (state.resources ?? []).filter((resource) => resource.type.startsWith("pulumi-nodejs:dynamic/logto:")).length, pending: state.pending_operations?.length ?? 0 }).toEqual({ logtoInState: generatedObjects, pending: 0 });
      await engine.preview({ expectNoChanges: true });
    } finally {
      await engine.dispose();
    }
  }, 180_000);
});
