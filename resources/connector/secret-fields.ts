import type * as pulumi from "@pulumi/pulumi";
import { withSecretInputs, withSecrets } from "../provider-kit/secrets";

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

/** The config with its secret values in the engine's secret form (the provider's side). */
export const configWithSecrets = <T>(factoryId: unknown, config: T): T => withSecrets(config, secretConfigPathsOf(factoryId));

/** The config input with its secret values made Pulumi secrets (the program's side). */
export const configInputWithSecrets = <T>(factoryId: unknown, config: pulumi.Input<T>) => withSecretInputs(config, secretConfigPathsOf(factoryId));
