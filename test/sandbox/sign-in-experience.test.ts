// The sign-in experience of the sandbox, as observed on a real Logto OSS v1.41.0
// (shared/logto-rbac-org-facts.md §0 and §8, shared/logto-management-api.md §5); where the facts
// are silent, as packages/core/src/routes/sign-in-experience/index.ts does it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { spawnSandbox, type ApiResponse, type Sandbox } from "../support/sandbox";

const template = (usageType: string) => ({ usageType, subject: "Code", content: "{{code}}" });
const sesConnector = {
  connectorId: "aws-ses-mail",
  config: {
    accessKeyId: "AKIA",
    accessKeySecret: "secret",
    region: "eu-west-1",
    emailAddress: "noreply@example.com",
    templates: ["Register", "SignIn", "ForgotPassword", "Generic"].map(template),
  },
};
const emailSignUp = { identifiers: ["email"], password: true, verify: true };
const emailCodeSignIn = { methods: [{ identifier: "email", password: true, verificationCode: true, isPasswordPrimary: true }] };

/** The body paths of a 400 `guard.invalid_input`. */
const issuePaths = ({ body }: ApiResponse) => ((body as any).data.issues as Array<{ path: unknown[] }>).map(({ path: issuePath }) => issuePath);
const expectGuardError = (response: ApiResponse, ...paths: unknown[][]) => {
  expect([response.status, (response.body as any).code]).toEqual([400, "guard.invalid_input"]);
  expect(issuePaths(response)).toEqual(paths);
};
const expectError = (response: ApiResponse, status: number, code: string, message?: string) => {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject(message === undefined ? { code } : { code, message });
};
const mfaOff = { factors: [], policy: "UserControlled" };
const totp = (policy: string) => ({ factors: ["Totp"], policy });

