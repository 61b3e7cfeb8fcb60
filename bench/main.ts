// `npm run bench`: how fast and how light this project is against the engine's own floor.
//
// Against the local Logto sandbox with a per-request latency, each measured stack (the mission
// stack, and generated stacks of N Logto objects from test/fixtures/bench) goes through cold
// `up`, no-op `preview`, `refresh` and `destroy` under the real pulumi CLI, and so does its
// floor: the same resource graph replayed by test/fixtures/bench/floor with dynamic resources
// that do nothing. Ratios are ours / floor of the same run. Settings: see `settings` below.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { createEngineStack, repoRoot, type EngineStack } from "../test/support/engine";
import { createFullStack, newFullStackSecrets } from "../test/support/full-stack";
import { spawnSandbox, type Sandbox } from "../test/support/sandbox";
import { measureClosures } from "./closures";
import { floorGraph, isProgramCustom, stateResources } from "./graph";
import { childPid, cpuMsOf, watchProcesses } from "./procs";
import { report, type BenchResults, type Op, type Sample, type SideResults, type Subject } from "./report";

const integer = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
};
const optionalInteger = (name: string) => (process.env[name] ? integer(name, 0) : undefined);

function rateLimitSetting(): { requests: number; windowMs: number } | undefined {
  const raw = process.env.BENCH_RATE_LIMIT ?? "200/10000";
  if (raw === "off" || raw === "0" || raw === "") return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  if (!match) throw new Error(`BENCH_RATE_LIMIT must be <requests>/<windowMs> or off, got "${raw}"`);
  return { requests: Number(match[1]), windowMs: Number(match[2]) };
}

const settings = {
  /** Runs of every stack, ours and floor each. */
  runs: Math.max(1, integer("BENCH_RUNS", 3)),
  /** Sizes of the generated stacks, in Logto objects (half apps, half OIDC connectors). */
  sizes: (process.env.BENCH_SIZES ?? "50,200").split(",").filter(Boolean).map(Number),
  /** Sizes of the generated authorization stacks (API resources with permissions, and roles). */
  authorizationSizes: (process.env.BENCH_AUTHORIZATION_SIZES ?? "200").split(",").filter(Boolean).map(Number),
  /** Sizes of the generated B2B stacks (organization template, organizations with JIT rules). */
  organizationSizes: (process.env.BENCH_ORGANIZATION_SIZES ?? "200").split(",").filter(Boolean).map(Number),
  /** Sizes of the generated sign-in page stacks (a SignInExperience, the rest CustomPhrases, one per language: at most 131). */
  wordingSizes: (process.env.BENCH_WORDING_SIZES ?? "100").split(",").filter(Boolean).map(Number),
  mission: process.env.BENCH_MISSION !== "0",
  latencyMs: integer("BENCH_LATENCY_MS", 40),
  /** Budget for one more run of the largest generated stack; "off" skips it. */
  rateLimit: rateLimitSetting(),
  /** `--parallel` for every pulumi run; unset: the CLI's default. */
  parallel: optionalInteger("BENCH_PARALLEL"),
  /** `logto:maxConcurrency` of our stacks; unset: the client's default. */
  maxConcurrency: optionalInteger("BENCH_MAX_CONCURRENCY"),
  /** The fixed cost: up and preview of empty programs (`BENCH_EMPTY=0` skips them). */
  emptyPrograms: process.env.BENCH_EMPTY !== "0",
  /** Wait up to this many seconds for the machine's 1-minute load average to drop below 1 before starting. */
  waitIdleSeconds: integer("BENCH_WAIT_IDLE_S", 0),
};
for (const size of settings.sizes) {
  if (!Number.isInteger(size) || size < 2) throw new Error(`BENCH_SIZES: each size must be a whole number ≥ 2, got ${size}`);
}
for (const size of [...settings.authorizationSizes, ...settings.organizationSizes]) {
  if (!Number.isInteger(size) || size < 20) throw new Error(`BENCH_AUTHORIZATION_SIZES, BENCH_ORGANIZATION_SIZES: each size must be a whole number ≥ 20, got ${size}`);
}
for (const size of settings.wordingSizes) {
  if (!Number.isInteger(size) || size < 2 || size > 131) throw new Error(`BENCH_WORDING_SIZES: each size must be a whole number from 2 to 131 (Logto knows 130 language tags), got ${size}`);
}

const progress = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const firstLine = (error: unknown) => {
  const text = String((error as Error)?.message ?? error);
  const line = text.split("\n").map((part) => part.trim()).find((part) => /^error: /.test(part) && !/update failed|preview failed/.test(part));
  return (line ?? text.split("\n")[0]).slice(0, 160);
};

