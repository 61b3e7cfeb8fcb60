import type { EngineStack } from "../support/engine";
import {
  convergenceProblems,
  createFullStack,
  inventory,
  newFullStackSecrets,
  requestFigures,
} from "../support/full-stack";
import { spawnSandbox, type FaultConfig, type Sandbox } from "../support/sandbox";
import { printTable, untilWrites, type FigureRow } from "../support/run-figures";

/**
 * `pulumi up` of the whole stack while the sandbox misbehaves like a real Logto can: rate
 * limits, server errors, dropped connections, lost answers, slow answers, expiring tokens.
 * Every run must converge (first up, or one more up once the faults are gone) with nothing made
 * twice in Logto and nothing missing from state, and print no secret.
 */
interface Scenario {
  name: string;
  /** Stack config added for this run, e.g. a short client timeout. */
  config?: Record<string, string>;
  faults?: FaultConfig;
  /** Runs alongside the first `up` (e.g. expires tokens once the first write is in). */
  during?: (sandbox: Sandbox, signal: AbortSignal) => Promise<void>;
  /** Use the sandbox that issues short-lived tokens. */
  shortTokens?: boolean;
}

const api = "^/api/";
const createPaths = "^/api/(applications|connectors|sso-connectors)$";

const scenarios: Scenario[] = [
  {
    name: "a. 429 bursts with Retry-After on writes and reads",
    faults: {
      rules: [
        { match: { method: "POST", path: "^/oidc/token$" }, status: 429, retryAfter: 1, times: 1 },
        { match: { method: "POST", path: api }, status: 429, retryAfter: 1, times: 4 },
        { match: { method: "PATCH", path: api }, status: 429, retryAfter: 1, times: 2 },
        { match: { method: "GET", path: api }, status: 429, retryAfter: 1, times: 6 },
      ],
    },
  },
  { name: "b1. Cloud-like budget, 200 requests per 10 s", faults: { rateLimit: { requests: 200, windowMs: 10_000 } } },
  { name: "b2. tight budget, 3 requests per 3 s", faults: { rateLimit: { requests: 3, windowMs: 3_000 } } },
  {
    name: "c. 500, 502, 503 on creates, patches and reads",
    faults: {
      rules: [
        { match: { method: "POST", path: "^/oidc/token$" }, status: 503, times: 1 },
        { match: { method: "POST", path: "^/api/applications$" }, status: 500, times: 1 },
        { match: { method: "POST", path: "^/api/connectors$" }, status: 502, times: 2 },
        { match: { method: "POST", path: "^/api/sso-connectors$" }, status: 503, times: 1 },
        { match: { method: "POST", path: "^/api/connectors$" }, status: 500, times: 1 },
        { match: { method: "PATCH", path: api }, status: 500, times: 1 },
        { match: { method: "PATCH", path: api }, status: 503, times: 1 },
        { match: { method: "GET", path: api }, status: 502, times: 2 },
        { match: { method: "GET", path: api }, status: 500, times: 2 },
      ],
    },
  },
  {
    name: "d1. every create POST dropped before Logto handles it",
    faults: { rules: [{ match: { method: "POST", path: createPaths }, drop: true, times: 1000 }] },
  },
  {
    name: "d2. every create POST handled, its answer lost",
    faults: { rules: [{ match: { method: "POST", path: createPaths }, loseAnswer: true, times: 1000 }] },
  },
  {
    name: "d3. first create POSTs dropped, the next answers lost",
    faults: {
      rules: [
        { match: { method: "POST", path: createPaths }, drop: true, times: 3 },
        { match: { method: "POST", path: createPaths }, loseAnswer: true, times: 1000 },
      ],
    },
  },
  {
    name: "e. answers slower than logto:timeoutMs=1500",
    config: { "logto:timeoutMs": "1500" },
    faults: {
      rules: [
        { match: { method: "GET", path: "^/api/sign-in-exp$" }, delayMs: 2500, times: 1 },
        { match: { method: "GET", path: "^/api/connectors/" }, delayMs: 2500, times: 1 },
        { match: { method: "POST", path: "^/api/connectors$" }, delayMs: 2500, times: 1 },
        { match: { method: "PATCH", path: api }, delayMs: 2500, times: 1 },
      ],
    },
  },
  {
    name: "f1. tokens expired after the 1st and the 4th write",
    during: async (sandbox, signal) => {
      await untilWrites(sandbox, 1, signal);
      await sandbox.expireTokens();
      await untilWrites(sandbox, 4, signal);
      await sandbox.expireTokens();
    },
  },
  { name: "f2. tokens that live 3 s (--token-ttl 3)", shortTokens: true },
];

type Row = FigureRow & { firstUp: "converged" | "failed" };

describe("the full stack converges under Logto faults", () => {
  let sandbox: Sandbox;
  let shortTokens: Sandbox;
  const rows: Row[] = [];

  beforeAll(async () => {
    [sandbox, shortTokens] = await Promise.all([spawnSandbox(), spawnSandbox({ tokenTtlSeconds: 3 })]);
  });

  afterAll(async () => {
    await Promise.all([sandbox?.stop(), shortTokens?.stop()]);
    if (rows.length) printTable(rows);
  });

  test.each(scenarios.map((scenario) => [scenario.name, scenario] as const))("%s", async (_name, scenario) => {
    const logto = scenario.shortTokens ? shortTokens : sandbox;
    await logto.reset();
    const secrets = newFullStackSecrets();
    const t0 = Date.now();
    const engine: EngineStack = await createFullStack(logto, secrets, scenario.config);
    console.log("TIMING create", Date.now() - t0);
    const printed: string[] = [];
    try {
      await logto.clearRequests();
      if (scenario.faults) await logto.faults(scenario.faults);

      const startedAt = Date.now();
      let during: Promise<void> | undefined;
      const upDone = new AbortController();
      if (scenario.during) during = scenario.during(logto, upDone.signal).catch(() => undefined);
      const first = await engine.up().then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      upDone.abort();
      await during;
      const duration = Date.now() - startedAt;
      await logto.clearFaults();
      const timeoutMs = Number(scenario.config?.["logto:timeoutMs"] ?? 30_000);
      const figures = requestFigures(await logto.requests(), timeoutMs);
      const row: Row = { scenario: scenario.name, firstUp: first ? "failed" : "converged", duration, figures };
      rows.push(row);

      if (first) {
        printed.push(first.message);
        const again = Date.now();
        await engine.up();
        row.secondUp = Date.now() - again;
      }

      const t1 = Date.now();
      expect(convergenceProblems(await inventory(logto, engine))).toEqual([]);
      const t2 = Date.now();
      await engine.preview({ expectNoChanges: true });
      console.log("TIMING inventory", t2 - t1, "preview", Date.now() - t2);

      const appSecret = (await engine.stack.outputs()).AUTH_LOGTO_SECRET?.value as string;
      expect(appSecret).toEqual(expect.any(String));
      const output = [engine.transcript(), ...printed].join("\n");
      for (const secret of [...Object.values(secrets), logto.appSecret, appSecret]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      await logto.clearFaults();
      await engine.dispose();
    }
  }, 150_000);
});
