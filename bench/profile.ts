// `npm run bench -- profile`: where each millisecond per object goes, from CPU profiles of every
// process of a run. The generated stack (half apps, half OIDC connectors) and its floor go
// through cold `up`, no-op `preview` and `destroy` at two sizes, with the CLI's own profiler on the
// engine (`--profiling`, Go pprof) and V8's on every Node.js process it starts (`--cpu-prof`: the
// program and the dynamic provider). Each sample is put in one category by its stack; the marginal
// cost per object is the difference between the two sizes over the difference in objects. The
// empty JavaScript program (test/fixtures/bench/empty-js) is profiled too: the fixed cost.
// Settings: BENCH_PROFILE_SIZES (`50,200`), BENCH_LATENCY_MS (40).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { createEngineStack, repoRoot, type EngineStack } from "../test/support/engine";
import { spawnSandbox, type Sandbox } from "../test/support/sandbox";
import { floorGraph } from "./graph";
import { engineCategories, nodeCategories, type Profile } from "./profile-categories";

const sizes = (process.env.BENCH_PROFILE_SIZES ?? "50,200").split(",").map(Number);
if (sizes.length !== 2 || sizes.some((size) => !Number.isInteger(size) || size < 2) || sizes[0] >= sizes[1]) {
  throw new Error(`BENCH_PROFILE_SIZES must be two growing sizes, e.g. 50,200; got "${process.env.BENCH_PROFILE_SIZES}"`);
}
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 40);
const ops = ["up", "preview", "destroy"] as const;
type Op = (typeof ops)[number];
type Side = "ours" | "floor";

