import type { ManagedField, ManagedFields } from "./schema";

/** What Logto fills in for each part of a password policy it is sent (passwordPolicyGuard of @logto/core-kit). */
const passwordPolicyDefaults = {
  length: { min: 8, max: 256 },
  characterTypes: { min: 1 },
  rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: [] as string[] },
};

/** Text columns where Logto stores "" as null. */
const emptyTextColumns = ["termsOfUseUrl", "privacyPolicyUrl", "supportEmail", "supportWebsiteUrl", "unknownSessionRedirectUrl", "customCss"] as const;

/**
 * The fields as Logto will store them, so that state, diffs and refresh compare like with like:
 * "" becomes null in text columns, and each password policy part gets its defaults.
 */
export function storedForm(fields: ManagedFields): ManagedFields {
  const stored: Record<string, unknown> = { ...fields };
  for (const column of emptyTextColumns) if (stored[column] === "") stored[column] = null;
  if (fields.passwordPolicy) {
    stored.passwordPolicy = Object.fromEntries(
      Object.entries(fields.passwordPolicy).map(([part, value]) => [part, { ...passwordPolicyDefaults[part as keyof typeof passwordPolicyDefaults], ...value }]),
    );
  }
  return stored as ManagedFields;
}

/** A field's value as Logto returns it, without what the server manages itself (when password expiry started). */
export function ownPart(field: ManagedField, value: unknown): unknown {
  if (field === "passwordExpiration" && value && typeof value === "object" && "enabledAt" in value) {
    const { enabledAt: _managedByLogto, ...own } = value as Record<string, unknown>;
    return own;
  }
  return value;
}
