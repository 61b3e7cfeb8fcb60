// The tables `npm run bench` prints (Markdown), from the raw figures bench/main.ts collects.
import type { ClosureFigures } from "./closures";
import { ratios, show, spread, table } from "./stats";

export type Op = "up" | "preview" | "refresh" | "destroy";

export interface Sample {
  ms: number;
  /** What the sandbox answered, by class; `limited` counts 429 answers of any class. */
  requests: { token: number; read: number; write: number; limited: number };
  providerPeakKiB?: number;
  providerCpuMs?: number;
  programCpuMs?: number;
  languageHostCpuMs?: number;
  /** CPU of the `pulumi` CLI: the engine's steps, its gRPC calls, the checkpoint writes. */
  engineCpuMs?: number;
  /** CPU the sandbox (standing in for Logto, on the same cores) spent during the operation. */
  sandboxCpuMs?: number;
  error?: string;
  note?: string;
}

export interface SideResults {
  ops: Partial<Record<Op, Sample[]>>;
  /** `pulumi stack export` bytes after each up. */
  stateBytes: number[];
  customResources?: number;
  /** Bytes of one resource's serialized provider (`__provider`, stored in inputs and outputs). */
  providerBytes?: number;
}

export interface Subject {
  key: string;
  label: string;
  /** Generated stacks: Logto objects; absent for the mission stack. */
  objects?: number;
  /** Generated stacks of another shape (see test/fixtures/bench): its objects in all. */
  shaped?: { shape: "authorization" | "organizations" | "wording"; objects: number };
}

export interface BenchResults {
  started: string;
  finished?: string;
  machine: string;
  settings: {
    runs: number;
    sizes: number[];
    latencyMs: number;
    rateLimit: { requests: number; windowMs: number } | null;
    parallel?: number;
    maxConcurrency?: number;
  };
  subjects: Array<Subject & { ours: SideResults; floor: SideResults; limit?: SideResults }>;
  closures: { ours: ClosureFigures; floor: ClosureFigures };
  closureObjects: number;
  providerLoad: Array<{ phases: Array<{ phase: string; ms: number; cpuMs: number; rssMiB: number }>; peakMiB?: number }>;
  /** 1-minute load average at the start of each measured operation. */
  loads: number[];
  /** The fixed cost: up and no-op preview of programs with no resources. */
  emptyPrograms?: Array<{ label: string; results: SideResults }>;
  /** One more cycle of the largest generated stack under the sandbox's rate limit (ours only). */
  rateLimited?: { key: string; label: string; ours: SideResults };
}

const ops: Op[] = ["up", "preview", "refresh", "destroy"];
const opLabel: Record<Op, string> = { up: "cold up", preview: "no-op preview", refresh: "refresh", destroy: "destroy" };
const ok = (samples: Sample[] | undefined) => (samples ?? []).filter((sample) => sample.error === undefined);
const values = (samples: Sample[] | undefined, pick: (sample: Sample) => number | undefined) =>
  ok(samples).map(pick).filter((value): value is number => value !== undefined);
/** Paired by run: a failed run on either side drops the pair. */
const pairedRatio = (ours: Sample[] | undefined, floor: Sample[] | undefined, pick: (sample: Sample) => number | undefined) => {
  const length = Math.min(ours?.length ?? 0, floor?.length ?? 0);
  const oursValues: number[] = [];
  const floorValues: number[] = [];
  for (let index = 0; index < length; index++) {
    const [a, b] = [ours![index], floor![index]];
    const [x, y] = [pick(a), pick(b)];
    if (a.error || b.error || x === undefined || y === undefined) continue;
    oursValues.push(x);
    floorValues.push(y);
  }
  return spread(ratios(oursValues, floorValues));
};
const seconds = (samples: Sample[] | undefined) => show(spread(values(samples, (sample) => sample.ms)), 1, 1000);
const requestCell = (samples: Sample[] | undefined) => {
  const good = ok(samples);
  if (good.length === 0) return "–";
  const cell = (pick: (sample: Sample) => number) => show(spread(good.map(pick)), 0);
  return `${cell((sample) => sample.requests.token)} / ${cell((sample) => sample.requests.read)} / ${cell((sample) => sample.requests.write)}`;
};
const failures = (samples: Sample[] | undefined) => (samples ?? []).filter((sample) => sample.error).length;
const oursFloor = (ours: string, floor: string) => `${ours} / ${floor}`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (samples: Sample[] | undefined) => show(spread(values(samples, (sample) => sample.providerPeakKiB)), 0, 1024);
const cpu = (samples: Sample[] | undefined, pick: (sample: Sample) => number | undefined) => show(spread(values(samples, pick)), 1, 1000);
const median = (list: number[]) => spread(list)?.median;

