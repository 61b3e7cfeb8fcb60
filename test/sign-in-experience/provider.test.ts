import { provider, type SignInExperienceOutputs } from "../../resources/sign-in-experience/provider";
import type { SignInExperienceArgs } from "../../resources/sign-in-experience/schema";
import { unknownValue } from "../../resources/provider-kit/check";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { configureProvidersFor, writesSeenBy } from "../support/provider";

const emailSignUp: SignInExperienceArgs = {
  signUp: { identifiers: ["email"], password: false, verify: true },
  signIn: { methods: [{ identifier: "email", password: true, verificationCode: true, isPasswordPrimary: false }] },
};
const sesConfig = {
  accessKeyId: "AKIAEXAMPLE",
  accessKeySecret: "ses-secret",
  region: "eu-west-1",
  emailAddress: "no-reply@example.com",
  templates: ["Register", "SignIn", "ForgotPassword", "Generic"].map((usageType) => ({ usageType, subject: "Code", content: "{{code}}" })),
};

describe("SignInExperience provider", () => {
  let sandbox: Sandbox;
  const signInExperience = async () => (await sandbox.api("GET", "/api/sign-in-exp")).body as Record<string, unknown>;
  const check = (news: SignInExperienceArgs) => provider.check!({} as never, news as never);
  const addConnector = (body: object) => sandbox.api("POST", "/api/connectors", body);
  const addApple = () => addConnector({ connectorId: "apple-universal", id: "apple", config: { clientId: "com.example.web" } });
  const addEmail = () => addConnector({ connectorId: "aws-ses-mail", id: "ses", config: sesConfig });

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    configureProvidersFor(sandbox);
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearRequests();
  });

  describe("check, with Logto's coupling rules, before any write", () => {
    test.each<[string, SignInExperienceArgs, string, RegExp]>([
      ["email sign-up without an Email connector", emailSignUp, "signUp", /needs an Email connector/],
      ["email sign-up without verification", { signUp: { identifiers: ["email"], password: true, verify: false }, emailConnector: "ses" }, "signUp", /signUp.verify must be true/],
      ["a sign-in method with no factor", { signIn: { methods: [{ identifier: "username", password: false, verificationCode: false, isPasswordPrimary: true }] } }, "signIn", /enable password or verificationCode/],
      ["a social target no connector has", { socialSignInConnectorTargets: ["apple"] }, "socialSignInConnectorTargets", /"apple": Logto has no social connector with this target/],
      ["an unknown sign-in mode", { signInMode: "Everything" } as never, "signInMode", /signInMode/],
      ["colors without the dark-mode color", { color: { primaryColor: "#0F766E", isDarkModeEnabled: true } } as never, "color", /color.darkPrimaryColor: is required/],
      ["a color that is not hex", { color: { primaryColor: "teal", isDarkModeEnabled: false, darkPrimaryColor: "#2DD4BF" } }, "color", /color.primaryColor: must be a hex color/],
      ["terms of use that are not a URL", { termsOfUseUrl: "shop.example.com/terms" }, "termsOfUseUrl", /termsOfUseUrl/],
      ["a password shorter than one character", { passwordPolicy: { length: { min: 0 } } }, "passwordPolicy", /passwordPolicy.length.min: must be at least 1/],
      ["five character types", { passwordPolicy: { characterTypes: { min: 5 } } }, "passwordPolicy", /passwordPolicy.characterTypes.min: must be 1 to 4/],
      ["backup codes as the only MFA factor", { mfa: { factors: ["BackupCode"], policy: "PromptAtSignInAndSignUp" } }, "mfa", /BackupCode cannot be the only factor.*backup_code_cannot_be_enabled_alone/],
      ["an MFA factor listed twice", { mfa: { factors: ["Totp", "Totp"], policy: "PromptAtSignInAndSignUp" } }, "mfa", /duplicated_mfa_factors/],
      ["an MFA prompt that cannot be skipped, without adaptive MFA", { mfa: { factors: ["Totp"], policy: "PromptOnlyAtSignInMandatory" } }, "mfa", /non_adaptive_mfa_requires_skippable_policy/],
      ["adaptive MFA with MFA off", { adaptiveMfa: { enabled: true } }, "adaptiveMfa", /adaptive_mfa_requires_mfa/],
      ["email codes both for sign-in and as an MFA factor", { ...emailSignUp, emailConnector: "ses", mfa: { factors: ["EmailVerificationCode"], policy: "PromptAtSignInAndSignUp" } }, "mfa", /email_verification_code_cannot_be_used_for_mfa/],
      ["password reset by email without an Email connector", { forgotPasswordMethods: ["EmailVerificationCode"] }, "forgotPasswordMethods", /needs an Email connector.*forgot_password_method_requires_connector/],
      ["password expiry with no way to reset a password", { passwordExpiration: { enabled: true, validPeriodDays: 90 } }, "passwordExpiration", /password_expiration_requires_forgot_password/],
      ["a fallback language Logto does not know", { languageInfo: { autoDetect: true, fallbackLanguage: "xx-invalid" } }, "languageInfo", /"xx-invalid": is not a language tag Logto knows/],
      ["a fallback language without phrases", { languageInfo: { autoDetect: true, fallbackLanguage: "sv" } }, "languageInfo", /"sv": Logto has no built-in phrases.*declare a CustomPhrase/],
      ["a blocklist entry that is neither an address nor a domain", { emailBlocklistPolicy: { customBlocklist: ["spam"] } }, "emailBlocklistPolicy", /customBlocklist\[0\] "spam"/],
      ["a secondary identifier without a primary one", { signUp: { identifiers: [], password: true, verify: true, secondaryIdentifiers: [{ identifier: "username" }] } }, "signUp", /missing_sign_up_identifiers/],
      ["a misspelt key Logto would drop without a word", { color: { primaryColor: "#0F766E", isDarkModeEnabled: false, darkPrimaryColor: "#2DD4BF", accentColor: "#000" } } as never, "color", /unknown properties accentColor/],
    ])("rejects %s", async (_case, news, property, reason) => {
      const { failures } = await check(news);

      expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
      expect(await writesSeenBy(sandbox)).toEqual([]);
    });

    test("accepts email sign-up when the Email connector is passed, though not created yet", async () => {
      expect((await check({ ...emailSignUp, emailConnector: unknownValue })).failures).toBeUndefined();
    });

    test("accepts a fallback language without built-in phrases when Logto has custom phrases for it, or when it is a CustomPhrase's output", async () => {
      const languageInfo = (fallbackLanguage: string) => ({ languageInfo: { autoDetect: false, fallbackLanguage } });
      expect((await check(languageInfo(unknownValue))).failures).toBeUndefined();
      await sandbox.api("PUT", "/api/custom-phrases/sv", { action: { sign_in: "Logga in" } });
      expect((await check(languageInfo("sv"))).failures).toBeUndefined();
    });

    test("keeps what Logto would store: an empty link is null, a password policy part gets its defaults", async () => {
      const { inputs } = await check({ termsOfUseUrl: "", customCss: "", passwordPolicy: { length: { min: 10 } } });

      expect(inputs).toMatchObject({ termsOfUseUrl: null, customCss: null, passwordPolicy: { length: { min: 10, max: 256 } } });
    });

    test("accepts social targets that are not known until the connectors exist", async () => {
      expect((await check({ socialSignInConnectorTargets: [unknownValue] })).failures).toBeUndefined();
    });
  });

  test("sets only the fields it is given and remembers what they were", async () => {
    await addApple();
    const before = await signInExperience();

    const { outs } = await provider.create({ socialSignInConnectorTargets: ["apple"], singleSignOnEnabled: true });

    const after = await signInExperience();
    expect(after).toEqual({ ...before, socialSignInConnectorTargets: ["apple"], singleSignOnEnabled: true });
    expect(outs).toMatchObject({
      ownedFields: ["socialSignInConnectorTargets", "singleSignOnEnabled"],
      previous: { socialSignInConnectorTargets: [], singleSignOnEnabled: false },
    });
  });

  test("delete puts back only what it changed, keeping later edits to other fields", async () => {
    await addEmail();
    const before = await signInExperience();
    const { outs } = await provider.create({ ...emailSignUp, emailConnector: "ses" });
    await sandbox.api("PATCH", "/api/sign-in-exp", { color: { ...(before.color as object), primaryColor: "#00AA00" } });

    await provider.delete!("default", outs as SignInExperienceOutputs);

    const after = await signInExperience();
    expect(after.signUp).toEqual(before.signUp);
    expect(after.signIn).toEqual(before.signIn);
    expect(after.color).toMatchObject({ primaryColor: "#00AA00" });
  });

  test("branding, colors, legal links, password policy and MFA are set and show no change afterwards", async () => {
    const { inputs } = await check({
      branding: { logoUrl: "https://shop.example.com/logo.svg" },
      color: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
      termsOfUseUrl: "https://shop.example.com/terms",
      agreeToTermsPolicy: "Manual",
      passwordPolicy: { length: { min: 10 }, rejects: { words: ["shop"] } },
      mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
      passwordExpiration: { enabled: false },
    });
    const args = inputs as SignInExperienceArgs;

    const { outs } = await provider.create(args);

    expect(await signInExperience()).toMatchObject({ branding: { logoUrl: "https://shop.example.com/logo.svg" }, passwordPolicy: { length: { min: 10, max: 256 } } });
    const read = await provider.read!("default", outs as SignInExperienceOutputs);
    expect(await provider.diff!("default", read.props as SignInExperienceOutputs, args)).toEqual({ changes: false, replaces: [] });
  });

  test("turning MFA on and back off keeps adaptive MFA as Logto had it", async () => {
    const before = await signInExperience();
    const { outs } = await provider.create({ mfa: { factors: ["Totp"], policy: "PromptAtSignInAndSignUp" } });

    await provider.delete!("default", outs as SignInExperienceOutputs);

    const after = await signInExperience();
    expect({ mfa: after.mfa, adaptiveMfa: after.adaptiveMfa }).toEqual({ mfa: before.mfa, adaptiveMfa: before.adaptiveMfa });
  });

  test("an update that stops owning a field gives it back", async () => {
    const { outs } = await provider.create({ singleSignOnEnabled: true, signInMode: "SignIn" });

    const { outs: updated } = await provider.update!("default", outs as SignInExperienceOutputs, { signInMode: "SignIn" });

    expect(await signInExperience()).toMatchObject({ singleSignOnEnabled: false, signInMode: "SignIn" });
    expect(updated).toMatchObject({ ownedFields: ["signInMode"], previous: { signInMode: "SignInAndRegister" } });
  });

  test("refresh reports drift in owned fields only", async () => {
    const args = { singleSignOnEnabled: true };
    const { outs } = await provider.create(args);
    await sandbox.api("PATCH", "/api/sign-in-exp", { singleSignOnEnabled: false, signInMode: "Register" });

    const read = await provider.read!("default", outs as SignInExperienceOutputs);

    expect(read.inputs).toEqual({ singleSignOnEnabled: false });
    expect(await provider.diff!("default", read.props as SignInExperienceOutputs, args)).toMatchObject({ changes: true });
  });

  test("a target Logto dropped when its connector was deleted and made again is set again, without a refresh", async () => {
    await addApple();
    const args = { socialSignInConnectorTargets: ["apple"] };
    const { outs } = await provider.create(args);
    await sandbox.api("DELETE", "/api/connectors/apple");
    await addApple();

    expect(await provider.diff!("default", outs as SignInExperienceOutputs, args)).toEqual({ changes: true, replaces: [] });
    await provider.update!("default", outs as SignInExperienceOutputs, args);
    expect(await signInExperience()).toMatchObject({ socialSignInConnectorTargets: ["apple"] });
    expect(await provider.diff!("default", outs as SignInExperienceOutputs, args)).toEqual({ changes: false, replaces: [] });
  });

  test("fails loudly instead of letting Logto drop a target silently", async () => {
    await expect(provider.create({ socialSignInConnectorTargets: ["apple"] })).rejects.toThrow(/dropped the social sign-in targets apple/);
  });
});