/** One side of a comparison: our stack or its floor, with the runs measured so far. */
interface Side {
  kind: "ours" | "floor";
  engine: EngineStack;
  results: SideResults;
}

interface Bench {
  sandbox: Sandbox;
  /** The sandbox's process, whose CPU (Logto's work, on this machine) each operation records. */
  sandboxPid?: number;
  workDir: string;
  loads: number[];
}

async function measureOp(bench: Bench, side: Side, op: Op, run: () => Promise<unknown>): Promise<Sample> {
  await bench.sandbox.clearRequests();
  bench.loads.push(os.loadavg()[0]);
  const watcher = watchProcesses(side.engine.stack.workspace.envVars.PULUMI_BACKEND_URL);
  const sandboxCpu = bench.sandboxPid === undefined ? undefined : cpuMsOf(bench.sandboxPid);
  const start = performance.now();
  let error: string | undefined;
  let result: unknown;
  try {
    result = await run();
  } catch (caught) {
    error = firstLine(caught);
  }
  const ms = performance.now() - start;
  const processes = watcher.stop();
  const sandboxCpuAfter = bench.sandboxPid === undefined ? undefined : cpuMsOf(bench.sandboxPid);
  const log = (await bench.sandbox.requests()).filter((entry) => entry.class !== "admin");
  const count = (pick: (entry: (typeof log)[number]) => boolean) => log.filter(pick).length;
  const sample: Sample = {
    ms,
    requests: {
      token: count((entry) => entry.class === "token" && entry.status !== 429),
      read: count((entry) => entry.class === "read" && entry.status !== 429),
      write: count((entry) => entry.class === "write" && entry.status !== 429),
      limited: count((entry) => entry.status === 429),
    },
    ...processes,
    ...(sandboxCpu !== undefined && sandboxCpuAfter !== undefined && { sandboxCpuMs: sandboxCpuAfter - sandboxCpu }),
    ...(error !== undefined && { error }),
  };
  const changes = (result as { summary?: { resourceChanges?: Record<string, number> } } | undefined)?.summary?.resourceChanges;
  if (op === "refresh" && changes && Object.keys(changes).some((kind) => kind !== "same")) {
    sample.note = `refresh changed state: ${JSON.stringify(changes)}`;
  }
  (side.results.ops[op] ??= []).push(sample);
  const figures = `${(ms / 1000).toFixed(1)} s, ${sample.requests.token}/${sample.requests.read}/${sample.requests.write} token/read/write${sample.requests.limited ? `, ${sample.requests.limited}×429` : ""}`;
  progress(`  ${side.kind} ${op}: ${error ? `FAILED (${error})` : figures}${sample.note ? ` (${sample.note})` : ""}`);
  return sample;
}

/** Cold up, no-op preview, refresh, destroy; the state is measured after up. */
async function cycle(bench: Bench, side: Side, afterUp?: () => Promise<void>): Promise<void> {
  const { stack } = side.engine;
  const parallel = settings.parallel === undefined ? {} : { parallel: settings.parallel };
  const up = await measureOp(bench, side, "up", () => stack.up(parallel));
  if (up.error) {
    await stack.destroy(parallel).catch(() => undefined);
    return;
  }
  const state = await side.engine.exportState();
  const resources = stateResources(state);
  const custom = resources.filter(isProgramCustom);
  side.results.stateBytes.push(Buffer.byteLength(state));
  side.results.customResources = custom.length;
  const provider = custom[0]?.inputs?.__provider;
  if (typeof provider === "string") side.results.providerBytes = Buffer.byteLength(provider);
  await afterUp?.();
  await measureOp(bench, side, "preview", () => stack.preview({ expectNoChanges: true, ...parallel }));
  await measureOp(bench, side, "refresh", () => stack.refresh(parallel));
  const destroy = await measureOp(bench, side, "destroy", () => stack.destroy(parallel));
  if (destroy.error) await stack.destroy(parallel).catch(() => undefined);
}

const newSide = (kind: Side["kind"], engine: EngineStack): Side => ({ kind, engine, results: { ops: {}, stateBytes: [] } });

const tuningConfig = (): Record<string, string> =>
  settings.maxConcurrency === undefined ? {} : { "logto:maxConcurrency": String(settings.maxConcurrency) };

