import { z } from "zod";

// Each schema mirrors the guard Logto's PATCH /api/sign-in-exp applies (SignInExperiences.createGuard
// of @logto/schemas, with the route's own URL and email fields); test/sign-in-experience/guards.test.ts
// holds them side by side.

const identifier = z.enum(["username", "email", "phone"]);

const signUpSchema = z
  .object({
    identifiers: z.array(identifier).describe("Identifiers a new user gives: `username`, `email`, `phone`; `[]` for social or SSO sign-up only."),
    password: z.boolean().describe("Whether a new user sets a password."),
    verify: z.boolean().describe("Whether email and phone identifiers are verified by a code (required for them)."),
    secondaryIdentifiers: z
      .array(
        z.object({
          identifier: z.enum(["username", "email", "phone", "emailOrPhone"]).describe("The identifier; `emailOrPhone` lets the user choose."),
          verify: z.boolean().optional().describe("Verify it by a code (required for all but `username`)."),
        }),
      )
      .optional()
      .describe("More identifiers asked for at sign-up, each with its own `verify`."),
  })
  .describe("How users sign up.");

const signInSchema = z
  .object({
    methods: z
      .array(
        z.object({
          identifier: identifier.describe("What the user types: `username`, `email` or `phone`."),
          password: z.boolean().describe("Sign in with a password."),
          verificationCode: z.boolean().describe("Sign in with a code sent by email or SMS."),
          isPasswordPrimary: z.boolean().describe("Offer the password first when both are on."),
        }),
      )
      .describe("One entry per identifier offered, in the order shown."),
  })
  .describe("How users sign in: per identifier, by password, by verification code, or both.");

