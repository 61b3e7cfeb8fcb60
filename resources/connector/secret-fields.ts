/**
 * Config fields that hold secrets without a secret-sounding name, per factory. Every other field
 * whose name sounds secret (`clientSecret`, `accessKeySecret`, SMTP's `auth.pass`, …) is secret
 * for any factory; the rest of a config shows in previews and diffs. The bundled factories'
 * form fields are each held to this in test/connector/secret-fields.test.ts.
 */
const secretConfigPaths: Readonly<Record<string, readonly string[]>> = {
  // Extra token-request parameters: free-form, so they may carry credentials.
  oidc: ["customConfig"],
};

export const secretConfigPathsOf = (factoryId: unknown): readonly string[] =>
  typeof factoryId === "string" && Object.hasOwn(secretConfigPaths, factoryId) ? secretConfigPaths[factoryId]! : [];
