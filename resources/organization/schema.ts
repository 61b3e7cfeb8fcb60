import { z } from "zod";
import { managedByKey } from "../provider-kit/managed-by";
import { roleTypes } from "../role/schema";
import { publicEmailDomains } from "../sso-connector/public-domains";

/** A machine-to-machine app that is a member of the organization, with its organization roles (ids). */
export interface OrganizationApp {
  id: string;
  roles: string[];
}

/**
 * The fields of a Logto organization that the user owns through this resource: `name` and
 * `description` always, the others only when given (so what the Console sets stays).
 */
export interface OrganizationArgs {
  name: string;
  description: string | null;
  customData?: Record<string, unknown>;
  isMfaRequired?: boolean;
  color?: { primaryColor?: string; isDarkModeEnabled?: boolean; darkPrimaryColor?: string };
  branding?: { logoUrl?: string; darkLogoUrl?: string; favicon?: string; darkFavicon?: string };
  customCss?: string | null;
  /** Just-in-time provisioning: users with a verified email of these domains join. */
  jitEmailDomains?: string[];
  /** Just-in-time provisioning: users signing in through these SSO connectors (ids) join. */
  jitSsoConnectors?: string[];
  /** Just-in-time provisioning: the organization roles (ids) such users get. */
  jitRoles?: string[];
  applications?: OrganizationApp[];
  /** `<project>/<stack>/<resource name>`, kept in the organization's customData to find it again. */
  managedBy?: string;
  adoptId?: string;
}

export const ownedFields = [
  "name",
  "description",
  "customData",
  "isMfaRequired",
  "color",
  "branding",
  "customCss",
  "jitEmailDomains",
  "jitSsoConnectors",
  "jitRoles",
  "applications",
] as const satisfies ReadonlyArray<keyof OrganizationArgs>;

const hexColor = z.string().regex(/^#[\da-f]{3}([\da-f]{3})?$/i, "must be a hex color such as #5b21b6");
const url = z.string().url("must be an absolute URL");
const typed = z.enum(roleTypes).optional();
const id = z.string().min(1, "must not be empty");
const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Flags an item whose key repeats an earlier one's. */
const noRepeats =
  <T>(key: (item: T) => string, what: string, at: Array<string | number> = []) =>
  (items: T[], ctx: z.RefinementCtx) =>
    items.forEach((item, index) => {
      const first = items.findIndex((other) => key(other) === key(item));
      if (first < index) ctx.addIssue({ code: "custom", path: [index, ...at], message: `${what} repeats [${first}]` });
    });

const emailDomain = z
  .string()
  .transform((domain) => domain.trim().toLowerCase())
  .refine((domain) => /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(domain), "must be an email domain such as acme.com (no @, no spaces)")
  .refine(
    (domain) => !publicEmailDomains.has(domain),
    (domain) => ({ message: `${domain} is a public email domain: every user with an address there would join the organization` }),
  );

export const organizationArgsSchema: z.ZodType<OrganizationArgs, z.ZodTypeDef, unknown> = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(128, "must be at most 128 characters").describe("Display name; not unique in Logto"),
    description: z
      .string()
      .max(256, "must be at most 256 characters")
      .nullish()
      .transform((value) => value || null)
      .describe("A short description"),
    customData: z
      .record(z.string(), z.unknown())
      .refine((data) => !(managedByKey in data), `must not hold ${managedByKey}: this resource keeps its mark there`)
      .optional()
      .describe("Arbitrary JSON kept on the organization (replaced whole when given)"),
    isMfaRequired: z.boolean().optional().describe("Members must set up multi-factor authentication"),
    color: z
      .object({ primaryColor: hexColor.optional(), isDarkModeEnabled: z.boolean().optional(), darkPrimaryColor: hexColor.optional() })
      .strict()
      .optional()
      .describe("Brand colors of the organization's sign-in pages"),
    branding: z
      .object({ logoUrl: url.optional(), darkLogoUrl: url.optional(), favicon: url.optional(), darkFavicon: url.optional() })
      .strict()
      .optional()
      .describe("Logos and favicons of the organization's sign-in pages"),
    customCss: z.string().nullish().describe("Custom CSS of the organization's sign-in pages"),
    jitEmailDomains: z
      .array(emailDomain)
      .superRefine(noRepeats((domain) => domain, "this domain (compared lower-cased)"))
      .optional()
      .describe("Just-in-time provisioning: users with a verified email address of these domains join"),
    jitSsoConnectors: z.array(id).superRefine(noRepeats((ssoId) => ssoId, "this SSO connector")).optional().describe("Just-in-time provisioning: users who sign in through these SSO connectors join"),
    jitRoles: z
      .array(z.object({ id, type: typed }))
      .superRefine((roles, ctx) =>
        roles.forEach((role, index) => {
          if (role.type === "MachineToMachine") {
            ctx.addIssue({ code: "custom", path: [index, "type"], message: "a MachineToMachine organization role: just-in-time provisioning gives roles to users; give a User role" });
          }
        }),
      )
      .superRefine(noRepeats((role) => role.id, "this organization role", ["id"]))
      .optional()
      .describe("Just-in-time provisioning: the organization roles those users get"),
    applications: z
      .array(
        z.object({
          id,
          type: z.string().optional(),
          roles: z
            .array(z.object({ id, type: typed }))
            .default([])
            .superRefine((roles, ctx) =>
              roles.forEach((role, index) => {
                if (role.type === "User") {
                  ctx.addIssue({ code: "custom", path: [index, "type"], message: "a User organization role: member apps take MachineToMachine organization roles only" });
                }
              }),
            )
            .superRefine(noRepeats((role) => role.id, "this organization role", ["id"])),
        }),
      )
      .superRefine((apps, ctx) =>
        apps.forEach((app, index) => {
          if (app.type !== undefined && app.type !== "MachineToMachine") {
            ctx.addIssue({ code: "custom", path: [index, "type"], message: `a ${app.type} app: Logto takes machine-to-machine apps only as organization members` });
          }
        }),
      )
      .superRefine(noRepeats((app) => app.id, "this app", ["id"]))
      .optional()
      .describe("Machine-to-machine apps that are members, each with its MachineToMachine organization roles"),
    managedBy: z.string().optional(),
    adoptId: z.string().min(1, "must not be empty").optional().describe("Take over this existing organization (by id) when the resource is created"),
  })
  // Once checked, a role or an app is its id (and an app its role ids): what Logto links and refresh reads back.
  .transform(({ jitRoles, applications, ...rest }): OrganizationArgs => ({
    ...rest,
    ...(jitRoles && { jitRoles: jitRoles.map((role) => role.id).sort() }),
    ...(applications && { applications: byId(applications).map((app) => ({ id: app.id, roles: app.roles.map((role) => role.id).sort() })) }),
    ...(rest.jitEmailDomains && { jitEmailDomains: [...rest.jitEmailDomains].sort() }),
    ...(rest.jitSsoConnectors && { jitSsoConnectors: [...rest.jitSsoConnectors].sort() }),
  }));
