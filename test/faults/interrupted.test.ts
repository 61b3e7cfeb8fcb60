import { spawnPulumi, stillRunning } from "../support/cli-process";
import type { EngineStack } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { untilLogged, untilWrites } from "../support/run-figures";
import { spawnSandbox, type FaultRule, type Sandbox } from "../support/sandbox";

/**
 * `pulumi up` of the whole stack killed with SIGKILL (the CLI, language host, program and
 * provider all at once, as when a CI runner dies) at several points, then the documented
 * recovery:
 *
 *   pulumi cancel --yes                                        # remove the dead run's lock
 *   pulumi refresh --clear-pending-creates --yes --skip-preview # forget creates that never finished
 *   pulumi up --yes                                            # creates find what they made: no duplicate
 *
 * After it: nothing twice in Logto, nothing missing from state, nothing left to change.
 */
interface KillPoint {
  name: string;
  rules?: FaultRule[];
  /** Resolves when it is time to kill. */
  when: (sandbox: Sandbox, signal: AbortSignal) => Promise<unknown>;
  /** Resolves when what was in flight at the kill has landed in Logto. */
  settled?: (sandbox: Sandbox) => Promise<unknown>;
}

const isSignInExperience = (method: string) => (entry: { method: string; path: string }) =>
  entry.method === method && entry.path === "/api/sign-in-exp";

const killPoints: KillPoint[] = [
  { name: "right after write 1", when: (sandbox, signal) => untilWrites(sandbox, 1, signal) },
  { name: "right after write 3", when: (sandbox, signal) => untilWrites(sandbox, 3, signal) },
  { name: "right after write 5", when: (sandbox, signal) => untilWrites(sandbox, 5, signal) },
  // Later on, the API, its permissions, the roles and the client's role grant are being written.
  { name: "right after write 9", when: (sandbox, signal) => untilWrites(sandbox, 9, signal) },
  { name: "right after write 13", when: (sandbox, signal) => untilWrites(sandbox, 13, signal) },
  {
    // The sign-in experience's create reads the current values (to restore them on delete),
    // then PATCHes; here the PATCH takes 3 s and the kill comes 1 s into it. Logto applies it.
    name: "while the sign-in experience PATCH is in flight",
    rules: [{ match: { method: "PATCH", path: "^/api/sign-in-exp$" }, delayMs: 3000 }],
    when: async (sandbox, signal) => {
      await untilLogged(sandbox, 1, isSignInExperience("GET"), signal);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    },
    settled: (sandbox) => untilLogged(sandbox, 1, isSignInExperience("PATCH")),
  },
];

interface Outcome {
  killPoint: string;
  /** The writes Logto had answered when the kill was sent. */
  writesSeen: string[];
  logtoBefore: string;
  pendingCreates: string[];
  inStateBefore: number;
  processesKilled: number;
  upBeforeCancel?: string;
}

/** The sign-in experience fields the stack owns, as the tenant had them before any run. */
const ownedSignInFields = ["signIn", "signUp", "singleSignOnEnabled", "socialSignInConnectorTargets"];

