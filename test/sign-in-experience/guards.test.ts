import { managedFieldsSchema, type ManagedField } from "../../resources/sign-in-experience/schema";
import { storedForm } from "../../resources/sign-in-experience/stored-form";

type Schemas = typeof import("@logto/schemas", { with: { "resolution-mode": "import" } });
type Zod = typeof import("zod", { with: { "resolution-mode": "import" } });

/** The body guard of Logto's PATCH /api/sign-in-exp, built as packages/core/src/routes/sign-in-experience does. */
async function logtoPatchGuard() {
  const { SignInExperiences } = (await import("@logto/schemas")) as Schemas;
  const { z } = (await import("zod")) as Zod;
  const clearable = (value: import("zod").ZodString) => value.optional().nullable().or(z.literal(""));
  return SignInExperiences.createGuard
    .omit({ id: true, termsOfUseUrl: true, privacyPolicyUrl: true, supportEmail: true, supportWebsiteUrl: true, unknownSessionRedirectUrl: true })
    .merge(
      z.object({
        termsOfUseUrl: clearable(z.string().url()),
        privacyPolicyUrl: clearable(z.string().url()),
        supportEmail: clearable(z.string().email()),
        supportWebsiteUrl: clearable(z.string().url()),
        unknownSessionRedirectUrl: clearable(z.string().url()),
      }),
    )
    .partial();
}

