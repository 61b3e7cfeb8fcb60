import { isDeepStrictEqual } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

/**
 * A value the engine stores and shows as a secret. A dynamic provider cannot return
 * `pulumi.secret(…)`, but the engine reads this wire form anywhere in the inputs a check returns
 * and the outputs a create, read or update returns, so one field of a config can be secret while
 * the rest shows in previews and diffs.
 */
export function secretValue(value: unknown): unknown {
  return { [specialSigKey]: specialSecretSig, value };
}

/**
 * Key names that hold secrets in any connector or IdP config: client secrets, passwords,
 * private and API keys, tokens. Matched on the name's last word, without case, dashes or
 * underscores, so `clientSecret`, `client_secret`, `accessKeySecret`, `appSecret`, `authToken`,
 * `apiKey`, `privateKeyPassphrase` and SMTP's `pass` are secret, while `tokenEndpoint`,
 * `accessKeyId` or `clientSecretJwtSigningAlgorithm` are not. `generate` writes the same values
 * as secret stack config reads.
 */
const secretKeyPattern = /(secret|secretkey|secretaccesskey|password|passphrase|^pass|privatekey|signingkey|apikey|token|credentials?)$/;

const isSecretKey = (key: string) => secretKeyPattern.test(key.toLowerCase().replace(/[-_]/g, ""));

/**
 * `value` with every value under a secret key, and at each of `secretPaths` (dot paths such as
 * `customConfig`), replaced by `wrap(value)`; everything else as it is. Outputs inside are
 * followed, not lifted: lifting a config whose client secret is an Output would make the whole
 * config one secret.
 */
export function markSecrets(node: unknown, secretPaths: readonly string[], wrap: (value: unknown, path: string) => unknown, path = ""): unknown {
  if (pulumi.Output.isInstance(node) || node instanceof Promise) {
    return (pulumi.output(node as pulumi.Input<unknown>) as pulumi.Output<unknown>).apply((value) => markSecrets(value, secretPaths, wrap, path));
  }
  if (Array.isArray(node)) return node.map((item) => markSecrets(item, secretPaths, wrap, path));
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, child]) => {
      const at = path ? `${path}.${key}` : key;
      return [key, isSecretKey(key) || secretPaths.includes(at) ? wrap(child, at) : markSecrets(child, secretPaths, wrap, at)];
    }),
  );
}

/** A config input as the program gives it, its secret values made Pulumi secrets: secret from the moment the engine gets them. */
export const withSecretInputs = <T>(input: pulumi.Input<T>, secretPaths: readonly string[] = []) => markSecrets(input, secretPaths, (value) => pulumi.secret(value)) as pulumi.Input<T>;

/** A config as a provider returns it, its secret values in the engine's secret form. */
export const withSecrets = <T>(value: T, secretPaths: readonly string[] = []) => markSecrets(value, secretPaths, (secret) => secretValue(secret)) as T;

export const isSecretValue = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSigKey] === specialSecretSig;

/** `marked` with each value in the engine's secret form replaced by what it holds, as a check receives its old inputs. */
export function unmarked(marked: unknown): unknown {
  if (isSecretValue(marked)) return unmarked(marked.value);
  if (Array.isArray(marked)) return marked.map(unmarked);
  if (marked === null || typeof marked !== "object") return marked;
  return Object.fromEntries(Object.entries(marked).map(([key, child]) => [key, unmarked(child)]));
}

/** Where `marked` holds values in the engine's secret form, as dot paths: `config.clientSecret`. */
export function secretPathsOf(marked: unknown, path = ""): string[] {
  if (isSecretValue(marked)) return [path];
  if (marked === null || typeof marked !== "object") return [];
  return Object.entries(marked).flatMap(([key, child]) => secretPathsOf(child, path ? `${path}.${key}` : key));
}

const valueAt = (value: unknown, path: string) =>
  path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);

/** A plain count per secret value, raised when the value changes: the only trace of a rotation a preview can show. */
export type SecretRevisions = Record<string, number>;

/**
 * `args` with its config's secret values marked secret, and each one's revision. Pulumi's diff
 * hides a secret's change along with its value, so a rotated client secret would preview as an
 * update of nothing; the revision is a plain number that goes up by one when the value changes
 * (`~ secretRevisions: { ~ config.clientSecret: 1 => 2 }`), saying that it changed and nothing
 * about the value. `previous` holds the values and revisions to count from: the old inputs in
 * check, the checked inputs in create and update, the recorded outputs in read (so a secret
 * changed in Logto shows); none on create, where every secret is at 1.
 */
export function withSecretConfig<T extends { config: unknown }>(
  previous: { config?: unknown; secretRevisions?: SecretRevisions } | undefined,
  args: T,
  secretPaths: readonly string[] = [],
): T & { secretRevisions: SecretRevisions } {
  const config = withSecrets(args.config, secretPaths);
  const before = previous?.secretRevisions ?? {};
  const revisions = secretPathsOf(config, "config").map((path) => {
    const old = previous?.config === undefined ? undefined : valueAt(previous, path);
    const changed = old !== undefined && !isDeepStrictEqual(old, valueAt(args, path));
    return [path, (before[path] ?? 1) + (changed ? 1 : 0)] as const;
  });
  return { ...args, config, secretRevisions: Object.fromEntries(revisions) };
}
