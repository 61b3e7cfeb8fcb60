// Puts every CPU sample of a profile in one category, by its stack: the engine's (Go pprof, read
// through `go tool pprof -traces`) and the Node.js processes' (V8 .cpuprofile).

/** A V8 CPU profile as `node --cpu-prof` writes it. */
export interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** First match wins; each rule sees the whole stack, one function per line, leaf first. */
const engineRules: Array<[string, RegExp]> = [
  ["checkpoint: backup copy of the previous state file", /diy\.backupTarget/],
  ["checkpoint: state to JSON", /(encoding\/json|stack\.Serialize|DeploymentV3ToCheckpoint|compactJSONMarshaler)[\s\S]*saveSnapshot/],
  ["checkpoint: file write, with its MD5", /(gocloud\.dev|crypto\/md5|syscall|os\.)[\s\S]*saveSnapshot/],
  ["checkpoint: snapshot copy and integrity check", /saveSnapshot|SnapshotManager/],
  ["garbage collection", /runtime\.(gcBgMarkWorker|bgsweep|bgscavenge|gcDrain)/],
  ["gRPC and protobuf", /google\.golang\.org\/(grpc|protobuf)|golang\.org\/x\/net\/http2/],
  ["display of progress and diffs", /pkg\/v3\/(display|backend\/display)/],
  ["steps, diffs, plugin calls", /pkg\/v3\/resource\/(deploy|plugin)|sdk\/v3\/go\/common\/resource/],
];

const pprofUnits: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000 };

/** CPU ms by category of one engine profile, from the text of `go tool pprof -traces`. */
export function engineCategories(traces: string): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const block of traces.split(/^-+\+-+$/m).slice(1)) {
    const match = /^\s*([\d.]+)(ns|us|µs|ms|s)\s+([\s\S]*)$/.exec(block.trim());
    if (!match) continue;
    const ms = Number(match[1]) * pprofUnits[match[2]];
    const stack = match[3];
    const category = engineRules.find(([, rule]) => rule.test(stack))?.[0] ?? "other";
    totals[category] = (totals[category] ?? 0) + ms;
  }
  return totals;
}

/** By the URL of the innermost frame that is not Node.js's own; first match wins. */
const nodeRules: Array<[string, RegExp]> = [
  ["stack traces mapped to sources (source-map-support)", /source-map-support/],
  ["provider serialization", /@pulumi\/pulumi\/runtime\/closure/],
  ["gRPC and protobuf", /@grpc\/|google-protobuf/],
  ["Pulumi SDK", /@pulumi\/pulumi\//],
  ["TypeScript transpiling (ts-node, swc)", /ts-node|@swc/],
  ["zod", /node_modules\/zod\//],
  ["undici (HTTP)", /node_modules\/undici\//],
  ["Logto's packages", /node_modules\/@logto\//],
  ["other packages", /node_modules\//],
  ["ours (resources/, the program)", /./],
];

const isNodeOwn = (url: string) => url === "" || url.startsWith("node:");

/** CPU ms by category of one Node.js profile (idle time left out). */
export function nodeCategories(profile: Profile): Record<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const categoryOf = new Map<number, string | undefined>();
  const categorize = (id: number): string | undefined => {
    const { functionName } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") return undefined;
    if (functionName === "(garbage collector)") return "garbage collection";
    if (functionName === "(program)") return "V8, unattributed";
    let loading = false;
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const frame = byId.get(current)!.callFrame;
      if (!isNodeOwn(frame.url)) return loading && !/ts-node|@swc/.test(frame.url) ? "module loading (require, compile)" : nodeRules.find(([, rule]) => rule.test(frame.url))![0];
      if (frame.url.startsWith("node:internal/modules")) loading = true;
    }
    return loading ? "module loading (require, compile)" : "Node.js internals";
  };
  const totals: Record<string, number> = {};
  profile.samples.forEach((id, index) => {
    if (!categoryOf.has(id)) categoryOf.set(id, categorize(id));
    const category = categoryOf.get(id);
    if (category !== undefined) totals[category] = (totals[category] ?? 0) + profile.timeDeltas[index] / 1000;
  });
  return totals;
}