function perResource(side: SideResults): number | undefined {
  const bytes = median(side.stateBytes);
  return bytes === undefined || !side.customResources ? undefined : bytes / side.customResources;
}

function timeTable(results: BenchResults): string {
  const rows = results.subjects.flatMap((subject) =>
    ops.map((op) => {
      const [ours, floor] = [subject.ours.ops[op], subject.floor.ops[op]];
      const failed = failures(ours) + failures(floor);
      return [
        `${subject.label}${subject.ours.customResources ? ` (${subject.ours.customResources})` : ""}`,
        opLabel[op],
        seconds(ours),
        seconds(floor),
        show(pairedRatio(ours, floor, (sample) => sample.ms), 2),
        requestCell(ours),
        requestCell(floor),
        failed ? `${failed} failed` : "",
      ];
    }),
  );
  return table(["stack (resources)", "operation", "ours s", "floor s", "ours/floor", "ours token / read / write", "floor requests", ""], rows);
}

/**
 * Ours against the physical limit (bench/limit.js): the same Management API requests with no
 * Pulumi; a no-op preview and a refresh against a script that reads each object once.
 */
function limitTable(results: BenchResults): string | undefined {
  const limited = results.subjects.filter((subject) => subject.limit);
  if (!limited.length) return undefined;
  const limitOp: Record<Op, string> = { up: "the same creates", preview: "one read per object", refresh: "one read per object", destroy: "the same deletes" };
  const rows = limited.flatMap((subject) =>
    ops.map((op) => [subject.label, opLabel[op], seconds(subject.ours.ops[op]), `${seconds(subject.limit!.ops[op])} (${limitOp[op]})`, show(pairedRatio(subject.ours.ops[op], subject.limit!.ops[op], (sample) => sample.ms), 1), requestCell(subject.limit!.ops[op])]),
  );
  return table(["stack", "operation", "ours s", "limit s", "ours/limit", "limit token / read / write"], rows);
}

function processTable(results: BenchResults): string {
  const rows = results.subjects.flatMap((subject) =>
    ops.map((op) => {
      const [ours, floor] = [subject.ours.ops[op], subject.floor.ops[op]];
      return [
        subject.label,
        opLabel[op],
        oursFloor(mib(ours), mib(floor)),
        oursFloor(cpu(ours, (sample) => sample.providerCpuMs), cpu(floor, (sample) => sample.providerCpuMs)),
        op === "up" || op === "preview"
          ? oursFloor(cpu(ours, (sample) => sample.programCpuMs), cpu(floor, (sample) => sample.programCpuMs))
          : "no program",
        cpu(ours, (sample) => sample.sandboxCpuMs),
      ];
    }),
  );
  return table(
    ["stack", "operation", "provider peak MiB (VmHWM) ours / floor", "provider CPU s ours / floor", "program CPU s ours / floor", "sandbox CPU s (ours)"],
    rows,
  );
}

function stateTable(results: BenchResults): string {
  const rows = results.subjects.map((subject) => {
    const [ours, floor] = [perResource(subject.ours), perResource(subject.floor)];
    return [
      subject.label,
      String(subject.ours.customResources ?? "–"),
      ours === undefined ? "–" : kib(ours),
      floor === undefined ? "–" : kib(floor),
      ours && floor ? (ours / floor).toFixed(2) : "–",
      oursFloor(String(subject.ours.providerBytes ?? "–"), String(subject.floor.providerBytes ?? "–")),
    ];
  });
  return table(["stack", "custom resources", "state per resource, ours", "floor", "ours/floor", "serialized provider B per copy, ours / floor (2 copies per resource)"], rows);
}

function closureTable(results: BenchResults): string {
  const objects = results.closureObjects;
  const row = (label: string, figures: ClosureFigures) => [
    label,
    String(figures.bytes),
    figures.oneMs.toFixed(1),
    String(figures.serializations),
    `${(figures.programMs / 1000).toFixed(2)} s`,
  ];
  return table(
    ["provider object", "serialized bytes", "ms per serialization", `serializations, program of ${objects} objects`, "wall time of those"],
    [
      row("ours, providers as the resource constructors make them", results.closures.ours),
      row("floor: one object", results.closures.floor),
    ],
  );
}

