import type { Translation } from "./schema";

export const customPhrasesPath = "/api/custom-phrases";
export const customPhrasePath = (languageTag: string) => `${customPhrasesPath}/${encodeURIComponent(languageTag)}`;

export interface LogtoCustomPhrase {
  id: string;
  languageTag: string;
  translation: Translation;
}