const hexColor = z.string().regex(/^#[\da-f]{3}([\da-f]{3})?$/i, "must be a hex color such as #6139F6");
const absoluteUrl = z.string().url("must be an absolute URL");
/** URL fields Logto accepts as a URL, "" or null, and stores "" as null (see storedForm). */
const clearableUrl = (description: string) => absoluteUrl.or(z.literal("")).nullable().optional().describe(description);

const passwordPolicySchema = z
  .object({
    length: z
      .object({
        min: z.number().int("must be a whole number").min(1, "must be at least 1").optional().describe("Shortest password (default 8)."),
        max: z.number().int("must be a whole number").min(1, "must be at least 1").optional().describe("Longest password (default 256)."),
      })
      .optional()
      .describe("Password length."),
    characterTypes: z
      .object({ min: z.number().int("must be a whole number").min(1, "must be 1 to 4").max(4, "must be 1 to 4").optional().describe("Kinds of characters (lower, upper, digits, symbols) a password needs (default 1).") })
      .optional()
      .describe("Character kinds."),
    rejects: z
      .object({
        pwned: z.boolean().optional().describe("Refuse passwords found in known breaches (default true)."),
        repetitionAndSequence: z.boolean().optional().describe('Refuse repeated and sequential characters such as "aaaa" or "1234" (default true).'),
        userInfo: z.boolean().optional().describe("Refuse passwords containing the user's name, email or phone (default true)."),
        words: z.array(z.string()).optional().describe("Words a password must not contain (default none)."),
      })
      .optional()
      .describe("What passwords are refused."),
  })
  .strict()
  .describe("Password policy; each part given gets Logto's defaults for what it leaves out.");

export const mfaFactors = ["Totp", "WebAuthn", "BackupCode", "EmailVerificationCode", "PhoneVerificationCode"] as const;
export const nonSkippableMfaPolicies = ["PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory"] as const;

const mfaSchema = z
  .object({
    factors: z.array(z.enum(mfaFactors)).describe("Factors users may set up: `Totp`, `WebAuthn`, `BackupCode` (not alone), `EmailVerificationCode`, `PhoneVerificationCode`; `[]` turns MFA off."),
    policy: z
      .enum(["UserControlled", "Mandatory", "PromptOnlyAtSignIn", "PromptAtSignInAndSignUp", "NoPrompt", ...nonSkippableMfaPolicies])
      .describe("When users are asked to set MFA up: `Mandatory`, `PromptAtSignInAndSignUp`, `PromptOnlyAtSignIn`, `NoPrompt`, `UserControlled`; the `…Mandatory` prompts need adaptiveMfa.enabled."),
    organizationRequiredMfaPolicy: z.enum(["NoPrompt", "Mandatory"]).optional().describe("For members of organizations that require MFA."),
  })
  .strict()
  .describe("Multi-factor authentication.");

const passwordExpirationSchema = z
  .object({
    enabled: z.boolean().optional().describe("Turn password expiry on."),
    validPeriodDays: z.number().int("must be a whole number").min(1, "must be at least 1").optional().describe("Days a password stays valid."),
  })
  .strict()
  .superRefine(({ enabled, validPeriodDays }, ctx) => {
    if (enabled && validPeriodDays === undefined) ctx.addIssue({ code: "custom", path: ["validPeriodDays"], message: "is required when enabled is true" });
    // Logto drops it and stores {enabled: false}: refused, so the state never disagrees.
    if (!enabled && validPeriodDays !== undefined) ctx.addIssue({ code: "custom", path: ["validPeriodDays"], message: "is only taken with enabled: true" });
  })
  .describe("Makes users reset their password after `validPeriodDays`; needs a forgot-password method whose connector exists.");

const forgotPasswordMethod = z.enum(["EmailVerificationCode", "PhoneVerificationCode"]);

/** Sign-in experience fields this resource can own; it owns exactly those the user sets. */
export const managedFieldsSchema = z.object({
  signUp: signUpSchema.optional(),
  signIn: signInSchema.optional(),
  socialSignInConnectorTargets: z
    .array(z.string().min(1, "must not be empty"))
    .optional()
    .describe("Social connector targets offered on the sign-in page, e.g. `[apple.target]`; Logto drops targets no connector has."),
  socialSignIn: z
    .object({
      automaticAccountLinking: z.boolean().optional().describe("Link a social identity to the account with the same verified email or phone without asking."),
      skipRequiredIdentifiers: z.boolean().optional().describe("Let social sign-up skip the sign-up identifiers Logto would otherwise ask for."),
    })
    .strict()
    .optional()
    .describe("Social sign-in options."),
  singleSignOnEnabled: z.boolean().optional().describe("Offer enterprise SSO on the sign-in page."),
  signInMode: z.enum(["SignIn", "Register", "SignInAndRegister"]).optional().describe("Whether the page offers sign-in, registration or both."),
  color: z
    .object({
      primaryColor: hexColor.describe("Brand color, e.g. `#6139F6`."),
      isDarkModeEnabled: z.boolean().describe("Offer a dark theme."),
      darkPrimaryColor: hexColor.describe("Brand color in the dark theme."),
    })
    .strict()
    .optional()
    .describe("Colors; Logto takes all three keys together."),
  branding: z
    .object({
      logoUrl: absoluteUrl.optional().describe("Logo."),
      darkLogoUrl: absoluteUrl.optional().describe("Logo in the dark theme."),
      favicon: absoluteUrl.optional().describe("Favicon."),
      darkFavicon: absoluteUrl.optional().describe("Favicon in the dark theme."),
    })
    .strict()
    .optional()
    .describe("Logos and favicons, replaced whole: a key left out is removed."),
  languageInfo: z
    .object({
      autoDetect: z.boolean().describe("Use the browser's language when Logto has it."),
      fallbackLanguage: z.string().describe("Language tag used otherwise, e.g. `en`, `fr`, `pt-BR`: one with built-in phrases, or one with a CustomPhrase."),
    })
    .strict()
    .optional()
    .describe("Languages of the sign-in page."),
  termsOfUseUrl: clearableUrl("Terms of use link; `null` or `\"\"` removes it."),
  privacyPolicyUrl: clearableUrl("Privacy policy link; `null` or `\"\"` removes it."),
  agreeToTermsPolicy: z
    .enum(["Automatic", "ManualRegistrationOnly", "Manual"])
    .optional()
    .describe("How users agree to the terms: `Automatic` (by continuing), `ManualRegistrationOnly` (a checkbox at sign-up), `Manual` (a checkbox at sign-up and sign-in)."),
  supportEmail: z.string().email("must be an email address").or(z.literal("")).nullable().optional().describe("Support email shown on error pages."),
  supportWebsiteUrl: clearableUrl("Support website shown on error pages."),
  unknownSessionRedirectUrl: clearableUrl("Where users go when their sign-in session is unknown or expired."),
  customCss: z.string().nullable().optional().describe("CSS added to the sign-in page; `null` or `\"\"` removes it."),
  customContent: z.record(z.string(), z.string()).optional().describe("Custom content per page path, e.g. `{\"/sign-in\": \"<p>…</p>\"}`."),
  passwordPolicy: passwordPolicySchema.optional(),
  mfa: mfaSchema.optional(),
  adaptiveMfa: z.object({ enabled: z.boolean().optional().describe("Turn adaptive MFA on.") }).strict().optional().describe("Adaptive MFA (prompts by risk); needs MFA factors and a `…Mandatory` policy."),
  forgotPasswordMethods: z
    .array(forgotPasswordMethod)
    .nullable()
    .optional()
    .describe("How users reset a forgotten password: `EmailVerificationCode` (needs an Email connector), `PhoneVerificationCode` (needs an SMS connector)."),
  passwordExpiration: passwordExpirationSchema.optional(),
  passkeySignIn: z
    .object({
      enabled: z.boolean().optional().describe("Offer sign-in with a passkey."),
      showPasskeyButton: z.boolean().optional().describe("Show a passkey button."),
      allowAutofill: z.boolean().optional().describe("Offer passkeys in the browser's autofill."),
    })
    .strict()
    .optional()
    .describe("Passkey sign-in."),
  captchaPolicy: z.object({ enabled: z.boolean().optional().describe("Turn the CAPTCHA on.") }).strict().optional().describe("Ask for a CAPTCHA (needs a CAPTCHA provider in Logto)."),
  sentinelPolicy: z
    .object({
      maxAttempts: z.number().optional().describe("Failed attempts before lockout (Logto's default 100)."),
      lockoutDuration: z.number().optional().describe("Lockout in minutes (Logto's default 60)."),
    })
    .strict()
    .optional()
    .describe("Account lockout after failed attempts."),
  emailBlocklistPolicy: z
    .object({
      blockDisposableAddresses: z.boolean().optional().describe("Refuse disposable email addresses (Logto Cloud)."),
      blockSubaddressing: z.boolean().optional().describe("Refuse sub-addresses such as name+shop@example.com."),
      customBlocklist: z.array(z.string()).optional().describe("Email addresses or domains (`@example.com`) refused at sign-up."),
    })
    .strict()
    .optional()
    .describe("Email addresses refused at sign-up."),
  verificationCodePolicy: z
    .object({
      expirationDuration: z.number().int("must be a whole number").min(60, "must be 60 to 3600 seconds").max(3600, "must be 60 to 3600 seconds").optional().describe("Seconds a code stays valid."),
      maxRetryAttempts: z.number().int("must be a whole number").min(1, "must be 1 to 100").max(100, "must be 1 to 100").optional().describe("Wrong codes allowed."),
    })
    .strict()
    .optional()
    .describe("Verification codes sent by email and SMS."),
});

export type ManagedFields = z.infer<typeof managedFieldsSchema>;
export type ManagedField = keyof ManagedFields;

export const manageableFields = Object.keys(managedFieldsSchema.shape) as ManagedField[];

export const signInExperienceArgsSchema = managedFieldsSchema
  .extend({
    emailConnector: z.string().optional().describe("The Email connector's `connectorId`: makes the sign-in experience wait for it, and satisfies email sign-up."),
  });

export type SignInExperienceArgs = z.infer<typeof signInExperienceArgsSchema>;

export function ownedFieldsOf(args: ManagedFields): ManagedField[] {
  return manageableFields.filter((field) => args[field] !== undefined);
}
