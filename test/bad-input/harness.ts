// Turns the table in cases.ts into resource inputs and stack config, and matches what the
// engine (or a provider's check) reported against what each case expects.
import {
  baselines,
  remove,
  secrets,
  type ConfigBatch,
  type ConfigValue,
  type Expected,
  type Kind,
  type ResourceBatch,
  type ResourceCase,
} from "./cases";

const clone = <T>(value: T): T => structuredClone(value);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let current: any = target;
  for (const part of parts.slice(0, -1)) {
    if (current[part] === null || typeof current[part] !== "object") current[part] = {};
    current = current[part];
  }
  const last = parts[parts.length - 1]!;
  if (value === remove) delete current[last];
  else current[last] = clone(value);
}

/** Cases of a batch that are checked today (the `wanted` ones wait for their check). */
export const activeCases = <T extends { wanted?: string }>(cases: readonly T[]): T[] => cases.filter((item) => !item.wanted);

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Every case of a batch must touch its own paths, or one case could hide or cause another's failure. */
function assertDisjoint(name: string, sets: Array<Record<string, unknown>>): void {
  const paths = sets.flatMap((set, index) => Object.keys(set).map((path) => ({ path, index })));
  for (const a of paths) {
    for (const b of paths) {
      if (a.index < b.index && overlaps(a.path, b.path)) throw new Error(`batch ${name}: cases ${a.index} and ${b.index} both set ${a.path} / ${b.path}`);
    }
  }
}

/** A baseline's inputs with the given cases applied, secrets still as "$secret:<key>". */
export function inputsOf(baseline: keyof typeof baselines, cases: readonly ResourceCase[]): Record<string, unknown> {
  const args = clone(baselines[baseline].args) as Record<string, unknown>;
  for (const { set } of cases) for (const [path, value] of Object.entries(set)) setPath(args, path, value);
  return args;
}

/** The one resource a batch previews: its baseline with all its active cases applied. */
export function batchResource(batch: ResourceBatch): { kind: Kind; name: string; args: Record<string, unknown> } {
  const cases = activeCases(batch.cases);
  assertDisjoint(batch.name, cases.map((item) => item.set));
  if (baselines[batch.baseline].kind !== batch.kind) throw new Error(`batch ${batch.name}: baseline ${batch.baseline} is not a ${batch.kind}`);
  return { kind: batch.kind, name: batch.name, args: inputsOf(batch.baseline, cases) };
}

/** Replaces "$secret:<key>" with the secret, as the fixture program does. */
export function fillSecrets(value: unknown): unknown {
  if (typeof value === "string") {
    const match = /^\$secret:(.+)$/.exec(value);
    return match ? secrets[match[1] as keyof typeof secrets] : value;
  }
  if (Array.isArray(value)) return value.map(fillSecrets);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillSecrets(v)]));
  return value;
}

export const allSecrets = (): string[] => Object.values(secrets);

// ---------------------------------------------------------------------------------------------
// Matching.

/** The distinct `error: …` lines of a CLI output. */
export function errorLines(text: string): string[] {
  return [...new Set(text.split("\n").map((line) => line.trimEnd()).filter((line) => line.startsWith("error: ")))];
}

/**
 * Whether an engine error line is this failure of this resource:
 * `error: <type> resource '<name>': property <p> value <v> has a problem: <reason>`, or, for a
 * failure that names no property (secret inputs), `error: <type> resource '<name>' has a problem: <reason>`.
 */
export function engineLineMatches(kind: Kind, name: string, expected: Expected, line: string): boolean {
  const head = `error: pulumi-nodejs:dynamic/logto:${kind} resource '${name}'`;
  if (!line.startsWith(head)) return false;
  const rest = line.slice(head.length);
  if (expected.property === "") {
    return rest.startsWith(" has a problem: ") && expected.reason.test(rest.slice(" has a problem: ".length));
  }
  const named = /^: property (\S+) value .*? has a problem: (.*)$/.exec(rest);
  return named !== null && named[1] === expected.property && expected.reason.test(named[2]!);
}

export interface CheckFailure {
  property: string;
  reason: string;
}

export const failureMatches = (expected: Expected, failure: CheckFailure) =>
  failure.property === expected.property && expected.reason.test(failure.reason);

/**
 * Pairs every expectation with a distinct item it matches. Returns what is left on each side:
 * both empty means the items are exactly the expected failures.
 */
export function pairUp<T>(expected: readonly Expected[], items: readonly T[], matches: (expected: Expected, item: T) => boolean) {
  const left = [...items];
  const missing: Expected[] = [];
  for (const wanted of expected) {
    const index = left.findIndex((item) => matches(wanted, item));
    if (index === -1) missing.push(wanted);
    else left.splice(index, 1);
  }
  return { missing: missing.map(describeExpected), unexpected: left };
}

export const describeExpected = (expected: Expected) => `${expected.property || "(secret, no property)"} ${expected.reason}`;

// ---------------------------------------------------------------------------------------------
// Stack config.

/** The stack config of a batch: baseline with the active cases applied (`remove` unsets). */
export function configOf(baseline: Record<string, ConfigValue>, cases: ConfigBatch["cases"]): Record<string, ConfigValue> {
  assertDisjoint("config", cases.map((item) => item.set));
  const config: Record<string, ConfigValue> = { ...baseline };
  for (const { set } of cases) {
    for (const [key, value] of Object.entries(set)) {
      if (value === remove) delete config[key];
      else config[key] = value;
    }
  }
  return config;
}

/** The problems listed under `Invalid stack config:` (program/config.ts), distinct, one per line. */
export function stackConfigProblems(text: string): string[] {
  return [...new Set(text.split("\n").filter((line) => /^ {2}logto-pulumi:/.test(line)).map((line) => line.trimEnd()))];
}