function loadTable(results: BenchResults): string {
  const phases = results.providerLoad[0]?.phases.map((phase) => phase.phase) ?? [];
  const figure = (index: number, pick: (phase: BenchResults["providerLoad"][number]["phases"][number]) => number) =>
    show(spread(results.providerLoad.map((run) => (run.phases[index] ? pick(run.phases[index]) : NaN))), 0);
  const rows = phases.map((phase, index) => [phase, figure(index, (each) => each.ms), figure(index, (each) => each.cpuMs), figure(index, (each) => each.rssMiB)]);
  return table(["phase (fresh node process)", "wall ms", "CPU ms", "RSS after, MiB"], rows);
}

function growthTable(results: BenchResults): string | undefined {
  const generated = results.subjects.filter((subject) => subject.objects !== undefined).sort((a, b) => a.objects! - b.objects!);
  if (generated.length < 2) return undefined;
  const [small, large] = [generated[0], generated.at(-1)!];
  const extra = large.objects! - small.objects!;
  const rows = ops.map((op) => {
    const time = (subject: (typeof generated)[number], side: "ours" | "floor") => median(values(subject[side].ops[op], (sample) => sample.ms));
    const cells = (side: "ours" | "floor") => {
      const [a, b] = [time(small, side), time(large, side)];
      if (a === undefined || b === undefined) return ["–", "–"];
      return [`${(b / a).toFixed(2)}`, `${((b - a) / extra).toFixed(0)}`];
    };
    const requestsPerObject = (subject: (typeof generated)[number]) => {
      const good = ok(subject.ours.ops[op]);
      if (good.length === 0) return "–";
      const total = median(good.map((sample) => sample.requests.read + sample.requests.write))!;
      return (total / subject.objects!).toFixed(2);
    };
    const [oursGrowth, oursMarginal] = cells("ours");
    const [floorGrowth, floorMarginal] = cells("floor");
    return [
      opLabel[op],
      generated.map((subject) => show(spread(values(subject.ours.ops[op], (sample) => sample.ms)), 1, 1000)).join(" → "),
      `×${oursGrowth}`,
      oursMarginal,
      `×${floorGrowth}`,
      floorMarginal,
      generated.map(requestsPerObject).join(" → "),
    ];
  });
  const sizes = generated.map((subject) => subject.objects).join(" → ");
  return table(
    ["operation", `ours s, ${sizes} objects`, `ours ×(${large.objects}/${small.objects})`, "ours ms per extra object", `floor ×(${large.objects}/${small.objects})`, "floor ms per extra object", "reads+writes per object"],
    rows,
  );
}

function emptyProgramTable(results: BenchResults): string | undefined {
  if (!results.emptyPrograms?.length) return undefined;
  const rows = results.emptyPrograms.flatMap(({ label, results: side }) =>
    (["preview", "up"] as Op[]).map((op) => [
      label,
      op === "up" ? "up (no resources)" : opLabel[op],
      seconds(side.ops[op]),
      ...layers.slice(0, 3).map(([, pick]) => cpu(side.ops[op], pick)),
    ]),
  );
  return table(["program", "operation", "wall s", "engine CPU s", "language host CPU s", "program CPU s"], rows);
}

/** The processes of a run, as the per-object CPU table lists them. */
const layers: Array<[string, (sample: Sample) => number | undefined]> = [
  ["engine (pulumi CLI: steps, gRPC, checkpoint writes)", (sample) => sample.engineCpuMs],
  ["language host", (sample) => sample.languageHostCpuMs],
  ["program (RegisterResource, outputs)", (sample) => sample.programCpuMs],
  ["dynamic provider (check, diff, create, …)", (sample) => sample.providerCpuMs],
  ["Logto (the sandbox)", (sample) => sample.sandboxCpuMs],
];

/**
 * Where the CPU goes, per object: each process's CPU ms per extra object from the smallest to the
 * largest generated stack (the slope), ours and floor, beside the wall ms per object. On 2 cores
 * the processes overlap, so CPU can add up to more than wall time.
 */
function layerTable(results: BenchResults): string | undefined {
  const generated = results.subjects.filter((subject) => subject.objects !== undefined).sort((a, b) => a.objects! - b.objects!);
  if (generated.length < 2) return undefined;
  const [small, large] = [generated[0], generated.at(-1)!];
  const extra = large.objects! - small.objects!;
  const slope = (side: "ours" | "floor", op: Op, pick: (sample: Sample) => number | undefined) => {
    const [a, b] = [median(values(small[side].ops[op], pick)), median(values(large[side].ops[op], pick))];
    return a === undefined || b === undefined ? "–" : ((b - a) / extra).toFixed(1);
  };
  const rows = (["up", "preview", "destroy"] as Op[]).flatMap((op) => [
    ...layers.map(([layer, pick]) => [opLabel[op], `${layer} CPU`, slope("ours", op, pick), layer.startsWith("Logto") ? "–" : slope("floor", op, pick)]),
    [opLabel[op], "**wall time**", slope("ours", op, (sample) => sample.ms), slope("floor", op, (sample) => sample.ms)],
  ]);
  return table(["operation", `per object (${small.objects} → ${large.objects})`, "ours ms", "floor ms"], rows);
}

