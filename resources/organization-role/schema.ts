import { z } from "zod";
import { apiPermissionListSchema, roleTypes, sortedByApi, type RolePermissions, type RoleType } from "../role/schema";

/** The fields of an organization role that the user owns through this resource. */
export interface OrganizationRoleArgs {
  name: string;
  description: string | null;
  type: RoleType;
  /** Organization permission ids, sorted. */
  permissions: string[];
  /** API permissions as `{ api, scopes }` per API resource. */
  apiPermissions: RolePermissions[];
  adoptId?: string;
}

export const ownedFields = ["name", "description", "type", "permissions", "apiPermissions"] as const satisfies ReadonlyArray<keyof OrganizationRoleArgs>;

export const organizationRoleArgsSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(128, "must be at most 128 characters").describe("Role name, unique in the organization template"),
    description: z
      .string()
      .max(256, "must be at most 256 characters")
      .nullish()
      .transform((value) => value || null)
      .describe("What the role is for"),
    type: z
      .enum(roleTypes, { errorMap: () => ({ message: `must be one of ${roleTypes.join(", ")}` }) })
      .default("User")
      .describe("`User` (default; for members and just-in-time provisioning) or `MachineToMachine` (for member apps); changed in place"),
    permissions: z
      .array(z.string().min(1, "must not be empty"))
      .default([])
      .superRefine((ids, ctx) => {
        ids.forEach((id, index) => {
          if (ids.indexOf(id) !== index) ctx.addIssue({ code: "custom", path: [index], message: "this organization permission is listed twice" });
        });
      })
      .describe("Organization permissions: `OrganizationScope`s, or their ids"),
    apiPermissions: apiPermissionListSchema.describe("API permissions as `{ api, scopes }` per API resource"),
    adoptId: z.string().min(1, "must not be empty").optional().describe("Take over this existing organization role (by id) when the resource is created"),
  })
  .transform((role): OrganizationRoleArgs => ({ ...role, permissions: [...role.permissions].sort(), apiPermissions: sortedByApi(role.apiPermissions) }));