/** A measured stack and its floor; the floor's graph comes from the measured stack's first up. */
async function prepareSubject(bench: Bench, subject: Subject): Promise<{ ours: Side; floor: Side; graphFile: string }> {
  const generated = subject.shaped ?? (subject.objects === undefined ? undefined : { shape: "apps", objects: subject.objects });
  const ours =
    generated === undefined
      ? await createFullStack(bench.sandbox, newFullStackSecrets(), tuningConfig())
      : await createEngineStack({
          workDir: path.join(repoRoot, "test/fixtures/bench"),
          logto: bench.sandbox,
          config: { objects: String(generated.objects), shape: generated.shape, ...(generated.shape === "wording" && { languageTags: JSON.stringify(await languageTags()) }), ...tuningConfig() },
        });
  const graphFile = path.join(bench.workDir, `${subject.key}.graph.json`);
  const floor = await createEngineStack({
    workDir: path.join(repoRoot, "test/fixtures/bench/floor"),
    logto: bench.sandbox,
    config: { graphFile },
  });
  return { ours: newSide("ours", ours), floor: newSide("floor", floor), graphFile };
}

/** Every language tag Logto knows (@logto/language-kit), for the CustomPhrases of the wording stacks. */
async function languageTags(): Promise<string[]> {
  const { languages } = (await import("@logto/language-kit")) as { languages: Record<string, string> };
  return Object.keys(languages);
}

/**
 * The fixed cost: `up` and a no-op `preview` of programs with no resources, plain JavaScript and
 * TypeScript with no code of ours, and our bench program declaring 0 objects (it loads our library).
 */
async function emptyPrograms(bench: Bench): Promise<NonNullable<BenchResults["emptyPrograms"]>> {
  const program = async (label: string, fixture: string, config?: Record<string, string>) => ({
    label,
    side: newSide("ours", await createEngineStack({ workDir: path.join(repoRoot, "test/fixtures", fixture), logto: bench.sandbox, config })),
  });
  const programs = [
    await program("JavaScript, no code of ours", "bench/empty-js"),
    await program("TypeScript, no code of ours", "bench/empty-ts"),
    await program("ours: the bench program with 0 objects", "bench", { objects: "0" }),
  ];
  try {
    for (let run = 1; run <= settings.runs; run++) {
      for (const { label, side } of programs) {
        progress(`run ${run}/${settings.runs}, empty program: ${label}`);
        await measureOp(bench, side, "up", () => side.engine.stack.up());
        await measureOp(bench, side, "preview", () => side.engine.stack.preview({ expectNoChanges: true }));
      }
    }
    return programs.map(({ label, side }) => ({ label, results: side.results }));
  } finally {
    for (const { side } of programs) await side.engine.dispose();
  }
}

/** The physical limit of one generated stack: bench/limit.js creates, reads (twice: as preview, as refresh) and deletes its objects. */
async function limitCycle(bench: Bench, results: SideResults, objects: number): Promise<void> {
  const ids = path.join(bench.workDir, `limit-${objects}.json`);
  const env = { ...process.env, LOGTO_ENDPOINT: bench.sandbox.endpoint, LOGTO_M2M_APP_ID: bench.sandbox.appId, LOGTO_M2M_APP_SECRET: bench.sandbox.appSecret };
  const steps: Array<[Op, string]> = [["up", "up"], ["preview", "read"], ["refresh", "read"], ["destroy", "destroy"]];
  for (const [op, mode] of steps) {
    await bench.sandbox.clearRequests();
    const start = performance.now();
    let error: string | undefined;
    try {
      await promisify(execFile)(process.execPath, [path.join(__dirname, "limit.js"), mode, String(objects), ids], { cwd: repoRoot, env });
    } catch (caught) {
      error = firstLine((caught as { stderr?: string }).stderr || caught);
    }
    const ms = performance.now() - start;
    const log = (await bench.sandbox.requests()).filter((entry) => entry.class !== "admin");
    const count = (kind: string) => log.filter((entry) => entry.class === kind).length;
    (results.ops[op] ??= []).push({ ms, requests: { token: count("token"), read: count("read"), write: count("write"), limited: 0 }, ...(error !== undefined && { error }) });
    progress(`  limit ${op}: ${error ? `FAILED (${error})` : `${(ms / 1000).toFixed(1)} s, ${count("token")}/${count("read")}/${count("write")} token/read/write`}`);
  }
}

function machine(): string {
  const cpus = os.cpus();
  const pulumiVersion = require("@pulumi/pulumi/package.json").version as string;
  let distro = `${os.type()} ${os.release()}`;
  try {
    distro = /^PRETTY_NAME="?([^"\n]*)/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? distro;
  } catch {
    // not Linux
  }
  return `${cpus[0]?.model.trim() ?? "cpu"} × ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${distro}, Node ${process.version}, pulumi v${pulumiVersion}`;
}

function providerLoad(runs: number) {
  const script = path.join(__dirname, "provider-load.js");
  return Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [script], { cwd: repoRoot, encoding: "utf8" })) as BenchResults["providerLoad"][number]);
}

