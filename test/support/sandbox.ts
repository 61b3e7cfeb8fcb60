// Starts the Logto sandbox (sandbox/main.ts) as a child process, so jest never loads Logto's
// ESM-only packages, and wraps its /__sandbox/ test surface.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
// Type-only: the shapes of the sandbox's admin API, without loading the sandbox into jest.
import type { FaultConfig, FaultRule } from "../../sandbox/faults";
import type { LogEntry } from "../../sandbox/request-log";

export type { FaultConfig, FaultRule, LogEntry };

export type ApiResponse = { status: number; body: unknown; headers: Record<string, string> };

export type SandboxSpawnOptions = {
  appId?: string;
  appSecret?: string;
  stateFile?: string;
  port?: number;
  resource?: string;
  tokenTtlSeconds?: number;
  ssoFetchRetries?: number;
  ssoFetchRetryDelayMs?: number;
};

export type Sandbox = {
  endpoint: string;
  appId: string;
  appSecret: string;
  requests(): Promise<LogEntry[]>;
  clearRequests(): Promise<void>;
  reset(): Promise<void>;
  /** Adds fault rules (an array), or a whole config with `rateLimit` / `latencyMs`. */
  faults(config: FaultRule[] | FaultConfig): Promise<void>;
  clearFaults(): Promise<void>;
  expireTokens(): Promise<void>;
  /** An authorized Management API call made out of band: no fault applies, nothing is logged. */
  api(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Stops the process for `ms` (SIGSTOP, then SIGCONT): connections stay open and get no answer. */
  pause(ms: number): Promise<void>;
  /** Kills the process at once (SIGKILL), as a crash would: its port closes. */
  crash(): Promise<void>;
  stop(): Promise<void>;
};

const repoRoot = path.resolve(__dirname, "../..");
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
const randomId = (size: number) => Array.from(randomBytes(size), (byte) => alphabet[byte % alphabet.length]).join("");
const startTimeoutMs = 60_000;
const outOfBand = { "x-sandbox-out-of-band": "true" };

const waitForReadyLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in time:\n${stderr}`)), startTimeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf("\n");
      if (newline !== -1) {
        clearTimeout(timer);
        resolve((JSON.parse(stdout.slice(0, newline)) as { endpoint: string }).endpoint);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited with code ${String(code)}:\n${stderr}`));
    });
  });

const cliArguments = (options: SandboxSpawnOptions) => {
  const flags: Array<[string, string | number | undefined]> = [
    ["--port", options.port ?? 0],
    ["--state-file", options.stateFile],
    ["--resource", options.resource],
    ["--token-ttl", options.tokenTtlSeconds],
    ["--sso-fetch-retries", options.ssoFetchRetries],
    ["--sso-fetch-retry-delay-ms", options.ssoFetchRetryDelayMs],
  ];
  return flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, String(value)]));
};

const readResponse = async (response: Response): Promise<ApiResponse> => {
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  return {
    status: response.status,
    body: text && isJson ? (JSON.parse(text) as unknown) : text || undefined,
    headers: Object.fromEntries(response.headers.entries()),
  };
};

export const spawnSandbox = async (options: SandboxSpawnOptions = {}): Promise<Sandbox> => {
  const appId = options.appId ?? randomId(21);
  const appSecret = options.appSecret ?? randomId(32);
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "sandbox/main.ts"), ...cliArguments(options)],
    {
      cwd: repoRoot,
      env: { ...process.env, LOGTO_SANDBOX_M2M_APP_ID: appId, LOGTO_SANDBOX_M2M_APP_SECRET: appSecret },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const endpoint = await waitForReadyLine(child);

  const admin = async (method: string, adminPath: string, body?: unknown) => {
    const response = await fetch(`${endpoint}/__sandbox/${adminPath}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const result = await readResponse(response);
    if (response.status >= 400) {
      throw new Error(`sandbox ${method} ${adminPath} failed: ${response.status} ${JSON.stringify(result.body)}`);
    }
    return result.body;
  };

  let token: string | undefined;
  const fetchToken = async () => {
    const response = await fetch(`${endpoint}/oidc/token`, {
      method: "POST",
      headers: {
        ...outOfBand,
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${appId}:${appSecret}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        resource: options.resource ?? "https://default.logto.app/api",
        scope: "all",
      }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
    return token;
  };

  const call = async (method: string, apiPath: string, body: unknown, bearer: string) =>
    readResponse(
      await fetch(`${endpoint}${apiPath}`, {
        method,
        headers: {
          ...outOfBand,
          authorization: `Bearer ${bearer}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );

  return {
    endpoint,
    appId,
    appSecret,
    requests: async () => (await admin("GET", "requests")) as LogEntry[],
    clearRequests: async () => void (await admin("DELETE", "requests")),
    reset: async () => void (await admin("POST", "reset")),
    faults: async (config) => void (await admin("POST", "faults", Array.isArray(config) ? { rules: config } : config)),
    clearFaults: async () => void (await admin("DELETE", "faults")),
    expireTokens: async () => void (await admin("POST", "expire-tokens")),
    api: async (method, apiPath, body) => {
      const first = await call(method, apiPath, body, token ?? (await fetchToken()));
      return first.status === 401 ? call(method, apiPath, body, await fetchToken()) : first;
    },
    pause: async (ms) => {
      child.kill("SIGSTOP");
      await new Promise((resolve) => setTimeout(resolve, ms));
      child.kill("SIGCONT");
    },
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
};
