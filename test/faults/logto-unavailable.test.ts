import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineStack } from "../support/engine";
import { convergenceProblems, createFullStack, inventory, newFullStackSecrets } from "../support/full-stack";
import { closedPort } from "../support/net";
import { untilWrites } from "../support/run-figures";
import { spawnSandbox, type Sandbox, type SandboxSpawnOptions } from "../support/sandbox";

/**
 * Logto unavailable in the middle of `pulumi up` for longer than one request's timeout
 * (`logto:timeoutMs` 1500 ms, 5 s of outage): its process stopped (connections open, no
 * answer), or crashed and started again (port closed, then back with its data). The run
 * either finishes on its own or fails saying which request Logto did not answer; the next `up`
 * converges with nothing made twice, nothing missing, nothing left to preview, no secret printed.
 */
describe("Logto unavailable in the middle of up", () => {
  const outageMs = 5_000;
  const runs: string[] = [];
  afterAll(() => console.log(`Logto unavailable mid-up:\n${runs.join("\n")}`));

  test.each([
    ["stops answering (its process stopped)", "pause"],
    ["crashes and comes back on the same port with its data", "restart"],
  ] as const)("Logto %s for 5 s after the 3rd write: the run finishes or fails clearly, and the next up converges", async (what, outage) => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "logto-unavailable-"));
    const options: SandboxSpawnOptions = { port: await closedPort(), stateFile: path.join(stateDir, "logto.json"), appId: "unavailable-m2m", appSecret: `m2m-${Date.now()}` };
    let sandbox: Sandbox = await spawnSandbox(options);
    const secrets = newFullStackSecrets();
    const engine: EngineStack = await createFullStack(sandbox, secrets, { "logto:timeoutMs": "1500" });
    try {
      const during = (async () => {
        await untilWrites(sandbox, 3);
        if (outage === "pause") return sandbox.pause(outageMs);
        await sandbox.crash();
        await new Promise((resolve) => setTimeout(resolve, outageMs));
        sandbox = await spawnSandbox(options);
      })();
      const first = await engine.up().then(
        () => undefined,
        (error: Error) => error,
      );
      await during;

      if (first) expect(first.message).toMatch(/Logto (GET|POST|PATCH|PUT|DELETE) \S+: no answer/);
      runs.push(`  ${what}: first up ${first ? `failed: ${/Logto [A-Z]+ \S+: no answer[^\n]*/.exec(first.message)?.[0]}` : "finished"}`);
      if (first) await engine.up();

      expect(convergenceProblems(await inventory(sandbox, engine))).toEqual([]);
      await engine.preview({ expectNoChanges: true });
      const printed = engine.transcript() + (first?.message ?? "");
      for (const secret of [...Object.values(secrets), options.appSecret!]) expect(printed).not.toContain(secret);
    } finally {
      await engine.dispose();
      await sandbox.stop();
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  }, 240_000);
});