async function waitForIdle(): Promise<void> {
  const deadline = Date.now() + settings.waitIdleSeconds * 1000;
  while (Date.now() < deadline && os.loadavg()[0] >= 1) {
    progress(`waiting for the machine to be idle (1-min load average ${os.loadavg()[0].toFixed(2)})`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
}

async function main(): Promise<void> {
  const started = new Date();
  await waitForIdle();
  const subjects: Subject[] = [
    ...(settings.mission ? [{ key: "mission", label: "mission" }] : []),
    ...settings.sizes.map((objects) => ({ key: `objects-${objects}`, label: `${objects} objects`, objects })),
    ...settings.authorizationSizes.map((objects) => ({ key: `authorization-${objects}`, label: `${objects} APIs and roles`, shaped: { shape: "authorization" as const, objects } })),
    ...settings.organizationSizes.map((objects) => ({ key: `organizations-${objects}`, label: `${objects} organization objects`, shaped: { shape: "organizations" as const, objects } })),
    ...settings.wordingSizes.map((objects) => ({ key: `wording-${objects}`, label: `sign-in page and ${objects - 1} languages' phrases`, shaped: { shape: "wording" as const, objects } })),
  ];
  const largest = Math.max(...settings.sizes);
  progress(`closure serialization and provider load (${settings.runs} fresh processes)`);
  const closures = await measureClosures(largest);
  const load = providerLoad(settings.runs);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-bench-"));
  const sandbox = await spawnSandbox();
  const bench: Bench = { sandbox, sandboxPid: childPid("sandbox/main.ts"), workDir, loads: [] };
  const prepared: Array<Awaited<ReturnType<typeof prepareSubject>>> = [];
  const limits: SideResults[] = [];
  const results: BenchResults = {
    started: started.toISOString(),
    machine: machine(),
    settings: { ...settings, rateLimit: settings.rateLimit ?? null },
    subjects: [],
    closures,
    closureObjects: largest,
    providerLoad: load,
    loads: bench.loads,
  };
  try {
    await sandbox.faults({ latencyMs: settings.latencyMs });
    if (settings.emptyPrograms) results.emptyPrograms = await emptyPrograms(bench);
    for (const subject of subjects) prepared.push(await prepareSubject(bench, subject));

    for (let run = 1; run <= settings.runs; run++) {
      for (const [index, subject] of subjects.entries()) {
        const { ours, floor, graphFile } = prepared[index];
        const writeGraph = async () => {
          if (!fs.existsSync(graphFile)) fs.writeFileSync(graphFile, JSON.stringify(floorGraph(await ours.engine.exportDecryptedState())));
        };
        // Ours first in odd runs (the first run also records the floor's graph), the floor first in even ones.
        const order = run % 2 === 1 ? [ours, floor] : [floor, ours];
        for (const side of order) {
          progress(`run ${run}/${settings.runs}, ${subject.label}, ${side.kind}`);
          await cycle(bench, side, side === ours ? writeGraph : undefined);
        }
        if (subject.objects !== undefined && subject.shaped === undefined) {
          progress(`run ${run}/${settings.runs}, ${subject.label}, the physical limit`);
          await limitCycle(bench, (limits[index] ??= { ops: {}, stateBytes: [] }), subject.objects);
        }
      }
    }

    if (settings.rateLimit && settings.sizes.length > 0) {
      const index = subjects.findIndex((subject) => subject.objects === largest);
      const { ours } = prepared[index];
      const limited: Side = newSide("ours", ours.engine);
      const { requests, windowMs } = settings.rateLimit;
      progress(`${subjects[index].label} under a budget of ${requests} requests per ${windowMs / 1000} s, ours (the floor sends no requests: its runs above stand)`);
      await sandbox.faults({ latencyMs: settings.latencyMs, rateLimit: settings.rateLimit });
      try {
        await cycle(bench, limited);
      } finally {
        await sandbox.clearFaults();
        await sandbox.faults({ latencyMs: settings.latencyMs });
      }
      results.rateLimited = { key: subjects[index].key, label: subjects[index].label, ours: limited.results };
    }

    results.subjects = subjects.map((subject, index) => ({ ...subject, ours: prepared[index].ours.results, floor: prepared[index].floor.results, ...(limits[index] && { limit: limits[index] }) }));
    results.finished = new Date().toISOString();
    const text = report(results);
    const outDir = path.join(repoRoot, ".local/bench");
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, "-");
    fs.writeFileSync(path.join(outDir, `${stamp}.json`), JSON.stringify(results, null, 2));
    fs.writeFileSync(path.join(outDir, `${stamp}.md`), text);
    process.stdout.write(`${text}\n`);
    progress(`raw figures and this table: .local/bench/${stamp}.{json,md}`);
  } finally {
    for (const { ours, floor } of prepared) {
      await ours.engine.dispose();
      await floor.engine.dispose();
    }
    await sandbox.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