describe("an interrupted up recovers with cancel, refresh --clear-pending-creates and up", () => {
  let sandbox: Sandbox;
  let originalSignIn: Record<string, unknown>;
  /** What the sign-in experience resource remembers to restore, after the last kill point's recovery. */
  let rememberedSignIn: Record<string, unknown> | undefined;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    const experience = (await sandbox.api("GET", "/api/sign-in-exp")).body as Record<string, unknown>;
    originalSignIn = Object.fromEntries(ownedSignInFields.map((field) => [field, experience[field]]));
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
                `- killed ${o.killPoint} (${o.processesKilled} processes; answered by then: ${o.writesSeen.join(", ") || "no write"}): Logto had ${o.logtoBefore}; ` +
                `state had ${o.inStateBefore} of the 14 resources and pending creates of ${o.pendingCreates.join(", ") || "none"}` +
                (o.upBeforeCancel ? `; ${o.upBeforeCancel}` : ""),
            )
            .join("\n"),
      );
    }
  });

  test.each(killPoints.map((point) => [point.name, point] as const))("killed %s", async (_name, point) => {
    await sandbox.reset();
    await sandbox.clearRequests();
    const secrets = newFullStackSecrets();
    // One request at a time, each answered after 150 ms: the n-th write is answered before the
    // (n+1)-th is sent, so the kill lands between the two.
    const engine: EngineStack = await createFullStack(sandbox, secrets, { "logto:maxConcurrency": "1" });
    try {
      await sandbox.faults({ latencyMs: 150, rules: point.rules });
      const run = spawnPulumi(engine, ["up", "--yes", "--skip-preview"]);
      const stop = new AbortController();
      void run.exited.then(() => stop.abort());
      await point.when(sandbox, stop.signal).catch((error: Error) => {
        throw new Error(`${error.message}; pulumi exited first:\n${run.output()}`);
      });
      const killed = await run.killTree();
      // The CLI, the language host, the program and the provider (at least), all dead.
      expect(killed.length).toBeGreaterThanOrEqual(4);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stillRunning(killed)).toEqual([]);
      const writes = (await sandbox.requests()).filter((entry) => entry.class === "write" && entry.status > 0);
      await point.settled?.(sandbox);
      await sandbox.clearFaults();

      const before = await inventory(sandbox, engine);
      const outcome: Outcome = {
        killPoint: point.name,
        writesSeen: writes.map((entry) => `${entry.method} ${entry.path}`),
        logtoBefore: `${before.applications.length} app, ${before.connectors.length} connectors, ${before.ssoConnectors.length} SSO`,
        pendingCreates: before.pendingOperations.filter((op) => op.startsWith("creating")).map((op) => op.split("::").pop()!),
        inStateBefore: before.stateResources.length,
        processesKilled: killed.length,
      };
      outcomes.push(outcome);

      // The dead run still holds the stack's lock: a new up is refused until `pulumi cancel`.
      if (point === killPoints[0]) {
        const refused = await engine.cli(["up", "--yes", "--skip-preview"]);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toContain("the stack is currently locked");
        outcome.upBeforeCancel = "an up before cancel is refused: the stack is locked";
      }

      expect(await engine.cli(["cancel", "--yes"])).toMatchObject({ code: 0 });
      expect(await engine.cli(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"])).toMatchObject({ code: 0 });
      expect(await engine.cli(["up", "--yes", "--skip-preview"])).toMatchObject({ code: 0 });

      const after = await inventory(sandbox, engine);
      expect(convergenceProblems(after)).toEqual([]);
      await engine.preview({ expectNoChanges: true });
      const appSecret = (await engine.stack.outputs()).AUTH_LOGTO_SECRET?.value as string;
      expect(appSecret).toEqual(expect.any(String));
      const printed = [engine.transcript(), run.output()].join("\n");
      for (const secret of [...Object.values(secrets), sandbox.appSecret, appSecret]) {
        expect(printed).not.toContain(secret);
      }

      const state = JSON.parse(await engine.exportState()) as {
        deployment: { resources: Array<{ type: string; outputs?: { previous?: Record<string, unknown> } }> };
      };
      rememberedSignIn = state.deployment.resources.find((resource) => resource.type.endsWith("logto:SignInExperience"))?.outputs?.previous;
    } finally {
      await sandbox.clearFaults();
      await engine.dispose();
    }
  }, 150_000);

  // KNOWN BUG (resources/sign-in-experience/provider.ts, create): the create that runs again after
  // the recovery reads the sign-in experience the killed run already PATCHed and remembers those
  // values as "previous", so destroy would not give the tenant back its own sign-in experience.
  test.failing("after the last recovery, the sign-in experience still remembers the tenant's own values (known bug)", () => {
    expect(rememberedSignIn).toEqual(originalSignIn);
  });
});