function rateLimitTable(results: BenchResults): string | undefined {
  const limited = results.rateLimited;
  const budget = results.settings.rateLimit;
  if (!limited || !budget) return undefined;
  const free = results.subjects.find((subject) => subject.key === limited.key);
  const rows = ops.map((op) => {
    const ours = limited.ours.ops[op];
    const floor = median(values(free?.floor.ops[op], (sample) => sample.ms));
    const time = median(values(ours, (sample) => sample.ms));
    const sent = median(ok(ours).map((sample) => sample.requests.token + sample.requests.read + sample.requests.write));
    // The bucket starts full (at most `requests`), then refills at requests/window.
    const bound = sent === undefined ? undefined : (Math.max(0, sent - budget.requests) * budget.windowMs) / budget.requests / 1000;
    return [
      opLabel[op],
      seconds(ours),
      free ? seconds(free.ours.ops[op]) : "–",
      floor === undefined ? "–" : (floor / 1000).toFixed(1),
      time !== undefined && floor ? (time / floor).toFixed(2) : "–",
      requestCell(ours),
      show(spread(values(ours, (sample) => sample.requests.limited)), 0),
      bound === undefined ? "–" : bound.toFixed(1),
      (ours ?? []).map((sample) => sample.error ?? "ok").join("; "),
    ];
  });
  return table(
    ["operation", "ours s, limited", "ours s, no limit (median)", "floor s (median)", "limited ours/floor", "token / read / write", "429 answers", "budget's lower bound s", "result"],
    rows,
  );
}

interface Target {
  what: string;
  measured: string;
  met: boolean | undefined;
}

function targets(results: BenchResults): Target[] {
  const generated = results.subjects.filter((subject) => subject.objects !== undefined).sort((a, b) => a.objects! - b.objects!);
  const large = generated.at(-1);
  const ratioTarget = (op: Op, limit: number, subject = large, what = `${large?.objects ?? "?"} objects`): Target => {
    const ratio = subject && pairedRatio(subject.ours.ops[op], subject.floor.ops[op], (sample) => sample.ms);
    return {
      what: `${opLabel[op]} at ${what}, ours/floor ≤ ${limit}`,
      measured: show(ratio, 2),
      met: ratio ? ratio.median <= limit : undefined,
    };
  };
  const shaped = results.subjects.filter((subject) => subject.shaped !== undefined);
  const all = [...results.subjects.flatMap((subject) => [subject.ours]), ...(results.rateLimited ? [results.rateLimited.ours] : [])];
  const samples = (op?: Op) => all.flatMap((side) => (op ? ok(side.ops[op]) : ops.flatMap((each) => ok(side.ops[each]))));
  const tokens = samples().map((sample) => sample.requests.token);
  const previewWrites = samples("preview").map((sample) => sample.requests.write);
  const state = results.subjects.map((subject) => perResource(subject.ours)).filter((bytes): bytes is number => bytes !== undefined);
  const list: Target[] = [
    ratioTarget("up", 1.3),
    ratioTarget("preview", 1.2),
    ...shaped.flatMap((subject) => [
      ratioTarget("up", 1.3, subject, subject.label),
      ratioTarget("preview", 1.2, subject, subject.label),
    ]),
    {
      what: "state per resource ≤ 16 KiB",
      measured: state.length ? `${kib(Math.min(...state))} – ${kib(Math.max(...state))}` : "–",
      met: state.length ? Math.max(...state) <= 16 * 1024 : undefined,
    },
    {
      what: "at most 1 token request per run",
      measured: tokens.length ? `${Math.min(...tokens)} – ${Math.max(...tokens)} per run` : "–",
      met: tokens.length ? Math.max(...tokens) <= 1 : undefined,
    },
    {
      what: "0 writes on a no-op preview",
      measured: previewWrites.length ? `${Math.max(...previewWrites)} at most` : "–",
      met: previewWrites.length ? Math.max(...previewWrites) === 0 : undefined,
    },
  ];
  if (generated.length >= 2) {
    const [small] = generated;
    const growth = (side: "ours" | "floor") => {
      const [a, b] = [small, large!].map((subject) => median(values(subject[side].ops.up, (sample) => sample.ms)));
      return a && b ? b / a : undefined;
    };
    const perObject = (subject: (typeof generated)[number]) =>
      median(ok(subject.ours.ops.up).map((sample) => (sample.requests.read + sample.requests.write) / subject.objects!));
    const [ours, floor] = [growth("ours"), growth("floor")];
    const [requestsSmall, requestsLarge] = [perObject(small), perObject(large!)];
    const [stateSmall, stateLarge] = [perResource(small.ours), perResource(large!.ours)];
    const proportional = large!.objects! / small.objects!;
    const measured = ours && floor && requestsSmall && requestsLarge && stateSmall && stateLarge;
    list.push({
      what: `growth close to linear (${small.objects} → ${large!.objects} objects): cold up time grows at most ×${proportional}, requests per object and state per resource stay within 5% and 10%`,
      measured: measured
        ? `cold up ×${ours.toFixed(2)} (floor ×${floor.toFixed(2)}); requests per object ${requestsSmall.toFixed(2)} → ${requestsLarge.toFixed(2)}; state per resource ${kib(stateSmall)} → ${kib(stateLarge)}`
        : "–",
      met: measured
        ? ours <= proportional && Math.abs(requestsLarge / requestsSmall - 1) <= 0.05 && Math.abs(stateLarge / stateSmall - 1) <= 0.1
        : undefined,
    });
  }
  return list;
}

