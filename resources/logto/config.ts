import { z } from "zod";
import { LogtoConfigError } from "./errors";

/** Logto's OSS tenant is always `default`, whatever host it is served from. */
export const defaultManagementApiResource = "https://default.logto.app/api";

/** Stack config keys read by the provider, each with its environment fallback. */
export const connectionKeys = {
  endpoint: { config: "logto:endpoint", env: "LOGTO_ENDPOINT" },
  appId: { config: "logto:m2mAppId", env: "LOGTO_M2M_APP_ID" },
  appSecret: { config: "logto:m2mAppSecret", env: "LOGTO_M2M_APP_SECRET" },
  resource: { config: "logto:resource", env: "LOGTO_RESOURCE" },
} as const;

export interface LogtoConnection {
  /** Tenant endpoint without trailing slash, e.g. `https://abc123.logto.app`. */
  endpoint: string;
  appId: string;
  appSecret: string;
  /** Management API resource indicator the token is requested for. */
  resource: string;
}

const httpUrl = z
  .string()
  .url("must be an http(s) URL")
  .refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL");

const connectionSchema = z.object({
  endpoint: httpUrl.transform((value) => value.replace(/\/+$/, "")),
  appId: z.string().min(1, "must not be empty"),
  appSecret: z.string().min(1, "must not be empty"),
  resource: httpUrl,
});

type ConfigLookup = (key: string) => string | undefined;

/**
 * Reads the connection from stack config (as given to a dynamic provider's `configure`) with
 * `LOGTO_*` environment variables as fallback. Messages name the config key and never echo
 * a value, since one of them is a secret.
 */
export function resolveConnection(lookup: ConfigLookup, env: NodeJS.ProcessEnv = process.env): LogtoConnection {
  const raw = Object.fromEntries(
    Object.entries(connectionKeys).map(([field, key]) => [field, lookup(key.config) ?? env[key.env]]),
  );
  raw.resource ??= defaultManagementApiResource;

  const parsed = connectionSchema.safeParse(raw);
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map((issue) => {
    const key = connectionKeys[issue.path[0] as keyof typeof connectionKeys];
    const what = issue.code === "invalid_type" ? "is not set" : issue.message;
    const hint = key.config === connectionKeys.appSecret.config ? ` (pulumi config set --secret ${key.config} ...)` : "";
    return `${key.config} (or ${key.env}) ${what}${hint}`;
  });
  throw new LogtoConfigError(`Logto provider configuration is incomplete: ${problems.join("; ")}`);
}
