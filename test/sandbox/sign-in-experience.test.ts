import { spawnSandbox, type Sandbox } from "../support/sandbox";

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
});
