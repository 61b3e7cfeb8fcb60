/**
 * Logto's own validation helpers, loaded from its published packages so our checks are the
 * server's checks. The packages are ES modules, hence the dynamic import.
 */
export interface LogtoRules {
  validateRedirectUrl(url: string, type: "web" | "mobile"): boolean;
}

let rules: Promise<LogtoRules> | undefined;

export function logtoRules(): Promise<LogtoRules> {
  rules ??= import("@logto/core-kit").then((coreKit) => ({ validateRedirectUrl: coreKit.validateRedirectUrl }));
  return rules;
}
