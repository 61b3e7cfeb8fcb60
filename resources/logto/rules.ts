/**
 * Logto's own validation helpers and data, loaded from its published packages so our checks are
 * the server's checks. The packages are ES modules, hence the dynamic import; each is loaded only
 * by the checks that need it.
 */
export interface LogtoRules {
  validateRedirectUrl(url: string, type: "web" | "mobile"): boolean;
  /** An email address, or a domain written `@example.com` (what a sign-in email blocklist takes). */
  isEmailOrDomain(value: string): boolean;
}

export interface LogtoLanguages {
  /** Tags Logto accepts anywhere a language is named (`languageTagGuard` of @logto/language-kit). */
  isLanguageTag(tag: string): boolean;
  /** Tags with built-in sign-in page phrases (@logto/phrases-experience). */
  builtIn: readonly string[];
  /** The English phrase tree: the keys a custom phrase may set. */
  englishPhrases: Record<string, unknown>;
}

let rules: Promise<LogtoRules> | undefined;
let languages: Promise<LogtoLanguages> | undefined;

export function logtoRules(): Promise<LogtoRules> {
  rules ??= import("@logto/core-kit").then((coreKit) => ({
    validateRedirectUrl: coreKit.validateRedirectUrl,
    isEmailOrDomain: (value: string) => coreKit.emailOrEmailDomainRegEx.test(value),
  }));
  return rules;
}

export function logtoLanguages(): Promise<LogtoLanguages> {
  languages ??= Promise.all([import("@logto/language-kit"), import("@logto/phrases-experience")]).then(([languageKit, phrases]) => ({
    isLanguageTag: languageKit.isLanguageTag,
    builtIn: phrases.builtInLanguages,
    englishPhrases: phrases.default.en.translation as Record<string, unknown>,
  }));
  return languages;
}
