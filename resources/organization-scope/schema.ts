import { z } from "zod";

/** The fields of an organization permission that the user owns through this resource. */
export interface OrganizationScopeArgs {
  name: string;
  description: string | null;
  adoptId?: string;
}

export const ownedFields = ["name", "description"] as const satisfies ReadonlyArray<keyof OrganizationScopeArgs>;

export const organizationScopeArgsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(128, "must be at most 128 characters")
    .describe("Permission name, unique in the organization template, e.g. invite:members (spaces are allowed)"),
  description: z
    .string()
    .max(256, "must be at most 256 characters")
    .nullish()
    .transform((value) => value || null)
    .describe("What the permission allows"),
  adoptId: z.string().min(1, "must not be empty").optional().describe("Take over this existing organization permission (by id) when the resource is created"),
});
