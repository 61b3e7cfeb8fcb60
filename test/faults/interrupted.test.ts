import { spawnPulumi } from "../support/cli-process";
import type { EngineStack } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { untilWrites } from "../support/run-figures";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/**
 * `pulumi up` of the whole stack killed (SIGKILL, CLI, language host, program and providers at
 * once) right after its n-th write reached Logto, then the documented recovery:
 *
 *   pulumi cancel --yes                              # the dead run's lock on the stack
 *   pulumi refresh --clear-pending-creates --yes     # forget creates that never finished
 *   pulumi up --yes                                  # creates look up what they made: no duplicate
 *
 * After it: nothing twice in Logto, nothing missing from state, nothing left to change.
 */
const killPoints = [1, 3, 5];

interface Outcome {
  killedAfterWrite: number;
  writesSeen: number;
  logtoBefore: string;
  pendingCreates: number;
  inStateBefore: number;
  upBeforeCancel: string;
}

describe("an interrupted up recovers with cancel, refresh --clear-pending-creates and up", () => {
  let sandbox: Sandbox;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });

  afterAll(async () => {
    await sandbox?.stop();
    if (outcomes.length) {
      // eslint-disable-next-line no-console
      console.log(
        "Interrupted runs:\n" +
          outcomes
            .map(
              (o) =>
                `- killed after write ${o.killedAfterWrite} (${o.writesSeen} writes answered by then): Logto had ${o.logtoBefore}; ` +
                `state had ${o.inStateBefore} resources and ${o.pendingCreates} pending creates; ${o.upBeforeCancel}`,
            )
            .join("\n"),
      );
    }
  });

  test.each(killPoints)("killed right after write %i", async (killPoint) => {
    await sandbox.reset();
    await sandbox.clearRequests();
    const secrets = newFullStackSecrets();
    const engine: EngineStack = await createFullStack(sandbox, secrets);
    try {
      // Slow enough that the run is still creating when the n-th write is answered.
      await sandbox.faults({ latencyMs: 150 });
      const run = spawnPulumi(engine, ["up", "--yes", "--skip-preview"]);
      const stop = new AbortController();
      void run.exited.then(() => stop.abort());
      const writes = await untilWrites(sandbox, killPoint, stop.signal).catch((error: Error) => {
        throw new Error(`${error.message}; pulumi exited first:\n${run.output()}`);
      });
      await run.killTree();
      await sandbox.clearFaults();

      const before = await inventory(sandbox, engine);
      const outcome: Outcome = {
        killedAfterWrite: killPoint,
        writesSeen: writes.length,
        logtoBefore: `${before.applications.length} app, ${before.connectors.length} connectors, ${before.ssoConnectors.length} SSO`,
        pendingCreates: before.pendingOperations.filter((op) => op.startsWith("creating")).length,
        inStateBefore: before.stateResources.length,
        upBeforeCancel: "",
      };
      outcomes.push(outcome);

      // The dead run still holds the stack's lock: a new up is refused until `pulumi cancel`.
      if (killPoint === killPoints[0]) {
        const refused = await engine.cli(["up", "--yes", "--skip-preview"]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toContain("the stack is currently locked");
        outcome.upBeforeCancel = "up before cancel: refused, stack locked";
      }

      const cancel = await engine.cli(["cancel", "--yes"]);
      expect(cancel).toMatchObject({ code: 0 });
      const refresh = await engine.cli(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
      expect(refresh).toMatchObject({ code: 0 });
      const up = await engine.cli(["up", "--yes", "--skip-preview"]);
      expect(up).toMatchObject({ code: 0 });

      expect(convergenceProblems(await inventory(sandbox, engine))).toEqual([]);
      await engine.preview({ expectNoChanges: true });
      const appSecret = (await engine.stack.outputs()).AUTH_LOGTO_SECRET?.value as string;
      expect(appSecret).toEqual(expect.any(String));
      const printed = [engine.transcript(), run.output()].join("\n");
      for (const secret of [...Object.values(secrets), sandbox.appSecret, appSecret]) {
        expect(printed).not.toContain(secret);
      }
    } finally {
      await sandbox.clearFaults();
      await engine.dispose();
    }
  }, 150_000);
});