export function report(results: BenchResults): string {
  const { settings } = results;
  const loads = spread(results.loads);
  const sections = [
    `## logto-pulumi benchmark, ${results.started.slice(0, 16).replace("T", " ")} UTC`,
    [
      `Machine: ${results.machine}.`,
      `Sandbox latency ${settings.latencyMs} ms per request; pulumi \`--parallel\` ${settings.parallel ?? "CLI default"}; \`logto:maxConcurrency\` ${settings.maxConcurrency ?? "default (16)"}.`,
      `${settings.runs} run(s) per stack, ours and floor alternating; figures are median [min–max]; ratios are ours/floor of the same run.`,
      `Floor: the same resource graph (types, names, dependencies, inputs, secrets) replayed with dynamic resources whose provider does nothing (test/fixtures/bench/floor).`,
      loads ? `1-minute load average during the runs: median ${loads.median.toFixed(2)}, highest ${loads.max.toFixed(2)} (above the core count, other work competed for the CPU).` : "",
    ]
      .filter(Boolean)
      .join("\n"),
    "### Time and requests per run",
    timeTable(results),
    "### Provider and program processes",
    processTable(results),
    "### State after up",
    stateTable(results),
    `### Closure serialization at program start (pulumi.runtime.serializeFunction, ${results.closureObjects} objects)`,
    closureTable(results),
    `### Loading our providers in a fresh process (median of ${results.providerLoad.length}; peak ${show(spread(results.providerLoad.map((run) => run.peakMiB ?? NaN)), 0)} MiB)`,
    loadTable(results),
  ];
  const empty = emptyProgramTable(results);
  if (empty) sections.push("### The fixed cost: programs with no resources", empty);
  const limit = limitTable(results);
  if (limit) sections.push("### Against the physical limit: the same requests from a plain Node script (bench/limit.js, a fresh process, concurrency 16)", limit);
  const growth = growthTable(results);
  if (growth) sections.push("### Growth with object count", growth);
  const layer = layerTable(results);
  if (layer) sections.push("### Where each millisecond per object goes: CPU by process", layer);
  const limited = rateLimitTable(results);
  if (limited && settings.rateLimit) {
    sections.push(
      `### ${results.rateLimited!.label} under a budget of ${settings.rateLimit.requests} requests per ${settings.rateLimit.windowMs / 1000} s (1 run, ours; the floor sends no requests)`,
      limited,
    );
  }
  sections.push(
    "### Targets",
    targets(results)
      .map((target) => `- ${target.met === undefined ? "not measured" : target.met ? "met" : "MISSED"}: ${target.what}: ${target.measured}`)
      .join("\n"),
  );
  const sides = [
    ...results.subjects.flatMap((subject) => [
      { label: `${subject.label}, ours`, side: subject.ours },
      { label: `${subject.label}, floor`, side: subject.floor },
    ]),
    ...(results.rateLimited ? [{ label: `${results.rateLimited.label} rate-limited, ours`, side: results.rateLimited.ours }] : []),
  ];
  const notes = sides.flatMap(({ label, side }) =>
    ops.flatMap((op) => (side.ops[op] ?? []).flatMap((sample) => [sample.error, sample.note].filter(Boolean).map((text) => `- ${label} ${op}: ${text}`))),
  );
  if (notes.length) sections.push("### Failures and notes", notes.join("\n"));
  return sections.join("\n\n");
}
