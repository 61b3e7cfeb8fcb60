// Runs the bad-input batches of cases.ts through the real `pulumi preview`: one preview per
// batch (the first test of a batch starts it, the others read its result), one jest test per
// case, and per batch one test that the preview printed exactly the expected failures, sent
// Logto no write and printed no secret.
import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import type { LogEntry, Sandbox } from "../support/sandbox";
import {
  configBaseline,
  configSecrets,
  secrets,
  type ConfigBatch,
  type ConfigValue,
  type Expected,
  type Kind,
  type ProgramBatch,
  type ResourceBatch,
} from "./cases";
import { activeCases, batchResource, configOf, errorLines, pairUp, stackConfigProblems } from "./harness";

const fixture = path.join(repoRoot, "test/fixtures/declared");

interface PreviewRun {
  failed: boolean;
  output: string;
  writes: LogEntry[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The whole engine line of a failure: `error: <type> resource '<name>': property <p> value <v>
 * has a problem: <reason>`, or without `: property … value …` for a secret input, which the
 * provider names only in the reason (resources/provider-kit/check.ts).
 */
export function engineLinePattern(kind: Kind, name: string, expected: Expected): RegExp {
  const head = `^error: pulumi-nodejs:dynamic/logto:${escape(kind)} resource '${escape(name)}'`;
  const property = expected.property === "" ? "" : `: property ${escape(expected.property)} value .*?`;
  const reason = expected.reason.source.replace(/^\^/, "");
  return new RegExp(`${head}${property} has a problem: ${reason}`);
}

/** Starts `pulumi preview` once per key and hands every caller its result. */
function previewsOnce(): (key: string, start: () => Promise<PreviewRun>) => Promise<PreviewRun> {
  const runs = new Map<string, Promise<PreviewRun>>();
  return (key, start) => {
    if (!runs.has(key)) runs.set(key, start());
    return runs.get(key)!;
  };
}

async function preview(engine: EngineStack, sandbox: Sandbox): Promise<PreviewRun> {
  await sandbox.clearRequests();
  let failed = true;
  let output: string;
  try {
    const result = await engine.preview();
    failed = false;
    output = `${result.stdout}\n${result.stderr}`;
  } catch (error) {
    output = String((error as Error).message ?? error);
  }
  const writes = (await sandbox.requests()).filter((entry) => entry.class === "write");
  return { failed, output, writes };
}

function expectNoSecret(text: string, values: readonly string[]) {
  for (const value of values) expect(text).not.toContain(value);
}

/** Resource batches against the fixture program (test/fixtures/declared), on one stack. */
export function describeResourceBatches(title: string, batches: readonly ResourceBatch[], sandbox: () => Sandbox) {
  describe(title, () => {
    let engine: EngineStack;
    const outputs: string[] = [];
    const once = previewsOnce();
    const secretValues = Object.values(secrets);

    beforeAll(async () => {
      engine = await createEngineStack({
        workDir: fixture,
        logto: sandbox(),
        config: { resources: "[]" },
        secrets: { secrets: JSON.stringify(secrets) },
      });
    });
    afterAll(() => engine?.dispose());

    const runBatch = (batch: ResourceBatch) =>
      once(batch.name, async () => {
        await engine.setConfig("resources", JSON.stringify([batchResource(batch)]));
        const run = await preview(engine, sandbox());
        outputs.push(run.output);
        return run;
      });

    describe.each(batches.map((batch) => [batch.name, batch] as const))("%s", (_name, batch) => {
      test.each(activeCases(batch.cases).map((item) => [item.title, item] as const))("%s", async (_title, item) => {
        const run = await runBatch(batch);

        expect(run.failed).toBe(true);
        for (const expected of item.expect) {
          expect(errorLines(run.output)).toContainEqual(expect.stringMatching(engineLinePattern(batch.kind, batch.name, expected)));
        }
      });

      test("the preview printed exactly these failures, sent no write and showed no secret", async () => {
        const run = await runBatch(batch);
        const expected = activeCases(batch.cases).flatMap((item) => item.expect);

        expect(pairUp(expected, errorLines(run.output), (wanted, line) => engineLinePattern(batch.kind, batch.name, wanted).test(line))).toEqual({
          missing: [],
          unexpected: [],
        });
        expect(run.writes).toEqual([]);
        expectNoSecret(run.output, secretValues);
      });
    });

    test("no secret appears in anything the CLI printed", () => {
      expect(outputs).toHaveLength(batches.length);
      expectNoSecret([engine.transcript(), ...outputs].join("\n"), secretValues);
    });
  });
}

/** Rules across resources: one small program per batch, on one stack (test/fixtures/declared). */
export function describeProgramBatches(title: string, batches: readonly ProgramBatch[], sandbox: () => Sandbox) {
  describe(title, () => {
    let engine: EngineStack;

    beforeAll(async () => {
      engine = await createEngineStack({ workDir: fixture, logto: sandbox(), config: { resources: "[]" }, secrets: { secrets: "{}" } });
    });
    afterAll(() => engine?.dispose());

    test.each(batches.map((batch) => [batch.title, batch] as const))("%s", async (_title, batch) => {
      await engine.setConfig("resources", JSON.stringify(batch.resources));

      const run = await preview(engine, sandbox());

      expect(run.failed).toBe(true);
      const { kind, name } = batch.failing;
      expect(pairUp(batch.expect, errorLines(run.output), (wanted, line) => engineLinePattern(kind, name, wanted).test(line))).toEqual({ missing: [], unexpected: [] });
      expect(run.writes).toEqual([]);
    });
  });
}

/** Stack config batches against the project itself (index.ts, program/config.ts), on one stack. */
export function describeConfigBatches(title: string, batches: readonly ConfigBatch[], sandbox: () => Sandbox) {
  describe(title, () => {
    let engine: EngineStack;
    let previousKeys: string[] = [];
    const outputs: string[] = [];
    const once = previewsOnce();
    const secretValues = Object.values(configSecrets);

    beforeAll(async () => {
      engine = await createEngineStack({ logto: sandbox() });
    });
    afterAll(() => engine?.dispose());

    /** Replaces the stack's own settings (not the logto:* provider settings) with `config`. */
    async function setStackConfig(config: Record<string, ConfigValue>) {
      const stale = previousKeys.filter((key) => !(key in config));
      if (stale.length) await engine.stack.removeAllConfig(stale);
      // Lists and maps are set as JSON, as `pulumi config set --path` stores them, so the CLI sees their type.
      const entries = Object.entries(config);
      await engine.stack.setAllConfigJson(
        JSON.stringify(
          Object.fromEntries(
            entries.map(([key, value]) => {
              if (typeof value !== "string") return [`logto-pulumi:${key}`, { value: value.secret, secret: true }];
              const list = value.startsWith("[") || value.startsWith("{") ? (JSON.parse(value) as unknown) : undefined;
              return [`logto-pulumi:${key}`, list === undefined ? { value } : { value: JSON.stringify(list), objectValue: list }];
            }),
          ),
        ),
      );
      previousKeys = Object.keys(config);
    }

    const runBatch = (batch: ConfigBatch) =>
      once(batch.name, async () => {
        await setStackConfig(configOf(configBaseline, activeCases(batch.cases)));
        const run = await preview(engine, sandbox());
        outputs.push(run.output);
        return run;
      });

    /** What the batch's failures are printed as: the engine's one `error:` line, or the program's problem lines. */
    const reported = (batch: ConfigBatch, run: PreviewRun) => (batch.by === "engine" ? errorLines(run.output) : stackConfigProblems(run.output));

    describe.each(batches.map((batch) => [batch.name, batch] as const))("%s", (_name, batch) => {
      test.each(activeCases(batch.cases).map((item) => [item.title, item] as const))("%s", async (_title, item) => {
        const run = await runBatch(batch);

        expect(run.failed).toBe(true);
        expect(reported(batch, run)).toContainEqual(expect.stringMatching(item.expect));
      });

      test("the preview printed exactly these problems, sent no write and showed no secret", async () => {
        const run = await runBatch(batch);
        const expected = activeCases(batch.cases).map((item) => ({ property: "", reason: item.expect }));

        if (batch.by === "program") expect(errorLines(run.output)).toEqual(["error: Invalid stack config:"]);
        expect(pairUp(expected, reported(batch, run), (wanted, line) => wanted.reason.test(line))).toEqual({ missing: [], unexpected: [] });
        expect(run.writes).toEqual([]);
        expectNoSecret(run.output, secretValues);
      });
    });

    test("no secret appears in anything the CLI printed", () => {
      expect(outputs).toHaveLength(batches.length);
      expectNoSecret([engine.transcript(), ...outputs].join("\n"), secretValues);
    });
  });
}