describe("sandbox /api/sign-in-exp", () => {
  let sandbox: Sandbox;
  const patch = (body: Record<string, unknown>) => sandbox.api("PATCH", "/api/sign-in-exp", body);

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  test("GET returns the OSS seeded defaults", async () => {
    const { status, body } = await sandbox.api("GET", "/api/sign-in-exp");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      tenantId: "default",
      id: "default",
      signUp: { identifiers: ["username"], password: true, verify: false },
      signIn: { methods: [{ identifier: "username", password: true, verificationCode: false, isPasswordPrimary: true }] },
      socialSignInConnectorTargets: [],
      singleSignOnEnabled: false,
      signInMode: "SignInAndRegister",
      mfa: { factors: [], policy: "UserControlled" },
      color: { primaryColor: "#6139F6" },
      languageInfo: { autoDetect: true, fallbackLanguage: "en" },
      termsOfUseUrl: null,
      privacyPolicyUrl: null,
      agreeToTermsPolicy: "Automatic",
    });
    expect((body as any).branding.logoUrl).toMatch(/^https:\/\/logto\.io\//);
  });

  test("PATCH is top-level partial and replaces JSON fields whole", async () => {
    await patch({ color: { primaryColor: "#000000", isDarkModeEnabled: true, darkPrimaryColor: "#111111" } });
    const { body } = await patch({ color: { primaryColor: "#222222", isDarkModeEnabled: false, darkPrimaryColor: "#333333" }, singleSignOnEnabled: true });
    expect(body).toMatchObject({
      color: { primaryColor: "#222222", isDarkModeEnabled: false, darkPrimaryColor: "#333333" },
      singleSignOnEnabled: true,
      signUp: { identifiers: ["username"] },
    });
  });

  test("social targets without a social connector are dropped silently", async () => {
    await sandbox.api("POST", "/api/connectors", { connectorId: "apple-universal", config: { clientId: "x" } });
    const { status, body } = await patch({ socialSignInConnectorTargets: ["apple", "does-not-exist"] });
    expect(status).toBe(200);
    expect((body as any).socialSignInConnectorTargets).toEqual(["apple"]);
  });

  test("email sign-up needs an Email connector and verify", async () => {
    const noConnector = await patch({ signUp: emailSignUp, signIn: emailCodeSignIn });
    expect(noConnector.status).toBe(400);
    expect(noConnector.body).toEqual({
      code: "sign_in_experiences.enabled_connector_not_found",
      message: "Enabled Email connector not found.",
    });

    await sandbox.api("POST", "/api/connectors", sesConnector);
    const noVerify = await patch({ signUp: { ...emailSignUp, verify: false } });
    expect(noVerify.status).toBe(400);
    expect(noVerify.body).toMatchObject({ code: "sign_in_experiences.passwordless_requires_verify" });

    const ok = await patch({ signUp: emailSignUp, signIn: emailCodeSignIn, singleSignOnEnabled: true });
    expect(ok.status).toBe(200);
  });

  test("phone without an SMS connector is rejected", async () => {
    const response = await patch({ signUp: { identifiers: ["phone"], password: false, verify: true } });
    expect(response.body).toMatchObject({ code: "sign_in_experiences.enabled_connector_not_found", message: "Enabled Sms connector not found." });
  });

  test("sign-in rules: at least one factor, codes required without password", async () => {
    const noFactor = await patch({ signIn: { methods: [{ identifier: "username", password: false, verificationCode: false, isPasswordPrimary: true }] } });
    expect(noFactor.body).toMatchObject({ code: "sign_in_experiences.at_least_one_authentication_factor" });

    await sandbox.api("POST", "/api/connectors", sesConnector);
    const codeRequired = await patch({
      signUp: { identifiers: ["email"], password: false, verify: true },
      signIn: { methods: [{ identifier: "email", password: true, verificationCode: false, isPasswordPrimary: true }] },
    });
    expect(codeRequired.body).toMatchObject({ code: "sign_in_experiences.code_sign_in_must_be_enabled" });
  });

  test("duplicated and missing sign-up identifiers", async () => {
    const duplicated = await patch({ signUp: { identifiers: ["username", "username"], password: true, verify: false } });
    expect(duplicated.body).toMatchObject({ code: "sign_in_experiences.duplicated_sign_up_identifiers" });
    const missing = await patch({ signUp: { identifiers: [], password: true, verify: false, secondaryIdentifiers: [{ identifier: "username" }] } });
    expect(missing.body).toMatchObject({ code: "sign_in_experiences.missing_sign_up_identifiers" });
  });

  test("after the Email connector is deleted, email sign-up PATCHes fail but others work", async () => {
    const ses = (await sandbox.api("POST", "/api/connectors", sesConnector)).body as { id: string };
    expect((await patch({ signUp: emailSignUp, signIn: emailCodeSignIn })).status).toBe(200);
    expect((await sandbox.api("DELETE", `/api/connectors/${ses.id}`)).status).toBe(204);
    expect((await patch({ signUp: emailSignUp })).body).toMatchObject({ code: "sign_in_experiences.enabled_connector_not_found" });
    expect((await patch({ singleSignOnEnabled: true })).status).toBe(200);
  });

  test("guard: bad URLs and enums are guard.invalid_input; Cloud-only fields are rejected", async () => {
    const badUrl = await patch({ termsOfUseUrl: "not a url" });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ code: "guard.invalid_input" });
    expect((await patch({ termsOfUseUrl: "" })).status).toBe(200);
    expect((await patch({ signInMode: "Sometimes" })).body).toMatchObject({ code: "guard.invalid_input" });
    expect((await patch({ hideLogtoBranding: true })).body).toMatchObject({ code: "request.invalid_input" });
    expect((await patch({ languageInfo: { autoDetect: true, fallbackLanguage: "af-ZA" } })).body).toMatchObject({
      code: "sign_in_experiences.unsupported_default_language",
      message: "This language - af-ZA is not supported at the moment.",
    });
  });
  test("URL and email fields take a URL (an email), \"\" or null; \"\" is stored as null", async () => {
    for (const field of ["termsOfUseUrl", "privacyPolicyUrl", "supportWebsiteUrl", "unknownSessionRedirectUrl"]) {
      expect((await patch({ [field]: "https://example.com/page" })).body).toMatchObject({ [field]: "https://example.com/page" });
      const emptied = await patch({ [field]: "" });
      expect([emptied.status, (emptied.body as any)[field]]).toEqual([200, null]);
      expect((await patch({ [field]: "https://example.com/page" })).status).toBe(200);
      expect((await patch({ [field]: null })).body).toMatchObject({ [field]: null });
      expectGuardError(await patch({ [field]: "example.com/terms" }), [field]);
    }
    expect((await patch({ supportEmail: "help@example.com" })).body).toMatchObject({ supportEmail: "help@example.com" });
    expect((await patch({ supportEmail: "" })).body).toMatchObject({ supportEmail: null });
    expectGuardError(await patch({ supportEmail: "not-an-email" }), ["supportEmail"]);
    expect((await sandbox.api("GET", "/api/sign-in-exp")).body).toMatchObject({ supportEmail: null, termsOfUseUrl: null });
  });

  test("customCss: a string or null, \"\" stored as null, a number rejected", async () => {
    expect((await patch({ customCss: ".a{color:red}" })).body).toMatchObject({ customCss: ".a{color:red}" });
    expect((await patch({ customCss: "" })).body).toMatchObject({ customCss: null });
    expectGuardError(await patch({ customCss: 5 }), ["customCss"]);
  });

  test("fallback language: unknown tags fail the guard, known ones need UI phrases or custom phrases", async () => {
    const language = (fallbackLanguage: string) => patch({ languageInfo: { autoDetect: false, fallbackLanguage } });
    for (const unknown of ["xx-invalid", "de-AT", "el"]) {
      expectGuardError(await language(unknown), ["languageInfo", "fallbackLanguage"]);
    }
    for (const withoutPhrases of ["af-ZA", "sv"]) {
      expectError(
        await language(withoutPhrases),
        400,
        "sign_in_experiences.unsupported_default_language",
        `This language - ${withoutPhrases} is not supported at the moment.`,
      );
    }
    for (const builtIn of ["fr", "ko", "uk-UA"]) {
      expect((await language(builtIn)).body).toMatchObject({ languageInfo: { autoDetect: false, fallbackLanguage: builtIn } });
    }
    expect((await sandbox.api("PUT", "/api/custom-phrases/sv", { input: { username: "Användarnamn" } })).status).toBe(201);
    expect((await language("sv")).body).toMatchObject({ languageInfo: { fallbackLanguage: "sv" } });
    expectGuardError(await patch({ languageInfo: { fallbackLanguage: "en" } }), ["languageInfo", "autoDetect"]);
  });

  test("MFA factors: no BackupCode alone, no duplicates, known factors only", async () => {
    expectError(
      await patch({ mfa: { factors: ["BackupCode"], policy: "UserControlled" } }),
      400,
      "sign_in_experiences.backup_code_cannot_be_enabled_alone",
      "Backup code cannot be enabled alone.",
    );
    expectError(await patch({ mfa: { factors: ["Totp", "Totp"], policy: "UserControlled" } }), 400, "sign_in_experiences.duplicated_mfa_factors", "Duplicated MFA factors.");
    expectGuardError(await patch({ mfa: { factors: ["Sms"], policy: "UserControlled" } }), ["mfa", "factors", 0]);
    expectGuardError(await patch({ mfa: { factors: ["Totp"] } }), ["mfa", "policy"]);
    const ok = await patch({ mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" } });
    expect([ok.status, (ok.body as any).mfa]).toEqual([200, { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" }]);
    expect((await patch({ mfa: { factors: [], policy: "Mandatory" } })).status).toBe(200);
  });

  test("non-skippable MFA policies need adaptive MFA, and adaptive MFA needs MFA with such a policy", async () => {
    for (const policy of ["PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory"]) {
      expectError(await patch({ mfa: totp(policy) }), 422, "sign_in_experiences.non_adaptive_mfa_requires_skippable_policy");
      expectError(await patch({ mfa: totp(policy), adaptiveMfa: { enabled: false } }), 422, "sign_in_experiences.non_adaptive_mfa_requires_skippable_policy");
    }
    expectError(
      await patch({ adaptiveMfa: { enabled: true } }),
      422,
      "sign_in_experiences.adaptive_mfa_requires_mfa",
      "MFA must be enabled before enabling adaptive MFA.",
    );
    expectError(await patch({ mfa: totp("UserControlled"), adaptiveMfa: { enabled: true } }), 422, "sign_in_experiences.adaptive_mfa_requires_non_skippable_policy");

    const adaptive = await patch({ mfa: totp("PromptOnlyAtSignInMandatory"), adaptiveMfa: { enabled: true } });
    expect([adaptive.status, (adaptive.body as any).adaptiveMfa]).toEqual([200, { enabled: true }]);
    // The stored adaptive MFA decides for an MFA sent alone.
    expectError(await patch({ mfa: totp("PromptAtSignInAndSignUp") }), 422, "sign_in_experiences.adaptive_mfa_requires_non_skippable_policy");
    expect((await patch({ mfa: totp("PromptAtSignInAndSignUpMandatory") })).status).toBe(200);
    // The stored MFA decides for adaptive MFA sent alone.
    expectError(await patch({ adaptiveMfa: { enabled: false } }), 422, "sign_in_experiences.non_adaptive_mfa_requires_skippable_policy");
    expect((await patch({ adaptiveMfa: { enabled: true } })).status).toBe(200);
  });

  test("turning MFA off without a word on adaptive MFA turns adaptive MFA off", async () => {
    expect((await sandbox.api("GET", "/api/sign-in-exp")).body).toMatchObject({ adaptiveMfa: {} });
    expect((await patch({ mfa: mfaOff, adaptiveMfa: {} })).body).toMatchObject({ adaptiveMfa: {} });
    expect((await patch({ mfa: mfaOff })).body).toMatchObject({ mfa: mfaOff, adaptiveMfa: { enabled: false } });
    expect((await patch({ mfa: totp("PromptOnlyAtSignInMandatory"), adaptiveMfa: { enabled: true } })).status).toBe(200);
    expect((await patch({ mfa: { factors: [], policy: "PromptOnlyAtSignInMandatory" } })).body).toMatchObject({ adaptiveMfa: { enabled: false } });
  });

  test("passwordPolicy: each sub-object sent gets its defaults, {} resets it", async () => {
    expect((await patch({ passwordPolicy: { length: { min: 10 } } })).body).toMatchObject({ passwordPolicy: { length: { min: 10, max: 256 } } });
    const rejects = await patch({ passwordPolicy: { rejects: { pwned: false, words: ["x"] } } });
    expect((rejects.body as any).passwordPolicy).toEqual({ rejects: { pwned: false, repetitionAndSequence: true, userInfo: true, words: ["x"] } });
    expect(((await patch({ passwordPolicy: { characterTypes: {} } })).body as any).passwordPolicy).toEqual({ characterTypes: { min: 1 } });
    expect(((await patch({ passwordPolicy: { length: { min: 100, max: 10 } } })).body as any).passwordPolicy).toEqual({ length: { min: 100, max: 10 } });
    expect(((await patch({ passwordPolicy: { length: { max: 257 } } })).body as any).passwordPolicy).toEqual({ length: { min: 8, max: 257 } });
    expect(((await patch({ passwordPolicy: {} })).body as any).passwordPolicy).toEqual({});

    expectGuardError(await patch({ passwordPolicy: { length: { min: 0 } } }), ["passwordPolicy", "length", "min"]);
    const fraction = await patch({ passwordPolicy: { length: { min: 8.5 } } });
    expectGuardError(fraction, ["passwordPolicy", "length", "min"]);
    expect((fraction.body as any).data.issues[0].message).toBe("Expected integer, received float");
    expectGuardError(await patch({ passwordPolicy: { characterTypes: { min: 5 } } }), ["passwordPolicy", "characterTypes", "min"]);
  });

  test("password expiration needs a forgot-password path; enabledAt is the server's", async () => {
    const enable = { enabled: true, validPeriodDays: 90 };
    expectError(
      await patch({ passwordExpiration: enable }),
      422,
      "sign_in_experiences.password_expiration_requires_forgot_password",
      "Password expiration requires at least one forgot password method with a valid connector.",
    );
    expectGuardError(await patch({ passwordExpiration: { enabled: true } }), ["passwordExpiration"]);
    expectGuardError(await patch({ passwordExpiration: { enabled: true, validPeriodDays: 0 } }), ["passwordExpiration", "validPeriodDays"]);

    await sandbox.api("POST", "/api/connectors", sesConnector);
    // With no forgot-password methods listed (null), the Email connector is the way.
    const before = Date.now();
    const enabled = (await patch({ passwordExpiration: { ...enable, enabledAt: 5 } })).body as any;
    expect(enabled.passwordExpiration).toEqual({ ...enable, enabledAt: expect.any(Number) });
    const { enabledAt } = enabled.passwordExpiration;
    expect(enabledAt).toBeGreaterThanOrEqual(before);

    // Merged over the stored policy while on; enabledAt kept.
    expect(((await patch({ passwordExpiration: { validPeriodDays: 0 } })).body as any).passwordExpiration).toEqual({ ...enable, enabledAt });
    expect(((await patch({ passwordExpiration: { enabled: true, validPeriodDays: 30, enabledAt: 1 } })).body as any).passwordExpiration).toEqual({
      enabled: true,
      validPeriodDays: 30,
      enabledAt,
    });

    // Checked on every PATCH: the stored policy needs the methods sent.
    expectError(await patch({ forgotPasswordMethods: [] }), 422, "sign_in_experiences.password_expiration_requires_forgot_password");
    expectError(
      await patch({ forgotPasswordMethods: ["PhoneVerificationCode"] }),
      400,
      "sign_in_experiences.forgot_password_method_requires_connector",
      "Forgot password method requires a corresponding sms connector to be configured.",
    );
    expect((await patch({ forgotPasswordMethods: ["EmailVerificationCode"] })).status).toBe(200);

    expect(((await patch({ passwordExpiration: { enabled: false, validPeriodDays: 30 } })).body as any).passwordExpiration).toEqual({ enabled: false });
    expect((await patch({ forgotPasswordMethods: [] })).status).toBe(200);
  });

  test("an unusable stored password expiration fails every PATCH with 422", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "logto-sandbox-sie-"));
    const stateFile = path.join(directory, "state.json");
    const credentials = { appId: "sie-expiration-app", appSecret: "sie-expiration-secret" };
    try {
      await (await spawnSandbox({ stateFile, ...credentials })).stop();
      const state = JSON.parse(readFileSync(stateFile, "utf8"));
      state.signInExperience.passwordExpiration = { enabled: true, validPeriodDays: 0 };
      writeFileSync(stateFile, JSON.stringify(state));
      const restarted = await spawnSandbox({ stateFile, ...credentials });
      try {
        expectError(
          await restarted.api("PATCH", "/api/sign-in-exp", { singleSignOnEnabled: true }),
          422,
          "sign_in_experiences.password_expiration_invalid_period_days",
          "Valid period days must be a positive integer when password expiration is enabled.",
        );
        expect((await restarted.api("PATCH", "/api/sign-in-exp", { passwordExpiration: { enabled: false } })).status).toBe(200);
      } finally {
        await restarted.stop();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test("Cloud-only options: hideLogtoBranding true and Custom UI CSP sources are refused; false and empty pass", async () => {
    expectError(await patch({ hideLogtoBranding: true }), 400, "request.invalid_input", "Input is invalid. Hide Logto branding is not supported in this environment");
    expect((await patch({ hideLogtoBranding: false })).body).toMatchObject({ hideLogtoBranding: false });
    expectError(await patch({ customUiCsp: { scriptSrc: ["https://cdn.example.com"] } }), 400, "request.invalid_input", "Input is invalid. Custom UI CSP configuration is not available");
    expect((await patch({ customUiCsp: { scriptSrc: [] } })).body).toMatchObject({ customUiCsp: {} });
  });

  test("a PATCH with nothing to set is 422 entity.invalid_input", async () => {
    const invalidInput = { code: "entity.invalid_input", message: "Invalid input. Value list must not be empty." };
    for (const body of [{}, { isTrustedDeviceAllowed: true }]) {
      const response = await patch(body);
      expect([response.status, response.body]).toEqual([422, invalidInput]);
    }
  });
});
