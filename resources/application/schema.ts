import { z } from "zod";
import type { LogtoRules } from "../logto/rules";

/** Application types this resource manages; SAML apps have their own API, Protected apps are Cloud only. */
export const applicationTypes = ["Traditional", "SPA", "Native", "MachineToMachine"] as const;

export type ApplicationType = (typeof applicationTypes)[number];

/** The fields of a Logto application that the user owns through this resource. */
export interface ApplicationArgs {
  name: string;
  description: string | null;
  type: ApplicationType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsAllowedOrigins: string[];
  /** `<project>/<stack>/<resource name>`, kept in the app's customData to find it again. */
  managedBy?: string;
  /** Take over this existing application at creation instead of making one. */
  adoptId?: string;
}

export const ownedFields = [
  "name",
  "description",
  "type",
  "redirectUris",
  "postLogoutRedirectUris",
  "corsAllowedOrigins",
] as const satisfies ReadonlyArray<keyof ApplicationArgs>;

export function applicationArgsSchema(rules: LogtoRules): z.ZodType<ApplicationArgs, z.ZodTypeDef, unknown> {
  const redirectUri = z
    .string()
    .refine(
      (url) => rules.validateRedirectUrl(url, "web") || rules.validateRedirectUrl(url, "mobile"),
      "is not a valid redirect URI: use an http(s) URL, or a custom scheme such as io.logto://callback for native apps",
    );
  const origin = z.string().refine(isOrigin, "must be an origin such as https://app.example.com (scheme, host and port, no path)");

  return z.object({
    name: z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters"),
    description: z.string().nullish().transform((value) => value ?? null),
    type: z.enum(applicationTypes, {
      errorMap: () => ({ message: `must be one of ${applicationTypes.join(", ")}` }),
    }),
    redirectUris: z.array(redirectUri).default([]),
    postLogoutRedirectUris: z.array(redirectUri).default([]),
    corsAllowedOrigins: z.array(origin).default([]),
    managedBy: z.string().optional(),
    adoptId: z.string().min(1, "must not be empty").optional(),
  });
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
