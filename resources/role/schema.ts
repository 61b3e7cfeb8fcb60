import { z } from "zod";
import { scopeNameSchema } from "../api-resource/schema";

export const roleTypes = ["User", "MachineToMachine"] as const;
export type RoleType = (typeof roleTypes)[number];

/** Permissions of one API resource, named as the API declares them. */
export interface RolePermissions {
  /** The API resource's indicator. */
  api: string;
  scopes: string[];
}

/** The fields of a Logto role that the user owns through this resource. */
export interface RoleArgs {
  name: string;
  description: string;
  type: RoleType;
  isDefault: boolean;
  permissions: RolePermissions[];
  adoptId?: string;
}

export const ownedFields = ["name", "description", "type", "isDefault", "permissions"] as const satisfies ReadonlyArray<keyof RoleArgs>;

/** Permission lists are kept in indicator order, so that order in the program is no change. */
export const sortedByApi = (list: RolePermissions[]) => [...list].sort((a, b) => (a.api < b.api ? -1 : a.api > b.api ? 1 : 0));

/** Permissions of one API resource by name: what roles and organization roles hold. */
export const apiPermissionsSchema = z
  .object({
    api: z.string().min(1, "must not be empty: the API resource's indicator").describe("The API resource's indicator"),
    scopes: z
      .array(scopeNameSchema)
      .min(1, "must name at least one permission")
      .superRefine((names, ctx) => {
        names.forEach((name, index) => {
          if (names.indexOf(name) !== index) ctx.addIssue({ code: "custom", path: [index], message: `"${name}" is listed twice` });
        });
      })
      .transform((names) => [...names].sort())
      .describe("Permission names of that API"),
  })
  .strict();

/** A list of them: one entry per API (an API twice is refused). Sort it with `sortedByApi` once checked. */
export const apiPermissionListSchema = z
  .array(apiPermissionsSchema)
  .default([])
  .superRefine((list, ctx) => {
    list.forEach((entry, index) => {
      if (list.findIndex((other) => other.api === entry.api) !== index) ctx.addIssue({ code: "custom", path: [index, "api"], message: `${entry.api} is listed twice: give its permissions in one entry` });
    });
  });

/**
 * `managementApiIndicator` is the tenant's Management API (`logto:resource`): Logto refuses its
 * permissions on a User role.
 */
export function roleArgsSchema(managementApiIndicator: string | undefined) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(128, "must be at most 128 characters")
        .refine((name) => !name.startsWith("#internal:"), "must not start with #internal: (Logto reserves it)")
        .describe("Role name, unique in the tenant across both types"),
      description: z
        .string({ required_error: "is required: Logto keeps a description on every role" })
        .trim()
        .min(1, "must not be empty: Logto requires a description")
        .max(128, "must be at most 128 characters")
        .describe("What the role is for (required by Logto)"),
      type: z
        .enum(roleTypes, { errorMap: () => ({ message: `must be one of ${roleTypes.join(", ")}` }) })
        .default("User")
        .describe("`User` (default) or `MachineToMachine`; changing it replaces the role"),
      isDefault: z.boolean().default(false).describe("User roles only: given to every new user"),
      permissions: apiPermissionListSchema.describe("Permissions as `{ api, scopes }` per API resource (`api`: its indicator)"),
      adoptId: z.string().min(1, "must not be empty").optional().describe("Take over this existing role (by id) when the resource is created"),
    })
    .superRefine((role, ctx) => {
      if (role.isDefault && role.type === "MachineToMachine") {
        ctx.addIssue({ code: "custom", path: ["isDefault"], message: "only User roles can be default roles (given to new users)" });
      }
      role.permissions.forEach((entry, index) => {
        if (role.type === "User" && managementApiIndicator !== undefined && entry.api === managementApiIndicator) {
          ctx.addIssue({ code: "custom", path: ["permissions", index, "api"], message: "Logto gives Management API permissions to MachineToMachine roles only" });
        }
      });
    })
    .transform((role): RoleArgs => ({ ...role, permissions: sortedByApi(role.permissions) }));
}

export type RoleArgsSchema = ReturnType<typeof roleArgsSchema>;
