import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

const stackConfigSchema = z.object({
  appUrl: z
    .string({ required_error: "is not set" })
    .url("must be an absolute URL such as https://app.example.com")
    .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL")
    .transform((url) => url.replace(/\/+$/, "")),
  appName: z
    .string()
    .trim()
    .optional()
    .transform((name) => name || undefined),
});

export type StackConfig = z.infer<typeof stackConfigSchema>;

/**
 * Reads and validates the stack's own config. Problems name the config key (as in
 * `pulumi config set <key>`), so the fix is obvious from the message.
 */
export function readStackConfig(config = new pulumi.Config()): StackConfig {
  const raw = { appUrl: config.get("appUrl"), appName: config.get("appName") };
  const parsed = stackConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${config.name}:${issue.path.join(".")} ${issue.message}`);
  throw new pulumi.RunError(`Invalid stack config:\n  ${problems.join("\n  ")}`);
}
