import type * as pulumi from "@pulumi/pulumi";

/**
 * `adoptId`, the same input on every resource, makes `create` take over an existing Logto
 * object instead of making one (Pulumi's `import` does not work for dynamic resources). It only
 * acts at creation: once the resource is in state, changing it is refused rather than ignored.
 */
export function adoptIdFailures(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
  const inState = Object.keys(olds).some((key) => key !== "__provider");
  if (!inState || olds.adoptId === news.adoptId) return [];
  return [
    {
      property: "adoptId",
      reason:
        "adoptId takes over an object only when the resource is created, and this resource already manages one: " +
        "put adoptId back as it was, or first remove the resource from state (pulumi state delete <urn>)",
    },
  ];
}

/** Adds failures to a check result. */
export function withFailures(result: pulumi.dynamic.CheckResult, failures: pulumi.dynamic.CheckFailure[]): pulumi.dynamic.CheckResult {
  return failures.length ? { ...result, failures: [...(result.failures ?? []), ...failures] } : result;
}
