import type { EngineStack } from "../support/engine";
import {
  convergenceProblems,
  createFullStack,
  inventory,
  newFullStackSecrets,
  requestFigures,
} from "../support/full-stack";
import { spawnSandbox, type FaultConfig, type Sandbox } from "../support/sandbox";
import { firstError, printTable, untilWrites, type FigureRow } from "../support/run-figures";

/**
 * `pulumi up` of the whole stack while the sandbox misbehaves like a real Logto can: rate
 * limits, server errors, dropped connections, lost answers, slow answers, expiring tokens.
 * Every scenario runs under a Logto-Cloud-like budget (200 requests per 10 s) unless it sets a
 * tighter one. Every run must converge (first up, or one more up once the faults are gone) with
 * nothing made twice in Logto, nothing missing from state, nothing left for a preview to change,
 * and no secret printed. The figures of each first up are printed as a table at the end.
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
  /** A bug known to make this scenario fail: the test is marked failing and says so. */
  knownBug?: string;
}

/** Logto Cloud's budget: every scenario runs under it unless it sets a tighter one. */
const cloudBudget = { requests: 200, windowMs: 10_000 };
const api = "^/api/";
/** Every POST that makes something: objects, an API's permissions, a role's permissions, an app's roles. */
const createPaths =
  "^/api/((applications|connectors|sso-connectors|resources|roles|organizations|organization-roles|organization-scopes)|resources/[^/]+/scopes|roles/[^/]+/scopes|applications/[^/]+/roles|organizations/[^/]+/applications)$";

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
  { name: "b1. no fault but the Cloud-like budget (baseline)", faults: {} },
  // 10 per 2 s does not bite: the whole stack is ~15 requests. 3 per 3 s does.
  { name: "b2. tight budget, 3 requests per 3 s", faults: { rateLimit: { requests: 3, windowMs: 3_000 } } },
  {
    name: "c. 500, 502, 503 on creates, patches and reads",
    faults: {
      rules: [
        { match: { method: "POST", path: "^/oidc/token$" }, status: 503, times: 1 },
        { match: { method: "POST", path: "^/api/applications$" }, status: 500, times: 1 },
        { match: { method: "POST", path: "^/api/connectors$" }, status: 502, times: 2 },
        { match: { method: "POST", path: "^/api/sso-connectors$" }, status: 503, times: 1 },
        { match: { method: "POST", path: "^/api/roles$" }, status: 502, times: 1 },
        { match: { method: "POST", path: "^/api/resources/[^/]+/scopes$" }, status: 500, times: 1 },
        { match: { method: "PUT", path: "^/api/organizations/[^/]+/jit/" }, status: 503, times: 2 },
        { match: { method: "POST", path: "^/api/connectors$" }, status: 500, times: 1 },
        { match: { method: "PATCH", path: api }, status: 500, times: 1 },
        { match: { method: "PATCH", path: api }, status: 503, times: 1 },
        { match: { method: "GET", path: api }, status: 502, times: 2 },
        { match: { method: "GET", path: api }, status: 500, times: 2 },
      ],
    },
  },
  {
    name: "d1. every POST faulted: the first of each kind dropped, the later ones' answers lost",
    faults: {
      rules: [
        { match: { method: "POST", path: "^/oidc/token$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/applications$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/connectors$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/sso-connectors$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/resources$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/roles$" }, drop: true, times: 1 },
        { match: { method: "POST", path: "^/api/organizations$" }, drop: true, times: 1 },
        { match: { method: "POST", path: createPaths }, loseAnswer: true, times: 1000 },
      ],
    },
  },
  {
    name: "d2. every POST handled, its answer lost",
    faults: {
      rules: [
        { match: { method: "POST", path: "^/oidc/token$" }, loseAnswer: true, times: 1 },
        { match: { method: "POST", path: createPaths }, loseAnswer: true, times: 1000 },
      ],
    },
  },
  {
    name: "e1. reads, patches and a connector create slower than logto:timeoutMs=1500",
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
    // A create that times out is not sent again (the slow one may still land): the run fails
    // and the next one finds the application by its mark.
    name: "e2. an application create slower than logto:timeoutMs=1500",
    config: { "logto:timeoutMs": "1500" },
    faults: { rules: [{ match: { method: "POST", path: "^/api/applications$" }, delayMs: 2500, times: 1 }] },
  },
  {
    name: "f. tokens living 3 s (--token-ttl 3), all expired after the 1st and the 4th write",
    shortTokens: true,
    during: async (sandbox, signal) => {
      await untilWrites(sandbox, 1, signal);
      await sandbox.expireTokens();
      await untilWrites(sandbox, 4, signal);
      await sandbox.expireTokens();
    },
  },
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

  const run = async (scenario: Scenario) => {
    const logto = scenario.shortTokens ? shortTokens : sandbox;
    await logto.reset();
    const secrets = newFullStackSecrets();
    const engine: EngineStack = await createFullStack(logto, secrets, scenario.config);
    const printed: string[] = [];
    try {
      await logto.clearRequests();
      await logto.faults({ rateLimit: cloudBudget, ...scenario.faults });

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
      // Slow answers still on their way are logged when they leave: wait for them.
      const slowest = Math.max(0, ...(scenario.faults?.rules ?? []).map((rule) => rule.delayMs ?? 0));
      if (slowest) await new Promise((resolve) => setTimeout(resolve, slowest + 500));
      const timeoutMs = Number(scenario.config?.["logto:timeoutMs"] ?? 30_000);
      const log = await logto.requests();
      const figures = requestFigures(log, timeoutMs);
      // FAULTS_LOG=1 prints each scenario's sandbox log (no bodies, no headers: no secrets).
      if (process.env.FAULTS_LOG) console.log(`${scenario.name}\n${log.map((e) => `${e.time} ${e.durationMs}ms ${e.status} ${e.method} ${e.path}`).join("\n")}`);
      const row: Row = { scenario: scenario.name, firstUp: first ? "failed" : "converged", duration, figures };
      rows.push(row);

      if (first) {
        printed.push(first.message);
        row.note = firstError(first.message);
        const again = Date.now();
        await engine.up();
        row.secondUp = Date.now() - again;
      }

      const problems = convergenceProblems(await inventory(logto, engine));
      if (problems.length && scenario.knownBug) row.note = `KNOWN BUG: ${problems.join("; ")}`;
      expect(problems).toEqual([]);
      await engine.preview({ expectNoChanges: true });

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
  };

  for (const scenario of scenarios) {
    if (scenario.knownBug) test.failing(`${scenario.name} (known bug: ${scenario.knownBug})`, () => run(scenario), 150_000);
    else test(scenario.name, () => run(scenario), 150_000);
  }
});
