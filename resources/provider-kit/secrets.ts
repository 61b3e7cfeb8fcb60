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

export const isSecretKey = (key: string) => secretKeyPattern.test(key.toLowerCase().replace(/[-_]/g, ""));

const isSecretAt = (key: string, path: string, secretPaths: readonly string[]) => isSecretKey(key) || secretPaths.includes(path);

const childPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * A config input as the program gives it, with the same values made Pulumi secrets, so they are
 * secret from the moment the engine gets them. Outputs inside are followed, not lifted: lifting
 * a config whose client secret is an Output would make the whole config one secret.
 */
export function withSecretInputs<T>(input: pulumi.Input<T>, secretPaths: readonly string[] = [], path = ""): pulumi.Input<T> {
  if (pulumi.Output.isInstance(input) || input instanceof Promise) {
    const resolved = pulumi.output(input as pulumi.Input<unknown>) as pulumi.Output<unknown>;
    return resolved.apply((value) => withSecretInputs(value, secretPaths, path)) as pulumi.Input<T>;
  }
  if (Array.isArray(input)) return input.map((item) => withSecretInputs(item, secretPaths, path)) as pulumi.Input<T>;
  if (input === null || typeof input !== "object") return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, child]) => {
      const at = childPath(path, key);
      return [key, isSecretAt(key, at, secretPaths) ? pulumi.secret(child) : withSecretInputs(child, secretPaths, at)];
    }),
  ) as pulumi.Input<T>;
}

/**
 * `value` with every value under a secret key, and at each of `secretPaths` (dot paths such as
 * `customConfig`), in the engine's secret form. Everything else stays plain.
 */
export function withSecrets<T>(value: T, secretPaths: readonly string[] = []): T {
  const mark = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => mark(item, path));
    if (node === null || typeof node !== "object") return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => {
        const at = childPath(path, key);
        return [key, isSecretAt(key, at, secretPaths) ? secretValue(child) : mark(child, at)];
      }),
    );
  };
  return mark(value, "") as T;
}

/** Where `marked` (as `withSecrets` returns it) holds secrets, as dot paths: `config.clientSecret`. */
function secretPaths(marked: unknown, path = ""): string[] {
  if (marked === null || typeof marked !== "object") return [];
  if ((marked as Record<string, unknown>)[specialSigKey] === specialSecretSig) return [path];
  return Object.entries(marked).flatMap(([key, child]) => secretPaths(child, childPath(path, key)));
}

const valueAt = (value: unknown, path: string) =>
  path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);

/** A plain count per secret value, raised when the value changes: the only trace of a rotation a preview can show. */
export type SecretRevisions = Record<string, number>;

/**
 * Pulumi's diff hides a secret's change along with its value, so a rotated client secret would
 * preview as an update of nothing. Each secret's revision is a plain input that goes up by one
 * when the value changes (`~ secretRevisions: { ~ config.clientSecret: 1 => 2 }`), which says
 * that it changed and nothing about the value. `olds` are the previous inputs (or, on refresh,
 * the recorded outputs) with their revisions; on create there are none and every secret is at 1.
 */
export function secretRevisions(olds: object | undefined, news: object, marked: object): SecretRevisions {
  const before = ((olds as { secretRevisions?: SecretRevisions } | undefined)?.secretRevisions ?? {}) as SecretRevisions;
  return Object.fromEntries(
    secretPaths(marked).map((path) => {
      const revision = before[path] ?? 1;
      const old = olds === undefined ? undefined : valueAt(olds, path);
      const changed = old !== undefined && !isDeepStrictEqual(old, valueAt(news, path));
      return [path, changed ? revision + 1 : revision];
    }),
  );
}