const progress = (line: string) => process.stderr.write(`[profile ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const run = promisify(execFile);

/** Wall time and CPU ms by process and category of one operation. */
interface Measured {
  wallMs: number;
  cpu: Record<string, Record<string, number>>;
}

const opArgs: Record<Op, string[]> = {
  up: ["up", "--yes", "--skip-preview"],
  preview: ["preview", "--expect-no-changes"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

async function goPprofTraces(file: string): Promise<string> {
  return (await run("go", ["tool", "pprof", "-traces", file], { maxBuffer: 256 * 1024 * 1024 })).stdout;
}

/** V8 profiles written into `dir` during the operation, by process: the program or the dynamic provider. */
function nodeProfiles(dir: string): Array<{ process: string; profile: Profile }> {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".cpuprofile"))
    .map((file) => {
      const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
      const urls = profile.nodes.map((node) => node.callFrame.url);
      const process = urls.some((url) => url.includes("cmd/dynamic-provider")) ? "provider" : urls.some((url) => url.includes("cmd/run")) ? "program" : "other node";
      return { process, profile };
    });
}

async function measure(engine: EngineStack, op: Op, dir: string, nodeDir: string): Promise<Measured> {
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(nodeDir)) fs.rmSync(path.join(nodeDir, file));
  const start = performance.now();
  const result = await engine.cli([...opArgs[op], "--profiling", path.join(dir, "engine")], false);
  const wallMs = performance.now() - start;
  if (result.code !== 0) throw new Error(`${op} failed: ${result.stderr.slice(0, 500)}`);
  const cpu: Measured["cpu"] = {};
  const engineProfile = fs.readdirSync(dir).find((file) => file.endsWith(".cpu"));
  if (engineProfile) cpu.engine = engineCategories(await goPprofTraces(path.join(dir, engineProfile)));
  for (const { process, profile } of nodeProfiles(nodeDir)) {
    const categories = nodeCategories(profile);
    const into = (cpu[process] ??= {});
    for (const [category, ms] of Object.entries(categories)) into[category] = (into[category] ?? 0) + ms;
  }
  for (const file of fs.readdirSync(nodeDir)) fs.renameSync(path.join(nodeDir, file), path.join(dir, file));
  return { wallMs, cpu };
}

async function stackOf(side: Side, sandbox: Sandbox, objects: number, graphFile: string): Promise<EngineStack> {
  return side === "ours"
    ? createEngineStack({ workDir: path.join(repoRoot, "test/fixtures/bench"), logto: sandbox, config: { objects: String(objects), shape: "apps" } })
    : createEngineStack({ workDir: path.join(repoRoot, "test/fixtures/bench/floor"), logto: sandbox, config: { graphFile } });
}

const round = (ms: number) => (Math.abs(ms) >= 10 ? ms.toFixed(0) : ms.toFixed(1));

/** A row of a table: one category of one process, or `wall`. */
const rowKey = (process: string, category: string) => `${process}\u0000${category}`;
const rowParts = (key: string) => key.split("\u0000") as [process: string, category: string];
const wallKey = rowKey("wall", "wall");
/** Process by name, then the larger figure first; wall last. */
const rowOrder = (figure: (key: string) => number) => (a: string, b: string) =>
  (a === wallKey ? 1 : b === wallKey ? -1 : rowParts(a)[0].localeCompare(rowParts(b)[0]) || figure(b) - figure(a));

/** CPU ms by row, and the wall time. */
function rowsOf(measured: Measured): Map<string, number> {
  const rows = new Map<string, number>();
  for (const [process, categories] of Object.entries(measured.cpu)) for (const [category, ms] of Object.entries(categories)) rows.set(rowKey(process, category), ms);
  return rows.set(wallKey, measured.wallMs);
}

/** The marginal ms per object of every row, from the two sizes' measurements. */
function marginal(small: Measured, large: Measured, objects: number): Map<string, number> {
  const [before, after] = [rowsOf(small), rowsOf(large)];
  return new Map([...new Set([...before.keys(), ...after.keys()])].map((key) => [key, ((after.get(key) ?? 0) - (before.get(key) ?? 0)) / objects]));
}

type Marginals = Record<Op, Record<Side, Map<string, number>>>;

function marginals(results: Record<Side, Record<number, Record<Op, Measured>>>): Marginals {
  const [small, large] = sizes;
  const of = (side: Side, op: Op) => marginal(results[side][small][op], results[side][large][op], large - small);
  return Object.fromEntries(ops.map((op) => [op, { ours: of("ours", op), floor: of("floor", op) }])) as Marginals;
}

const groups: Array<[string, (process: string, category: string) => boolean]> = [
  ["engine: checkpoints (the whole state, after every step)", (process, category) => process === "engine" && category.startsWith("checkpoint:")],
  ["engine: the rest (steps, gRPC, garbage collection)", (process, category) => process === "engine" && !category.startsWith("checkpoint:")],
  ["program (Pulumi SDK, stack traces, gRPC)", (process) => process === "program"],
  ["dynamic provider", (process) => process === "provider"],
  ["other Node.js processes", (process) => process === "other node"],
  ["CPU, all processes", (process) => process !== "wall"],
  ["wall", (process) => process === "wall"],
];

/** One row per group of processes and categories, a column pair (ours, floor) per operation. */
function summary(perOp: Marginals): string {
  const [small, large] = sizes;
  const sum = (rows: Map<string, number>, pick: (process: string, category: string) => boolean) =>
    [...rows].filter(([key]) => pick(...rowParts(key))).reduce((total, [, ms]) => total + ms, 0);
  return [
    `ms per object (${small} → ${large} objects), ours / floor`,
    ``,
    `| where | ${ops.map((op) => `${op} ours | ${op} floor`).join(" | ")} |`,
    `| --- | ${ops.map(() => "--- | ---").join(" | ")} |`,
    ...groups.map(([label, pick]) => `| ${label} | ${ops.map((op) => `${round(sum(perOp[op].ours, pick))} | ${round(sum(perOp[op].floor, pick))}`).join(" | ")} |`),
  ].join("\n");
}

function table(perOp: Marginals, results: Record<Side, Record<number, Record<Op, Measured>>>): string {
  const [small, large] = sizes;
  const lines: string[] = [];
  for (const op of ops) {
    const { ours, floor } = perOp[op];
    const keys = [...new Set([...ours.keys(), ...floor.keys()])].filter((key) => Math.abs(ours.get(key) ?? 0) >= 0.5 || Math.abs(floor.get(key) ?? 0) >= 0.5);
    keys.sort(rowOrder((key) => ours.get(key) ?? 0));
    lines.push(``, `${op}: ms per object (${small} → ${large} objects; CPU unless "wall")`, ``, `| process | where | ours | floor |`, `| --- | --- | --- | --- |`);
    lines.push(...keys.map((key) => `| ${rowParts(key).join(" | ")} | ${round(ours.get(key) ?? 0)} | ${round(floor.get(key) ?? 0)} |`));
    const whole = (side: Side) => `${(results[side][large][op].wallMs / 1000).toFixed(1)} s`;
    lines.push(``, `Wall time at ${large} objects: ours ${whole("ours")}, floor ${whole("floor")} (one profiled run each).`);
  }
  return lines.join("\n");
}

/** The fixed cost: CPU ms of the empty JavaScript program's up and preview (no code of ours), by process and category. */
function fixedCost(measured: Record<"up" | "preview", Measured>): string {
  const [up, preview] = [rowsOf(measured.up), rowsOf(measured.preview)];
  const keys = [...new Set([...up.keys(), ...preview.keys()])].filter((key) => key !== wallKey);
  const shown = keys.filter((key) => (up.get(key) ?? 0) >= 20 || (preview.get(key) ?? 0) >= 20).sort(rowOrder((key) => up.get(key) ?? 0));
  const cpu = (rows: Map<string, number>) => keys.reduce((sum, key) => sum + (rows.get(key) ?? 0), 0).toFixed(0);
  return [
    ``,
    `The fixed cost: test/fixtures/bench/empty-js, a JavaScript program with no resources and no code of ours (CPU ms, one profiled run)`,
    ``,
    `| process | where | up | preview |`,
    `| --- | --- | --- | --- |`,
    ...shown.map((key) => `| ${rowParts(key).join(" | ")} | ${(up.get(key) ?? 0).toFixed(0)} | ${(preview.get(key) ?? 0).toFixed(0)} |`),
    `| all | CPU | ${cpu(up)} | ${cpu(preview)} |`,
    `| all | wall | ${measured.up.wallMs.toFixed(0)} | ${measured.preview.wallMs.toFixed(0)} |`,
  ].join("\n");
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-profile-"));
  const sandbox = await spawnSandbox();
  await sandbox.faults({ latencyMs });
  const nodeDir = path.join(workDir, "node");
  fs.mkdirSync(nodeDir);
  // Every Node.js process the CLI starts from here on writes its profile on exit.
  process.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${nodeDir} --require ${path.join(__dirname, "exit-on-signal.js")}`;
  const results = { ours: {}, floor: {} } as Record<Side, Record<number, Record<Op, Measured>>>;
  const empty = {} as Record<"up" | "preview", Measured>;
  try {
    for (const objects of sizes) {
      const graphFile = path.join(workDir, `graph-${objects}.json`);
      for (const side of ["ours", "floor"] as const) {
        const engine = await stackOf(side, sandbox, objects, graphFile);
        try {
          const measured = {} as Record<Op, Measured>;
          for (const op of ops) {
            measured[op] = await measure(engine, op, path.join(workDir, `${side}-${objects}`, op), nodeDir);
            progress(`${side} ${objects} ${op}: ${(measured[op].wallMs / 1000).toFixed(1)} s`);
            if (side === "ours" && op === "up") fs.writeFileSync(graphFile, JSON.stringify(floorGraph(await engine.exportDecryptedState())));
          }
          results[side][objects] = measured;
        } finally {
          await engine.dispose();
        }
      }
    }
    const emptyProgram = await createEngineStack({ workDir: path.join(repoRoot, "test/fixtures/bench/empty-js"), logto: sandbox });
    try {
      for (const op of ["up", "preview"] as const) {
        empty[op] = await measure(emptyProgram, op, path.join(workDir, "empty-js", op), nodeDir);
        progress(`empty program ${op}: ${(empty[op].wallMs / 1000).toFixed(1)} s`);
      }
    } finally {
      await emptyProgram.dispose();
    }
  } finally {
    delete process.env.NODE_OPTIONS;
    await sandbox.stop();
  }
  const perOp = marginals(results);
  const report = [`# Where each millisecond per object goes (${new Date().toISOString().slice(0, 16)} UTC, pulumi ${require("@pulumi/pulumi/package.json").version}, Node ${process.versions.node})`, ``, summary(perOp), table(perOp, results), fixedCost(empty)].join("\n");
  const out = path.join(repoRoot, ".local/bench");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `profile-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  fs.writeFileSync(`${file}.md`, `${report}\n`);
  fs.writeFileSync(`${file}.json`, JSON.stringify({ sizes, latencyMs, results, empty }, null, 1));
  process.stdout.write(`${report}\n\nprofiles: ${workDir}\nkept in ${file}.{md,json}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
