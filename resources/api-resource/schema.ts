import { z } from "zod";

/** Logto's own Management API: it can be neither changed nor deleted. */
export const managementApiId = "management-api";

/** The fields of a Logto API resource that the user owns through this resource. */
export interface ApiResourceArgs {
  name: string;
  indicator: string;
  accessTokenTtl: number;
  isDefault: boolean;
  /** Permission name → description ("" for none). */
  scopes: Record<string, string>;
  adoptId?: string;
}

export const ownedFields = ["name", "indicator", "accessTokenTtl", "isDefault", "scopes"] as const satisfies ReadonlyArray<keyof ApiResourceArgs>;

/** Logto refuses a permission name with whitespace; its column holds 256 characters. */
export const scopeNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(256, "must be at most 256 characters")
  .refine((name) => !/\s/.test(name), "must not contain whitespace (Logto refuses it), e.g. read:orders");

/** RFC 8707: an absolute URI without a fragment. Logto itself takes any text. */
const indicatorSchema = z.string().refine(isAbsoluteUriWithoutFragment, "must be an absolute URI without a fragment, e.g. https://api.example.com");

export const apiResourceArgsSchema = z.object({
  name: z.string().trim().min(1, "must not be empty").describe("Display name of the API in the Console"),
  indicator: indicatorSchema.describe(
    "The API identifier (RFC 8707 resource indicator), the `aud` of its access tokens, unique in the tenant. Changing it replaces the API resource",
  ),
  accessTokenTtl: z
    .number()
    .int("must be a whole number of seconds")
    .positive("must be at least 1 second")
    .default(3600)
    .describe("Access token lifetime in seconds (default 3600)"),
  isDefault: z
    .boolean()
    .default(false)
    .describe("The tenant's default API: tokens requested without a `resource` are issued for it. At most one per tenant"),
  scopes: z
    .record(z.string(), z.string().nullish().transform((description) => description ?? ""))
    .default({})
    .superRefine((scopes, ctx) => {
      for (const name of Object.keys(scopes)) {
        const result = scopeNameSchema.safeParse(name);
        if (!result.success) ctx.addIssue({ code: "custom", path: [name], message: `permission name ${result.error.issues[0]!.message}` });
      }
    })
    .describe('Permissions (scopes) by name, with their descriptions: `{ "read:orders": "Read orders" }`'),
  adoptId: z
    .string()
    .min(1, "must not be empty")
    .refine((id) => id !== managementApiId, "the Logto Management API cannot be changed or deleted, so it cannot be adopted")
    .optional()
    .describe("Take over this existing API resource (by id) when the resource is created, instead of making one"),
});

function isAbsoluteUriWithoutFragment(value: string): boolean {
  if (/\s/.test(value) || value.includes("#")) return false;
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && Boolean(new URL(value).protocol);
  } catch {
    return false;
  }
}
