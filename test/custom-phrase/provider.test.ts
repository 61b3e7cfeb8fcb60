import type { CustomPhraseOutputs } from "../../resources/custom-phrase/provider";
import type { CustomPhraseArgs } from "../../resources/custom-phrase/schema";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { configureProvidersFor, providerOfANewRun, writesSeenBy } from "../support/provider";

type ProviderModule = typeof import("../../resources/custom-phrase/provider");

describe("CustomPhrase provider", () => {
  let sandbox: Sandbox;
  /** Each test is a run of its own: a new provider process lists the phrases afresh. */
  let provider: ProviderModule["provider"];
  const phrases = async (tag: string) => (await sandbox.api("GET", `/api/custom-phrases/${tag}`)).body as { translation?: object };
  const check = (news: object) => provider.check!({} as never, news as never);

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    configureProvidersFor(sandbox);
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearRequests();
    provider = providerOfANewRun<ProviderModule>(sandbox, "custom-phrase").provider;
  });

  describe("check, before any write", () => {
    test.each<[string, object, string, RegExp]>([
      ["a phrase key Logto's sign-in page does not have", { languageTag: "en", translation: { action: { sign_on: "Go" } } }, "translation", /no phrase action.sign_on/],
      ["a phrase where Logto has a group", { languageTag: "en", translation: { action: "Go" } }, "translation", /no phrase action \(/],
      ["a language tag Logto does not know", { languageTag: "xx-invalid", translation: {} }, "languageTag", /"xx-invalid": is not a language tag Logto knows/],
      ["a phrase that is not text", { languageTag: "en", translation: { action: { sign_in: 1 } } }, "translation", /translation.action.sign_in/],
      ["no language", { translation: {} }, "languageTag", /languageTag: is required/],
    ])("refuses %s", async (_case, news, property, reason) => {
      const { failures } = await check(news);

      expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
      expect(await writesSeenBy(sandbox)).toEqual([]);
    });

    test("drops empty phrases and groups, as Logto does, so the state matches what Logto keeps", async () => {
      const { inputs } = await check({ languageTag: "fr", translation: { action: { sign_in: "Connexion", continue: "" }, input: { username: "" } } });

      expect(inputs).toMatchObject({ translation: { action: { sign_in: "Connexion" } } });
    });
  });

  test("create sets the language's phrases; delete removes them", async () => {
    const args: CustomPhraseArgs = { languageTag: "fr", translation: { action: { sign_in: "Connexion" } } };

    const { id, outs } = await provider.create(args);

    expect(id).toBe("fr");
    expect(await phrases("fr")).toMatchObject({ translation: args.translation });
    await provider.delete!(id, outs as CustomPhraseOutputs);
    expect((await sandbox.api("GET", "/api/custom-phrases/fr")).status).toBe(404);
  });

  test("a run lists the languages' phrases once, however many it creates", async () => {
    for (const languageTag of ["fr", "de", "it"]) await provider.create({ languageTag, translation: { action: { sign_in: `Sign in (${languageTag})` } } });

    const reads = (await sandbox.requests()).filter((entry) => entry.method === "GET" && entry.path.startsWith("/api/custom-phrases"));
    expect(reads.map((entry) => entry.path)).toEqual(["/api/custom-phrases"]);
  });

  test("phrases the language had before are taken over, and put back on delete", async () => {
    await sandbox.api("PUT", "/api/custom-phrases/de", { action: { sign_in: "Anmelden (Console)" } });

    const { outs } = await provider.create({ languageTag: "de", translation: { action: { sign_in: "Einloggen" } } });
    await provider.delete!("de", outs as CustomPhraseOutputs);

    expect(await phrases("de")).toMatchObject({ translation: { action: { sign_in: "Anmelden (Console)" } } });
  });

  test("a create interrupted after Logto stored the phrases and run again makes no duplicate", async () => {
    const args: CustomPhraseArgs = { languageTag: "fr", translation: { action: { sign_in: "Connexion" } } };
    await provider.create(args);

    await providerOfANewRun<ProviderModule>(sandbox, "custom-phrase").provider.create(args);

    expect(((await sandbox.api("GET", "/api/custom-phrases")).body as unknown[]).length).toBe(1);
  });

  test("refresh sees phrases edited in the Console, and the next up puts them back", async () => {
    const args: CustomPhraseArgs = { languageTag: "fr", translation: { action: { sign_in: "Connexion" } } };
    const { outs } = await provider.create(args);
    await sandbox.api("PUT", "/api/custom-phrases/fr", { action: { sign_in: "Se connecter" } });

    const read = await provider.read!("fr", outs as CustomPhraseOutputs);

    expect(read.inputs).toEqual({ languageTag: "fr", translation: { action: { sign_in: "Se connecter" } } });
    expect(await provider.diff!("fr", read.props as CustomPhraseOutputs, args)).toMatchObject({ changes: true, replaces: [] });
  });

  test("refresh of phrases deleted outside Pulumi forgets them, so the next up makes them again", async () => {
    const { outs } = await provider.create({ languageTag: "fr", translation: { action: { sign_in: "Connexion" } } });
    await sandbox.api("DELETE", "/api/custom-phrases/fr");

    expect(await provider.read!("fr", outs as CustomPhraseOutputs)).toEqual({});
    await expect(provider.delete!("fr", outs as CustomPhraseOutputs)).resolves.toBeUndefined();
  });

  test("another language is another object: changing the tag replaces it", async () => {
    const olds = { languageTag: "fr", translation: {}, previous: null };
    expect(await provider.diff!("fr", olds, { languageTag: "fr-CA", translation: {} } as never)).toMatchObject({ changes: true, replaces: ["languageTag"] });
  });

  test("delete of the fallback language's phrases, which Logto refuses to remove, empties them: the built-in wording shows again", async () => {
    const { outs } = await provider.create({ languageTag: "en", translation: { action: { sign_in: "Sign in to the shop" } } });
    expect((await sandbox.api("DELETE", "/api/custom-phrases/en")).status).toBe(409);

    await provider.delete!("en", outs as CustomPhraseOutputs);

    expect(await phrases("en")).toMatchObject({ translation: {} });
  });
});
