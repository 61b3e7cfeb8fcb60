// /api/custom-phrases (packages/core/src/routes/custom-phrase.ts, queries/custom-phrase.ts):
// one translation tree per language tag, its keys a subset of the English experience phrases.
import { cleanDeep } from '../../resources/logto/clean-deep';
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardParams, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { notFound } from '../rbac';
import { tenantId, type CustomPhraseRow } from '../store';

type Translation = { [key: string]: string | Translation };

const isTree = (value: unknown): value is Translation =>
  typeof value === 'object' && value !== null;

/** `isStrictlyPartial` (packages/core/src/utils/translation.ts): every key path is in `full`. */
const isStrictlyPartial = (full: Translation, partial: Translation): boolean =>
  Object.entries(partial).every(([key, value]) => {
    const fullValue = full[key];
    if (!fullValue) {
      return false;
    }
    if (isTree(fullValue) && isTree(value)) {
      return isStrictlyPartial(fullValue, value);
    }
    return typeof fullValue === typeof value;
  });

/** `order by language_tag`. */
const byLanguageTag = (a: CustomPhraseRow, b: CustomPhraseRow) =>
  a.languageTag < b.languageTag ? -1 : a.languageTag > b.languageTag ? 1 : 0;

export const customPhraseRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z, languageTagGuard, englishTranslation } = modules;
  const { CustomPhrases, translationGuard } = schemas;
  const paramsGuard = z.object({ languageTag: languageTagGuard });

  const languageTagOf = (request: Parameters<Route['handler']>[0]) =>
    guardParams(request, paramsGuard).languageTag as string;

  /** `upsertCustomPhrase`: on a conflicting tag only the translation changes; the id stays. */
  const upsert = (languageTag: string, translation: Translation): CustomPhraseRow => {
    const existing = store.findCustomPhrase(languageTag);
    if (existing) {
      existing.translation = translation;
      return existing;
    }
    const created: CustomPhraseRow = {
      tenantId,
      id: generateStandardId(),
      languageTag,
      translation,
    };
    store.state.customPhrases.push(created);
    return created;
  };

  return [
    {
      method: 'GET',
      path: '/api/custom-phrases',
      handler: async () => {
        const phrases = [...store.state.customPhrases].sort(byLanguageTag);
        return json(200, guardResponse(CustomPhrases.guard.array(), phrases));
      },
    },
    {
      method: 'GET',
      path: '/api/custom-phrases/:languageTag',
      handler: async (request) => {
        const phrase = store.findCustomPhrase(languageTagOf(request));
        assertThat(phrase, notFound());
        return json(200, guardResponse(CustomPhrases.guard, phrase));
      },
    },
    {
      method: 'PUT',
      path: '/api/custom-phrases/:languageTag',
      handler: async (request) => {
        const body = guardBody(request, translationGuard) as Translation;
        const languageTag = languageTagOf(request);
        const translation = cleanDeep(body);
        assertThat(
          isStrictlyPartial(englishTranslation as Translation, translation),
          new RequestError({ code: 'localization.invalid_translation_structure', status: 422 })
        );
        const phrase = upsert(languageTag, translation);
        store.save();
        return json(201, guardResponse(CustomPhrases.guard, phrase));
      },
    },
    {
      method: 'DELETE',
      path: '/api/custom-phrases/:languageTag',
      handler: async (request) => {
        const languageTag = languageTagOf(request);
        const { languageInfo } = store.state.signInExperience as {
          languageInfo: { fallbackLanguage: string };
        };
        assertThat(
          languageInfo.fallbackLanguage !== languageTag,
          new RequestError({
            code: 'localization.cannot_delete_default_language',
            status: 409,
            languageTag,
          })
        );
        assertThat(store.findCustomPhrase(languageTag), notFound());
        store.state.customPhrases = store.state.customPhrases.filter(
          (phrase) => phrase.languageTag !== languageTag
        );
        store.save();
        return noContent();
      },
    },
  ];
};
