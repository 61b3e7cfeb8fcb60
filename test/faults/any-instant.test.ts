// `pulumi up` of the full stack SIGKILLed (the CLI and everything it started) at 20 instants spread
// over the whole run, and just after resources report "created" (when the CLI writes its
// checkpoint): each time `npm run recover` (and, where it finds the stack healthy, the re-run of
// up a user makes) must bring Logto and state to what an uninterrupted run makes: each object
// once, nothing lost, nothing pending, a preview with no changes.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { spawnPulumi } from "../support/cli-process";
import { repoRoot } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const timedKills = 16;
const createdLineKills = [1, 3, 6, 10];

interface Outcome {
  instant: string;
  pending: string;
  repairs: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("up killed at any instant, then npm run recover", () => {
  let sandbox: Sandbox;
  let fullRunMs = 0;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    await sandbox.faults({ latencyMs: 40 });
    const engine = await createFullStack(sandbox, newFullStackSecrets());
    // The second up is the one measured: the first also warms the transpiler's cache.
    for (let run = 0; run < 2; run++) {
      const started = Date.now();
      await engine.up();
      fullRunMs = Date.now() - started;
      await engine.destroy();
    }
    await engine.dispose();
  });

  afterAll(async () => {
    await sandbox?.stop();
    // eslint-disable-next-line no-console
    console.log(
      `Kills at any instant (an uninterrupted up took ${(fullRunMs / 1000).toFixed(1)} s):\n` +
        outcomes.map((o) => `- ${o.instant}: ${o.pending} pending; recover: ${o.repairs.join("; ") || "nothing to repair"}`).join("\n"),
    );
  });

  const instants = [
    ...Array.from({ length: timedKills }, (_, index) => ({ name: `${index + 1}/${timedKills + 1} of the way`, fraction: (index + 1) / (timedKills + 1) })),
    ...createdLineKills.map((count) => ({ name: `right after the ${count}. "created" line`, createdLines: count })),
  ];

  test.each(instants.map((instant) => [instant.name, instant] as const))("killed %s", async (name, instant) => {
    await sandbox.reset();
    await sandbox.faults({ latencyMs: 40 });
    const engine = await createFullStack(sandbox, newFullStackSecrets());
    try {
      const run = spawnPulumi(engine, ["up", "--yes", "--skip-preview"]);
      if ("fraction" in instant) {
        await sleep(fullRunMs * instant.fraction!);
      } else {
        while ((run.output().match(/ created \(/g) ?? []).length < instant.createdLines! && run.child.exitCode === null) await sleep(5);
      }
      await run.killTree();
      // A kill during a checkpoint write can leave the state unreadable: exactly what recover is for.
      const pending = await inventory(sandbox, engine).then(
        (found) => String(found.pendingOperations.length),
        () => "state unreadable,",
      );

      const recovered = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
        execFile("bash", [path.join(repoRoot, "scripts/recover.sh"), "--stack", engine.name], { cwd: repoRoot, env: { ...process.env, ...engine.envVars, CI: "" }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
          resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        ),
      );
      const repairs = recovered.stdout.split("\n").filter((line) => /^recover: (moved|restored|removed|cleared)/.test(line)).map((line) => line.replace(/^recover: /, "").replace(/ \(.*$/, ""));
      outcomes.push({ instant: name, pending, repairs });

      expect({ code: recovered.status, stderr: recovered.stderr.split("\n").filter((line) => /error/i.test(line)) }).toEqual({ code: 0, stderr: [] });
      // Killed before the run wrote anything (state and lock untouched), or after it wrote its last: healthy,
      // and recover says so without running up; the re-run a user makes then finishes the work.
      if (recovered.stdout.includes("is healthy")) await engine.up();
      expect(convergenceProblems(await inventory(sandbox, engine))).toEqual([]);
      await engine.preview({ expectNoChanges: true });
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});
