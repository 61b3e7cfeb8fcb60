// What serializing dynamic providers costs when a program starts: Pulumi serializes the provider
// object of every dynamic resource (pulumi.runtime.serializeFunction, as
// @pulumi/pulumi/dynamic does) and caches the text per provider object only.
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { floorProvider } from "../test/fixtures/bench/floor/provider";
import { providerShim } from "../resources/provider-kit/shim";
import { spread } from "./stats";

export interface ClosureFigures {
  /** Bytes of the serialized provider (one copy; state holds it in inputs and outputs). */
  bytes: number;
  /** Median ms of one serialization, done one after another. */
  oneMs: number;
  /** Wall ms to serialize `objects` providers at once, as a program declaring them does. */
  programMs: number;
  /** How many serializations a program with `objects` resources makes (one per distinct provider object). */
  serializations: number;
}

const repoRoot = path.resolve(__dirname, "..");
const serialize = (provider: pulumi.dynamic.ResourceProvider) =>
  pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });

async function timeOne(make: () => pulumi.dynamic.ResourceProvider, times: number): Promise<{ bytes: number; oneMs: number }> {
  const durations: number[] = [];
  let bytes = 0;
  for (let index = 0; index < times; index++) {
    const provider = make();
    const start = performance.now();
    bytes = (await serialize(provider)).text.length;
    durations.push(performance.now() - start);
  }
  return { bytes, oneMs: spread(durations)!.median };
}

/**
 * What a program declaring `providers` (one per resource, in order) spends: @pulumi/pulumi/dynamic
 * serializes each provider object once (a WeakMap cache), all at once.
 */
async function timeProgram(providers: pulumi.dynamic.ResourceProvider[]): Promise<{ ms: number; serializations: number }> {
  const cache = new WeakMap<object, Promise<unknown>>();
  const start = performance.now();
  await Promise.all(
    providers.map((provider) => {
      let text = cache.get(provider);
      if (!text) cache.set(provider, (text = serialize(provider)));
      return text;
    }),
  );
  return { ms: performance.now() - start, serializations: new Set(providers).size };
}

/**
 * `objects`: resources in the program, half Applications and half Connectors as in
 * test/fixtures/bench, their providers made as the resource constructors make them
 * (`providerShim(...)` in each constructor).
 */
export async function measureClosures(objects: number): Promise<{ ours: ClosureFigures; floor: ClosureFigures }> {
  const implementations = ["application", "connector"].map((type) => path.join(repoRoot, "resources", type, "provider"));
  await serialize(floorProvider); // the first call sets up the inspector session
  const ours = await timeOne(() => providerShim(implementations[0]), 15);
  const floor = await timeOne(() => floorProvider, 15);
  const asToday = await timeProgram(Array.from({ length: objects }, (_, index) => providerShim(implementations[index % 2])));
  const floorProgram = await timeProgram(Array.from({ length: objects }, () => floorProvider));
  return {
    ours: { ...ours, programMs: asToday.ms, serializations: asToday.serializations },
    floor: { ...floor, programMs: floorProgram.ms, serializations: floorProgram.serializations },
  };
}
