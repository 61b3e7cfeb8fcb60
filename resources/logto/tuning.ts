import { defaultClientOptions, type ClientOptions } from "./client";
import { LogtoConfigError } from "./errors";

/** Optional client tuning, from stack config or environment, e.g. `logto:timeoutMs`. */
const tuningKeys = {
  timeoutMs: { config: "logto:timeoutMs", env: "LOGTO_TIMEOUT_MS" },
  concurrency: { config: "logto:maxConcurrency", env: "LOGTO_MAX_CONCURRENCY" },
  maxAttempts: { config: "logto:maxAttempts", env: "LOGTO_MAX_ATTEMPTS" },
} as const;

export function resolveClientOptions(
  lookup: (key: string) => string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ClientOptions {
  const read = (name: keyof typeof tuningKeys, fallback: number) => {
    const key = tuningKeys[name];
    const raw = lookup(key.config) ?? env[key.env];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new LogtoConfigError(`${key.config} (or ${key.env}) must be a positive integer, got "${raw}"`);
    }
    return value;
  };
  return {
    timeoutMs: read("timeoutMs", defaultClientOptions.timeoutMs),
    concurrency: read("concurrency", defaultClientOptions.concurrency),
    retry: { ...defaultClientOptions.retry, maxAttempts: read("maxAttempts", defaultClientOptions.retry.maxAttempts) },
  };
}
