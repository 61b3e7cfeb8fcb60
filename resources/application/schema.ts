import { z } from "zod";
import type { LogtoRules } from "../logto/rules";
import { roleTypes, type RoleType } from "../role/schema";

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
  /** MachineToMachine apps: the ids of the roles the app holds (all of them), sorted; absent: not managed. */
  roles?: string[];
  /** `<project>/<stack>/<resource name>`, kept in the app's customData to find it again. */
  managedBy?: string;
  /** Take over this existing application at creation instead of making one. */
  adoptId?: string;
}

/** A role given to a machine-to-machine app, as the resource class passes it: its type, when known, is checked at preview. */
export interface AppRoleInput {
  id: string;
  type?: RoleType;
}

export const ownedFields = [
  "name",
  "description",
  "type",
  "redirectUris",
  "postLogoutRedirectUris",
  "corsAllowedOrigins",
  "roles",
] as const satisfies ReadonlyArray<keyof ApplicationArgs>;

export function applicationArgsSchema(rules: LogtoRules): z.ZodType<ApplicationArgs, z.ZodTypeDef, unknown> {
  const redirectUri = z
    .string()
    .refine(
      (url) => rules.validateRedirectUrl(url, "web") || rules.validateRedirectUrl(url, "mobile"),
      "is not a valid redirect URI: use an http(s) URL, or a custom scheme such as io.logto://callback for native apps",
    );
  const origin = z.string().refine(isOrigin, "must be an origin such as https://app.example.com (scheme, host and port, no path)");

  const role = z.object({
    id: z.string().min(1, "must not be empty"),
    type: z.enum(roleTypes, { errorMap: () => ({ message: `must be one of ${roleTypes.join(", ")}` }) }).optional(),
  });

  return z
    .object({
    name: z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters"),
    description: z.string().nullish().transform((value) => value ?? null),
    type: z.enum(applicationTypes, {
      errorMap: () => ({ message: `must be one of ${applicationTypes.join(", ")}` }),
    }),
    redirectUris: z.array(redirectUri).default([]),
    postLogoutRedirectUris: z.array(redirectUri).default([]),
    corsAllowedOrigins: z.array(origin).default([]),
    roles: z.array(role).optional(),
    managedBy: z.string().optional(),
    adoptId: z.string().min(1, "must not be empty").optional(),
  })
    .superRefine((app, ctx) => {
      // Paths reach the known part: at preview a role made in the same run has no id yet.
      if (app.roles?.length && app.type !== "MachineToMachine") {
        ctx.addIssue({ code: "custom", path: ["type"], message: `is ${app.type}, but roles are given: only MachineToMachine apps hold roles in Logto` });
        return;
      }
      app.roles?.forEach((granted, index) => {
        if (granted.type === "User") {
          ctx.addIssue({ code: "custom", path: ["roles", index, "type"], message: "a User role: Logto gives machine-to-machine apps MachineToMachine roles only" });
        } else if (app.roles!.findIndex((other) => other.id === granted.id) !== index) {
          ctx.addIssue({ code: "custom", path: ["roles", index, "id"], message: "this role is listed twice" });
        }
      });
    })
    // Once checked, a role is its id: that is what Logto links and what refresh reads back.
    .transform((app) => (app.roles ? { ...app, roles: app.roles.map((role) => role.id).sort() } : (app as Omit<typeof app, "roles">)));
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}
