import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/declared");

/** A Swedish sign-in page: Swedish has no built-in phrases, so its CustomPhrase comes first. */
const specs = (change: (signIn: Record<string, unknown>) => void = () => undefined) => {
  const signIn: Record<string, unknown> = {
    languageInfo: { autoDetect: false, fallbackLanguage: "$ref:sv.languageTag" },
    color: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
    termsOfUseUrl: "https://shop.example.com/terms",
    privacyPolicyUrl: "",
    agreeToTermsPolicy: "Manual",
    passwordPolicy: { length: { min: 10 }, rejects: { words: ["shop"] } },
    mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
    customCss: ".logto_main-content { border-radius: 0 }",
  };
  change(signIn);
  return [
    { kind: "CustomPhrase", name: "sv", args: { languageTag: "sv", translation: { action: { sign_in: "Logga in", continue: "" } } } },
    { kind: "CustomPhrase", name: "en", args: { languageTag: "en", translation: { action: { sign_in: "Sign in to the shop" } } } },
    { kind: "SignInExperience", name: "sign-in", args: signIn },
  ];
};

describe("the whole sign-in page and its wording under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  let before: Record<string, unknown>;
  const get = async <T>(apiPath: string) => (await sandbox.api("GET", apiPath)).body as T;
  const wording = async () =>
    (await get<Array<{ languageTag: string; translation: object }>>("/api/custom-phrases"))
      .filter(({ translation }) => Object.keys(translation).length)
      .map(({ languageTag, translation }) => ({ languageTag, translation }));
  const declare = (change?: (signIn: Record<string, unknown>) => void) => engine.setConfig("resources", JSON.stringify(specs(change)));

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({ workDir: fixture, logto: sandbox, config: { resources: "[]" } });
    before = { signInExperience: await get("/api/sign-in-exp"), wording: await wording() };
    await declare();
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up sets the page and its wording, the fallback language's phrases first", async () => {
    expect((await engine.up()).summary.resourceChanges).toMatchObject({ create: 4 }); // with the stack itself

    expect(await get("/api/sign-in-exp")).toMatchObject({
      languageInfo: { autoDetect: false, fallbackLanguage: "sv" },
      color: { primaryColor: "#0F766E" },
      privacyPolicyUrl: null,
      passwordPolicy: { length: { min: 10, max: 256 }, rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: ["shop"] } },
      mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
      adaptiveMfa: {},
    });
    expect(await wording()).toEqual([
      { languageTag: "en", translation: { action: { sign_in: "Sign in to the shop" } } },
      { languageTag: "sv", translation: { action: { sign_in: "Logga in" } } },
    ]);
  });

  test("a preview right after up expects no changes: values are kept as Logto stores them", async () => {
    await engine.preview({ expectNoChanges: true });
  });

  test("edits in the Console are found by refresh and undone by up", async () => {
    await sandbox.api("PATCH", "/api/sign-in-exp", { passwordPolicy: {}, color: { primaryColor: "#000000", isDarkModeEnabled: false, darkPrimaryColor: "#ffffff" } });
    await sandbox.api("PUT", "/api/custom-phrases/en", { action: { sign_in: "Edited in the Console" } });

    expect((await engine.refresh()).summary.resourceChanges).toMatchObject({ update: 2 });
    await engine.up();

    await engine.preview({ expectNoChanges: true });
    expect(await get("/api/sign-in-exp")).toMatchObject({ color: { primaryColor: "#0F766E" }, passwordPolicy: { length: { min: 10, max: 256 } } });
    expect(await get("/api/custom-phrases/en")).toMatchObject({ translation: { action: { sign_in: "Sign in to the shop" } } });
  });

  test("a field dropped from the program is given back; one added is taken", async () => {
    await declare((signIn) => {
      delete signIn.customCss;
      signIn.passkeySignIn = { enabled: false, showPasskeyButton: false };
    });

    await engine.up();

    expect(await get("/api/sign-in-exp")).toMatchObject({ customCss: null, passkeySignIn: { enabled: false, showPasskeyButton: false } });
    await engine.preview({ expectNoChanges: true });
  });

  test("destroy leaves the page and its wording as they were before up: the fallback language goes back first", async () => {
    await engine.destroy();

    expect({ signInExperience: await get("/api/sign-in-exp"), wording: await wording() }).toEqual(before);
  });
});
