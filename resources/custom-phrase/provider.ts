import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, managementClient } from "../logto";
import { cleanDeep } from "../logto/clean-deep";
import { LogtoApiError } from "../logto/errors";
import { logtoLanguages } from "../logto/rules";
import { checkResource, containsUnknown } from "../provider-kit/check";
import { withFailures } from "../provider-kit/adopt";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { customPhrasePath, customPhrasesPath, type LogtoCustomPhrase } from "./api";
import { customPhraseArgsSchema, unknownPhraseKeys, type CustomPhraseArgs, type Translation } from "./schema";

export interface CustomPhraseOutputs extends CustomPhraseArgs {
  /** Logto's custom phrases for this language before this resource set them: what delete puts back (null: there were none). */
  previous: Translation | null;
}

/** Unknown keys are listed up to this many; the rest are counted. */
const listedKeys = 5;

export const provider: pulumi.dynamic.ResourceProvider<CustomPhraseArgs, CustomPhraseOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    const result = checkResource(customPhraseArgsSchema, olds, news);
    if (result.failures?.length || containsUnknown(news)) return result;
    const args = result.inputs as CustomPhraseArgs;
    const languages = await logtoLanguages();
    const translation = cleanDeep(args.translation);
    const unknownKeys = unknownPhraseKeys(languages.englishPhrases, translation);
    const failures = [
      ...(languages.isLanguageTag(args.languageTag) ? [] : [{ property: "languageTag", reason: `languageTag "${args.languageTag}": is not a language tag Logto knows, such as en, fr, sv, pt-BR or zh-CN` }]),
      ...(unknownKeys.length
        ? [
            {
              property: "translation",
              reason:
                `translation: Logto's sign-in page has no phrase ${unknownKeys.slice(0, listedKeys).join(", ")}` +
                (unknownKeys.length > listedKeys ? ` and ${unknownKeys.length - listedKeys} more` : "") +
                " (keys are those of @logto/phrases-experience's English phrases, e.g. input.username, action.sign_in)",
            },
          ]
        : []),
    ];
    return withFailures({ inputs: { ...result.inputs, translation } }, failures);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ["languageTag", "translation"], ["languageTag"]);
  },

  async create(args) {
    const existing = await phrasesBeforeThisRun.find((phrase) => phrase.languageTag === args.languageTag);
    const phrase = await managementClient().put<LogtoCustomPhrase>(customPhrasePath(args.languageTag), args.translation);
    return { id: args.languageTag, outs: outputsOf(phrase, existing?.translation ?? null) };
  },

  async read(id, props) {
    const phrase = await managementClient().find<LogtoCustomPhrase>(customPhrasePath(id));
    if (!phrase) return {};
    const outs = outputsOf(phrase, props?.previous ?? null);
    return { id, props: outs, inputs: { languageTag: outs.languageTag, translation: outs.translation } as CustomPhraseOutputs };
  },

  async update(id, olds, news) {
    const phrase = await managementClient().put<LogtoCustomPhrase>(customPhrasePath(id), news.translation);
    return { outs: outputsOf(phrase, olds.previous ?? null) };
  },

  /**
   * Puts back the phrases Logto had before, or removes the language's custom phrases. Logto
   * refuses to remove those of the sign-in page's fallback language (English unless set
   * otherwise): they are emptied instead, which shows the built-in wording again.
   */
  async delete(id, props) {
    const path = customPhrasePath(id);
    phrasesBeforeThisRun.forget(id);
    if (props.previous) {
      await managementClient().put(path, props.previous);
      return;
    }
    try {
      await managementClient().deleteIfExists(path);
    } catch (error) {
      if (!(error instanceof LogtoApiError && error.code === "localization.cannot_delete_default_language")) throw error;
      await managementClient().put(path, {});
    }
  },
};

/** Every language's phrases by language (our resource id), listed once per run: what a create takes over (one request, not one per language). */
const phrasesBeforeThisRun = new ListedBeforeThisRun(async () =>
  (await managementClient().get<LogtoCustomPhrase[]>(customPhrasesPath)).map((phrase) => ({ ...phrase, id: phrase.languageTag })),
);

const outputsOf = (phrase: LogtoCustomPhrase, previous: Translation | null): CustomPhraseOutputs => ({
  languageTag: phrase.languageTag,
  translation: phrase.translation,
  previous,
});