describe("two owners of one sign-in experience (two stacks, or two resources)", () => {
  let sandbox: Sandbox;
  const signInExperience = async () => (await sandbox.api("GET", "/api/sign-in-exp")).body as Record<string, unknown>;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    configureProvidersFor(sandbox);
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  test("owners of different fields never touch each other's fields, on create or on delete", async () => {
    const a = await provider.create({ singleSignOnEnabled: true });
    const b = await provider.create({ signInMode: "SignIn", termsOfUseUrl: "https://shop.example.com/terms" });

    expect(await signInExperience()).toMatchObject({ singleSignOnEnabled: true, signInMode: "SignIn" });
    await provider.delete!("default", a.outs as SignInExperienceOutputs);

    expect(await signInExperience()).toMatchObject({ singleSignOnEnabled: false, signInMode: "SignIn", termsOfUseUrl: "https://shop.example.com/terms" });
    await provider.delete!("default", b.outs as SignInExperienceOutputs);
    expect(await signInExperience()).toMatchObject({ signInMode: "SignInAndRegister", termsOfUseUrl: null });
  });

  test("when both own a field the last write wins, and the other owner's refresh shows it as drift", async () => {
    const a = await provider.create({ signInMode: "SignIn" });
    await provider.create({ signInMode: "Register" });

    const read = await provider.read!("default", a.outs as SignInExperienceOutputs);

    expect(await provider.diff!("default", read.props as SignInExperienceOutputs, { signInMode: "SignIn" })).toMatchObject({ changes: true });
  });

  test("deleting one owner leaves a field alone that the other has changed since", async () => {
    const a = await provider.create({ signInMode: "SignIn" });
    await provider.create({ signInMode: "Register" });

    await provider.delete!("default", a.outs as SignInExperienceOutputs);

    expect(await signInExperience()).toMatchObject({ signInMode: "Register" });
  });
});
