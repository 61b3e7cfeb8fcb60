import { z } from "zod";

const identifier = z.enum(["username", "email", "phone"]);

const signUpSchema = z.object({
  identifiers: z.array(identifier),
  password: z.boolean(),
  verify: z.boolean(),
  secondaryIdentifiers: z
    .array(z.object({ identifier: z.enum(["username", "email", "phone", "emailOrPhone"]), verify: z.boolean().optional() }))
    .optional(),
});

const signInSchema = z.object({
  methods: z.array(
    z.object({
      identifier,
      password: z.boolean(),
      verificationCode: z.boolean(),
      isPasswordPrimary: z.boolean(),
    }),
  ),
});

const absoluteUrl = z.string().url("must be an absolute URL");
const optionalUrl = absoluteUrl.nullable();

/** Sign-in experience fields this resource can own; it owns exactly those the user sets. */
export const manageableFields = [
  "signUp",
  "signIn",
  "socialSignInConnectorTargets",
  "singleSignOnEnabled",
  "signInMode",
  "branding",
  "termsOfUseUrl",
  "privacyPolicyUrl",
] as const;

export type ManagedField = (typeof manageableFields)[number];

export const managedFieldsSchema = z.object({
  signUp: signUpSchema.optional(),
  signIn: signInSchema.optional(),
  socialSignInConnectorTargets: z.array(z.string().min(1, "must not be empty")).optional(),
  singleSignOnEnabled: z.boolean().optional(),
  signInMode: z.enum(["SignIn", "Register", "SignInAndRegister"]).optional(),
  branding: z
    .object({ logoUrl: absoluteUrl.optional(), darkLogoUrl: absoluteUrl.optional(), favicon: absoluteUrl.optional(), darkFavicon: absoluteUrl.optional() })
    .optional(),
  termsOfUseUrl: optionalUrl.optional(),
  privacyPolicyUrl: optionalUrl.optional(),
});

export type ManagedFields = z.infer<typeof managedFieldsSchema>;

export const signInExperienceArgsSchema = managedFieldsSchema.extend({
  /** An Email connector's id: makes the sign-in experience wait for it, and satisfies email sign-up. */
  emailConnector: z.string().optional(),
});

export type SignInExperienceArgs = z.infer<typeof signInExperienceArgsSchema>;

export function ownedFieldsOf(args: ManagedFields): ManagedField[] {
  return manageableFields.filter((field) => args[field] !== undefined);
}
