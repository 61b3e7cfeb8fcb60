import { AmbiguousWriteError, LogtoApiError, ManagementClient } from "../resources/logto";
import { defaultClientOptions, type ClientOptions } from "../resources/logto/client";
import { spawnSandbox, type Sandbox } from "./support/sandbox";

const quickRetries: ClientOptions = {
  ...defaultClientOptions,
  timeoutMs: 2_000,
  retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 5_000 },
};

describe("the Management API client", () => {
  let sandbox: Sandbox;
  let client: ManagementClient;
  const logged = async (filter: (entry: { method: string; path: string; class: string }) => boolean) =>
    (await sandbox.requests()).filter(filter);
  const tokenRequests = () => logged((entry) => entry.class === "token");
  /** The sandbox starts, as Logto does, with the M2M app the client signs in with. */
  const theSeededApps = () => [expect.objectContaining({ id: sandbox.appId, type: "MachineToMachine" })];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());

  beforeEach(async () => {
    await sandbox.clearFaults();
    await sandbox.clearRequests();
    client = new ManagementClient(
      { endpoint: sandbox.endpoint, appId: sandbox.appId, appSecret: sandbox.appSecret, resource: "https://default.logto.app/api" },
      quickRetries,
    );
  });

  test("fetches one token for many concurrent calls", async () => {
    await Promise.all(Array.from({ length: 25 }, () => client.get("/api/applications")));

    expect(await tokenRequests()).toHaveLength(1);
    expect(client.tokens.fetches).toBe(1);
  });

  test("waits out a 429 for as long as Retry-After says, then succeeds", async () => {
    await sandbox.faults([{ match: { method: "GET", path: "^/api/applications$" }, status: 429, retryAfter: 1, times: 2 }]);
    const started = Date.now();

    await expect(client.get("/api/applications")).resolves.toEqual(theSeededApps());

    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(await logged((entry) => entry.path === "/api/applications")).toHaveLength(3);
  });

  test("retries a 5xx, then surfaces Logto's status and message", async () => {
    await sandbox.faults([{ match: { path: "^/api/applications$" }, status: 503, times: 10 }]);

    const failure = client.get("/api/applications");

    await expect(failure).rejects.toBeInstanceOf(LogtoApiError);
    await expect(failure).rejects.toMatchObject({ status: 503, logtoMessage: "Internal server error." });
    expect(await logged((entry) => entry.path === "/api/applications")).toHaveLength(quickRetries.retry.maxAttempts);
  });

  test("does not retry a client error, and keeps Logto's code and details", async () => {
    const failure = client.post("/api/applications", { name: "", type: "Traditional" });

    await expect(failure).rejects.toMatchObject({ status: 400, code: "guard.invalid_input" });
    expect(await logged((entry) => entry.method === "POST" && entry.path === "/api/applications")).toHaveLength(1);
  });

  test("renews the token once when Logto stops accepting it", async () => {
    await client.get("/api/applications");
    await sandbox.expireTokens();

    await expect(client.get("/api/applications")).resolves.toEqual(theSeededApps());

    expect(await tokenRequests()).toHaveLength(2);
  });

  test("retries a read whose answer is slower than the timeout", async () => {
    await sandbox.faults([{ match: { method: "GET", path: "^/api/applications$" }, delayMs: 3_000, times: 1 }]);

    await expect(client.get("/api/applications")).resolves.toEqual(theSeededApps());
  });

  test("retries a read whose connection is dropped", async () => {
    await sandbox.faults([{ match: { method: "GET", path: "^/api/applications$" }, drop: true, times: 2 }]);

    await expect(client.get("/api/applications")).resolves.toEqual(theSeededApps());
  });

  test("never repeats a create whose connection dropped: it may have been applied", async () => {
    await sandbox.faults([{ match: { method: "POST", path: "^/api/applications$" }, drop: true, times: 1 }]);

    await expect(client.post("/api/applications", { name: "x", type: "SPA" })).rejects.toBeInstanceOf(AmbiguousWriteError);

    expect(await logged((entry) => entry.method === "POST" && entry.path === "/api/applications")).toHaveLength(1);
  });

  test("repeats a create refused with 429, which Logto did not apply", async () => {
    await sandbox.faults([{ match: { method: "POST", path: "^/api/applications$" }, status: 429, retryAfter: 0, times: 1 }]);

    await expect(client.post("/api/applications", { name: "x", type: "SPA" })).resolves.toMatchObject({ name: "x" });
  });

  test("stays under the process-wide concurrency limit", async () => {
    const limited = new ManagementClient(client.connection, { ...quickRetries, concurrency: 2 });
    await sandbox.faults([{ match: { method: "GET" }, delayMs: 200, times: 6 }]);
    const started = Date.now();

    await Promise.all(Array.from({ length: 6 }, () => limited.get("/api/applications")));

    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 200);
  });
});
