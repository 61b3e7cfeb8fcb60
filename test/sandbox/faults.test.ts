import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { bearerCall, fetchAllScopeToken, send } from "./helpers";

describe("sandbox /__sandbox/ test surface", () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof bearerCall>;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearRequests();
    call = bearerCall(sandbox.endpoint, await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret));
    await sandbox.clearRequests();
  });

  test("the request log classifies requests and holds no bodies", async () => {
    await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret);
    await call("GET", "/api/applications?types=SPA");
    await call("POST", "/api/applications", { name: "secret-looking", type: "SPA" });
    await sandbox.api("GET", "/api/applications");
    const log = await sandbox.requests();
    expect(log.map((entry) => `${entry.class} ${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      "token POST /oidc/token 200",
      "read GET /api/applications 200",
      "write POST /api/applications 200",
    ]);
    expect(log[1]!.query).toEqual({ types: "SPA" });
    expect(JSON.stringify(log)).not.toContain("secret-looking");
    expect(JSON.stringify(log)).not.toContain(sandbox.appSecret);
  });

  test("an injected 429 carries Retry-After and is used up after `times`", async () => {
    await sandbox.faults([{ match: { method: "GET", path: "^/api/applications$" }, status: 429, retryAfter: 7, times: 2 }]);
    for (let index = 0; index < 2; index += 1) {
      const limited = await call("GET", "/api/applications");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("7");
      expect(limited.body).toEqual({ code: "request.rate_limited", message: "Too many requests. Please try again later." });
    }
    expect((await call("GET", "/api/applications")).status).toBe(200);
    expect((await call("POST", "/api/applications", { name: "x", type: "SPA" })).status).toBe(200);
  });

  test("500, 502 and 503 faults", async () => {
    await sandbox.faults([
      { match: { path: "^/api/sign-in-exp$" }, status: 500 },
      { match: { path: "^/api/sign-in-exp$" }, status: 502 },
      { match: { path: "^/api/sign-in-exp$" }, status: 503, retryAfter: 1 },
    ]);
    const first = await call("GET", "/api/sign-in-exp");
    expect([first.status, first.body]).toEqual([500, { message: "Internal server error." }]);
    const second = await call("GET", "/api/sign-in-exp");
    expect([second.status, second.body]).toEqual([502, { message: "Internal server error." }]);
    const third = await call("GET", "/api/sign-in-exp");
    expect([third.status, third.headers.get("retry-after")]).toEqual([503, "1"]);
    expect((await call("GET", "/api/sign-in-exp")).status).toBe(200);
  });

  test("drop destroys the connection without an answer, and is logged with status 0", async () => {
    await sandbox.faults([{ match: { method: "POST", path: "^/api/applications$" }, drop: true }]);
    await expect(call("POST", "/api/applications", { name: "x", type: "SPA" })).rejects.toThrow();
    expect((await sandbox.api("GET", "/api/applications")).body).toHaveLength(1);
    const apiRequests = (await sandbox.requests()).filter((entry) => entry.class !== "admin");
    expect(apiRequests.map(({ status }) => status)).toEqual([0]);
  });

  test("delayMs and latencyMs slow requests down", async () => {
    await sandbox.faults({ rules: [{ match: { path: "^/api/applications$" }, delayMs: 400 }], latencyMs: 100 });
    const started = Date.now();
    expect((await call("GET", "/api/applications")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(480);
    const second = Date.now();
    await call("GET", "/api/sign-in-exp");
    expect(Date.now() - second).toBeGreaterThanOrEqual(90);
  });

  test("the token-bucket rate limit answers 429 with Retry-After once the bucket is empty", async () => {
    await sandbox.faults({ rateLimit: { requests: 3, windowMs: 10_000 } });
    const statuses = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await call("GET", "/api/applications");
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await sandbox.clearFaults();
    expect((await call("GET", "/api/applications")).status).toBe(200);
  });

  test("expire-tokens makes every issued token answer 401 auth.unauthorized", async () => {
    await sandbox.expireTokens();
    const response = await call("GET", "/api/applications");
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: "auth.unauthorized", data: { code: "ERR_JWT_EXPIRED" } });
    const fresh = bearerCall(sandbox.endpoint, await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret));
    expect((await fresh("GET", "/api/applications")).status).toBe(200);
  });

  test("reset restores the seeded state; bad fault configs are refused", async () => {
    await call("POST", "/api/applications", { name: "x", type: "SPA" });
    await sandbox.reset();
    expect((await sandbox.api("GET", "/api/applications")).body).toHaveLength(1);
    const bad = await send(`${sandbox.endpoint}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [{ status: 418 }] }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("sandbox --state-file", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "logto-sandbox-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test("the store and the signing key survive a restart", async () => {
    const stateFile = path.join(directory, "state.json");
    const first = await spawnSandbox({ stateFile, appId: "persisted-app", appSecret: "persisted-secret" });
    const token = await fetchAllScopeToken(first.endpoint, first.appId, first.appSecret);
    const created = (await first.api("POST", "/api/applications", { name: "kept", type: "SPA" })).body as { id: string };
    await first.stop();

    const second = await spawnSandbox({ stateFile, appId: "persisted-app", appSecret: "persisted-secret", port: Number(new URL(first.endpoint).port) });
    try {
      expect((await second.api("GET", `/api/applications/${created.id}`)).status).toBe(200);
      expect((await bearerCall(second.endpoint, token)("GET", "/api/applications")).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