/** Values per field, good and bad, that both guards must judge alike. */
const samples: Array<[ManagedField, unknown]> = [
  ["color", { primaryColor: "#6139F6", isDarkModeEnabled: true, darkPrimaryColor: "#abc" }],
  ["color", { primaryColor: "#6139F6" }],
  ["color", { primaryColor: "red", isDarkModeEnabled: false, darkPrimaryColor: "#8768F8" }],
  ["color", { primaryColor: "#12345", isDarkModeEnabled: false, darkPrimaryColor: "#8768F8" }],
  ["branding", { logoUrl: "https://acme.test/logo.svg", favicon: "https://acme.test/favicon.ico" }],
  ["branding", { logoUrl: "" }],
  ["branding", { darkLogoUrl: "not a url" }],
  ["branding", { logoUrl: "ftp://acme.test/logo.svg" }],
  ["termsOfUseUrl", "https://acme.test/terms"],
  ["termsOfUseUrl", ""],
  ["termsOfUseUrl", null],
  ["termsOfUseUrl", "acme.test/terms"],
  ["privacyPolicyUrl", "mailto:privacy@acme.test"],
  ["supportEmail", "help@acme.test"],
  ["supportEmail", "help"],
  ["supportWebsiteUrl", "https://acme.test/help"],
  ["unknownSessionRedirectUrl", "nope"],
  ["agreeToTermsPolicy", "ManualRegistrationOnly"],
  ["agreeToTermsPolicy", "Always"],
  ["languageInfo", { autoDetect: true, fallbackLanguage: "fr" }],
  ["languageInfo", { autoDetect: true }],
  ["socialSignIn", { automaticAccountLinking: true }],
  ["socialSignIn", { automaticAccountLinking: "yes" }],
  ["signInMode", "Register"],
  ["customCss", ".logto_main-content { border-radius: 0 }"],
  ["customCss", null],
  ["customCss", 42],
  ["customContent", { "/sign-in": "<p>Welcome</p>" }],
  ["customContent", { "/sign-in": 1 }],
  ["passwordPolicy", {}],
  ["passwordPolicy", { length: { min: 10 } }],
  ["passwordPolicy", { length: { min: 100, max: 10 } }],
  ["passwordPolicy", { length: { min: 0 } }],
  ["passwordPolicy", { length: { min: 8.5 } }],
  ["passwordPolicy", { length: { max: 257 } }],
  ["passwordPolicy", { characterTypes: { min: 4 } }],
  ["passwordPolicy", { characterTypes: { min: 5 } }],
  ["passwordPolicy", { rejects: { pwned: false, words: ["acme"] } }],
  ["passwordPolicy", { rejects: { words: "acme" } }],
  ["mfa", { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" }],
  ["mfa", { factors: ["Totp"] }],
  ["mfa", { factors: ["Sms"], policy: "Mandatory" }],
  ["mfa", { factors: [], policy: "Mandatory", organizationRequiredMfaPolicy: "Mandatory" }],
  ["mfa", { factors: [], policy: "Sometimes" }],
  ["adaptiveMfa", { enabled: true }],
  ["adaptiveMfa", {}],
  ["forgotPasswordMethods", ["EmailVerificationCode"]],
  ["forgotPasswordMethods", null],
  ["forgotPasswordMethods", ["Email"]],
  ["passwordExpiration", { enabled: false }],
  ["passwordExpiration", { enabled: true, validPeriodDays: 90 }],
  ["passwordExpiration", { enabled: true }],
  ["passwordExpiration", { enabled: true, validPeriodDays: 0 }],
  ["passkeySignIn", { enabled: true, showPasskeyButton: false }],
  ["captchaPolicy", { enabled: false }],
  ["sentinelPolicy", { maxAttempts: 5, lockoutDuration: 30 }],
  ["sentinelPolicy", { maxAttempts: "5" }],
  ["emailBlocklistPolicy", { blockSubaddressing: true, customBlocklist: ["@spam.test"] }],
  ["verificationCodePolicy", { expirationDuration: 600, maxRetryAttempts: 5 }],
  ["verificationCodePolicy", { expirationDuration: 30 }],
  ["verificationCodePolicy", { maxRetryAttempts: 101 }],
  ["signUp", { identifiers: ["email"], password: true, verify: true, secondaryIdentifiers: [{ identifier: "emailOrPhone", verify: true }] }],
  ["signUp", { identifiers: ["email"], password: true }],
  ["signIn", { methods: [{ identifier: "username", password: true, verificationCode: false }] }],
  ["singleSignOnEnabled", "true"],
  ["socialSignInConnectorTargets", ["apple", 1]],
];

describe("sign-in experience fields are judged as Logto's PATCH /api/sign-in-exp judges them", () => {
  let logto: Awaited<ReturnType<typeof logtoPatchGuard>>;
  beforeAll(async () => {
    logto = await logtoPatchGuard();
  });

  test.each(samples)("%s: %j", (field, value) => {
    const ours = managedFieldsSchema.safeParse({ [field]: value }).success;
    const theirs = logto.safeParse({ [field]: value }).success;
    expect(ours).toBe(theirs);
  });

  test("every field we manage is one Logto's PATCH takes", () => {
    const logtoFields = Object.keys(logto.shape);
    expect(Object.keys(managedFieldsSchema.shape).filter((field) => !logtoFields.includes(field))).toEqual([]);
  });

  test("a key Logto would drop without a word is refused here, so a typo is never lost", () => {
    expect(logto.safeParse({ color: { primaryColor: "#6139F6", isDarkModeEnabled: false, darkPrimaryColor: "#8768F8", primaryColour: "#000" } }).success).toBe(true);
    const ours = managedFieldsSchema.safeParse({ color: { primaryColor: "#6139F6", isDarkModeEnabled: false, darkPrimaryColor: "#8768F8", primaryColour: "#000" } });
    expect(ours.success).toBe(false);
  });

  test.each([
    { length: { min: 10 } },
    { rejects: { pwned: false, words: ["acme"] } },
    { characterTypes: {} },
    { length: {}, rejects: {} },
    {},
  ])("a password policy %j is kept in the form Logto stores, so refresh sees no drift", (passwordPolicy) => {
    expect(storedForm({ passwordPolicy }).passwordPolicy).toEqual(logto.parse({ passwordPolicy }).passwordPolicy);
  });
});
