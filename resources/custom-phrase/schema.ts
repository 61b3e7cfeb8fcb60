import { z } from "zod";

/** A tree of phrases: phrase keys of Logto's English sign-in page, nested as Logto nests them. */
export type Translation = { [key: string]: string | Translation };

/** Every leaf must be text; a problem is reported at the leaf's own path. */
function reportLeaves(tree: Record<string, unknown>, ctx: z.RefinementCtx, path: string[] = []): void {
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) reportLeaves(value as Record<string, unknown>, ctx, [...path, key]);
    else if (typeof value !== "string") ctx.addIssue({ code: "custom", path: [...path, key], message: "must be text (a phrase) or a group of phrases" });
  }
}

const translationSchema = z
  .record(z.string(), z.unknown())
  .superRefine((tree, ctx) => reportLeaves(tree, ctx))
  .transform((tree) => tree as Translation);

export const customPhraseArgsSchema = z
  .object({
    languageTag: z
      .string()
      .min(1, "must not be empty")
      .describe("Language the wording is for, e.g. `en`, `fr`, `pt-BR`; a tag without built-in phrases (e.g. `sv`) can then be the sign-in page's fallback language."),
    translation: translationSchema.describe(
      'Phrases to replace, by Logto\'s phrase keys, e.g. `{ input: { username: "User name" }, action: { sign_in: "Log in" } }`; empty strings and empty groups are dropped, as Logto drops them.',
    ),
  });

export type CustomPhraseArgs = z.infer<typeof customPhraseArgsSchema>;

/**
 * Paths of keys Logto's English phrases do not have, or that are a group there and a phrase
 * here (or the other way round): Logto refuses such a translation as a whole.
 */
export function unknownPhraseKeys(english: Record<string, unknown>, translation: Translation, prefix = ""): string[] {
  return Object.entries(translation).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const reference = Object.prototype.hasOwnProperty.call(english, key) ? english[key] : undefined;
    if (typeof value === "string") return typeof reference === "string" ? [] : [path];
    return reference && typeof reference === "object" ? unknownPhraseKeys(reference as Record<string, unknown>, value, path) : [path];
  });
}
