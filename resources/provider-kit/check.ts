import type * as pulumi from "@pulumi/pulumi";
import type { ZodError, ZodIssue, ZodType } from "zod";
import { adoptIdFailures, withFailures } from "./adopt";
import { programProblemFailures } from "./program-checks";

/** What the engine sends in place of a value that is not known until apply (preview). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Validates `news` with `schema`. Failures name the top-level property (the engine looks the
 * value up by that name) and say where inside it the problem is. Values not known yet at
 * preview time are not judged; inputs are normalized only when everything is known.
 *
 * The engine prints the value of a failing property, and for a secret it prints what is inside
 * (`property config value {&{{map[clientSecret:…]}}}`). So a failure in one of
 * `secretProperties` names no property, which prints no value; its reason still starts with the
 * path (`config.clientId: is required`).
 */
export function checkInputs<T>(
  schema: ZodType<T>,
  news: Record<string, unknown>,
  secretProperties: readonly string[] = [],
): pulumi.dynamic.CheckResult {
  const { __provider, ...props } = news;
  const parsed = schema.safeParse(props);
  if (parsed.success) {
    return { inputs: containsUnknown(props) ? news : { ...(parsed.data as object), __provider } };
  }
  const failures = parsed.error.issues
    .filter((issue) => !touchesUnknown(props, issue.path))
    .map((issue) => toCheckFailure(issue, secretProperties));
  return failures.length ? { inputs: news, failures } : { inputs: news };
}

/** Failures of a value validated on its own, e.g. a connector config checked with its factory's guard. */
export function checkFailures(
  error: ZodError,
  property: string,
  secretProperties: readonly string[] = [],
): pulumi.dynamic.CheckFailure[] {
  return error.issues.map((issue) => toCheckFailure({ ...issue, path: [property, ...issue.path] }, secretProperties));
}

function toCheckFailure(issue: ZodIssue, secretProperties: readonly string[]): pulumi.dynamic.CheckFailure {
  const property = issue.path.length ? String(issue.path[0]) : "(inputs)";
  const reason = `${formatPath(issue.path)}: ${describeIssue(issue)}`;
  return { property: secretProperties.includes(property) ? "" : property, reason };
}

export function describeIssue(issue: ZodIssue): string {
  // Zod's own word for a missing value is "Required"; a schema's own required_error says more.
  if (issue.code === "invalid_type" && issue.received === "undefined") return issue.message === "Required" ? "is required" : issue.message;
  if (issue.code === "unrecognized_keys") return `unknown properties ${issue.keys.join(", ")}`;
  return issue.message;
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    "",
  ) || "(inputs)";
}

function touchesUnknown(value: unknown, path: ReadonlyArray<string | number>): boolean {
  let current = value;
  for (const part of path) {
    if (current === unknownValue) return true;
    if (current === null || typeof current !== "object") return false;
    current = (current as Record<string | number, unknown>)[part];
  }
  return containsUnknown(current);
}

export function containsUnknown(value: unknown): boolean {
  if (value === unknownValue) return true;
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(containsUnknown);
}

/**
 * The check of a resource: `checkInputs` with its schema, `adoptId` only at creation, and the
 * problems its class found across the program's resources.
 */
export function checkResource<T>(schema: ZodType<T>, olds: object, news: object, secretProperties: readonly string[] = []): pulumi.dynamic.CheckResult {
  const [before, after] = [olds as Record<string, unknown>, news as Record<string, unknown>];
  return withFailures(checkInputs(schema, after, secretProperties), [...adoptIdFailures(before, after), ...programProblemFailures(after)]);
}
