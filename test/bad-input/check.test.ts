// The bad-input table without the engine: every case ON ITS OWN through the provider's check
// (or the stack config reader), so each engine batch in engine-*.test.ts is known to be the sum
// of independent failures over a valid baseline. Milliseconds per case.
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { readStackConfig } from "../../program/config";
import { provider as apiResourceProvider } from "../../resources/api-resource/provider";
import { provider as applicationProvider } from "../../resources/application/provider";
import { provider as connectorProvider } from "../../resources/connector/provider";
import { provider as organizationProvider } from "../../resources/organization/provider";
import { provider as organizationRoleProvider } from "../../resources/organization-role/provider";
import { provider as organizationScopeProvider } from "../../resources/organization-scope/provider";
import { provider as roleProvider } from "../../resources/role/provider";
import { provider as signInExperienceProvider } from "../../resources/sign-in-experience/provider";
import { provider as customPhraseProvider } from "../../resources/custom-phrase/provider";
import { provider as ssoConnectorProvider } from "../../resources/sso-connector/provider";
import { repoRoot } from "../support/engine";
import { configureProvidersFor, writesSeenBy } from "../support/provider";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import {
  baselines,
  configBaseline,
  configBatches,
  configSecrets,
  resourceBatches,
  type ConfigCase,
  type ConfigValue,
  type Expected,
  type Kind,
  type ResourceBatch,
  type ResourceCase,
} from "./cases";
import { activeCases, allSecrets, batchResource, configOf, failureMatches, fillSecrets, inputsOf, pairUp, type CheckFailure } from "./harness";

const providers: Record<Kind, pulumi.dynamic.ResourceProvider> = {
  Application: applicationProvider as pulumi.dynamic.ResourceProvider,
  Connector: connectorProvider as pulumi.dynamic.ResourceProvider,
  SsoConnector: ssoConnectorProvider as pulumi.dynamic.ResourceProvider,
  SignInExperience: signInExperienceProvider as pulumi.dynamic.ResourceProvider,
  CustomPhrase: customPhraseProvider as pulumi.dynamic.ResourceProvider,
  ApiResource: apiResourceProvider as pulumi.dynamic.ResourceProvider,
  Role: roleProvider as pulumi.dynamic.ResourceProvider,
  OrganizationScope: organizationScopeProvider as pulumi.dynamic.ResourceProvider,
  OrganizationRole: organizationRoleProvider as pulumi.dynamic.ResourceProvider,
  Organization: organizationProvider as pulumi.dynamic.ResourceProvider,
};

let sandbox: Sandbox;

/** What the engine hands the provider: the resource's inputs as its component builds them, secrets revealed. */
function news(kind: Kind, name: string, args: Record<string, unknown>): Record<string, unknown> {
  const inputs = fillSecrets(args) as Record<string, unknown>;
  // An app's roles as the Application class passes role ids: `{ id }`.
  if (kind === "Application" && Array.isArray(inputs.roles)) return { ...inputs, roles: inputs.roles.map((id) => ({ id })) };
  if (kind === "Organization") return asOrganizationClassPasses(inputs);
  if (kind !== "Connector") return inputs;
  const connectorId = inputs.connectorId ?? `bad-input-fixture-unit-${name}`;
  return { ...inputs, connectorId, callbackUrl: `${sandbox.endpoint}/callback/${String(connectorId)}` };
}

/** The Organization class flattens `jit` and passes roles as `{ id }` and member apps as `{ id, roles }`. */
function asOrganizationClassPasses({ jit, applications, ...fields }: Record<string, any>): Record<string, unknown> {
  const roleRefs = (roles: unknown) => (Array.isArray(roles) ? roles.map((id) => ({ id })) : roles);
  return {
    ...fields,
    jitEmailDomains: jit?.emailDomains,
    jitSsoConnectors: jit?.ssoConnectors,
    jitRoles: roleRefs(jit?.roles),
    applications: applications?.map(({ app, roles }: { app: unknown; roles?: unknown[] }) => ({ id: app, roles: roleRefs(roles ?? []) })),
    managedBy: "logto-pulumi/bad-input/acme",
  };
}

async function failuresOf(kind: Kind, name: string, args: Record<string, unknown>): Promise<CheckFailure[]> {
  const result = await providers[kind].check!({}, news(kind, name, args));
  return (result.failures ?? []).map(({ property, reason }) => ({ property: String(property), reason }));
}

function expectExactly(failures: CheckFailure[], expected: readonly Expected[]) {
  expect(pairUp(expected, failures, failureMatches)).toEqual({ missing: [], unexpected: [] });
  const printed = JSON.stringify(failures);
  for (const value of allSecrets()) expect(printed).not.toContain(value);
}

beforeAll(async () => {
  sandbox = await spawnSandbox();
  configureProvidersFor(sandbox);
});
afterAll(() => sandbox?.stop());

describe("resource inputs, each bad input alone through the provider's check", () => {
  test.each(Object.entries(baselines))("baseline %s passes", async (name, { kind, args }) => {
    expect(await failuresOf(kind, name, args)).toEqual([]);
  });

  const cases = resourceBatches.flatMap((batch) => batch.cases.map((item): [string, ResourceBatch, ResourceCase] => [`${batch.name}: ${item.title}`, batch, item]));

  test.each(cases.filter(([, , item]) => !item.wanted))("%s", async (_title, batch, item) => {
    await sandbox.clearRequests();

    expectExactly(await failuresOf(batch.kind, batch.name, inputsOf(batch.baseline, [item])), item.expect);
    expect(await writesSeenBy(sandbox)).toEqual([]);
  });

  // Checks that are missing or unhelpful today; the expectation is the failure we want.
  test.failing.each(cases.filter(([, , item]) => item.wanted))("wanted: %s", async (_title, batch, item) => {
    expectExactly(await failuresOf(batch.kind, batch.name, inputsOf(batch.baseline, [item])), item.expect);
  });

  test.each(resourceBatches.map((batch): [string, ResourceBatch] => [batch.name, batch]))(
    "batch %s, all its cases at once, fails with exactly their failures",
    async (_name, batch) => {
      const { kind, name, args } = batchResource(batch);
      expectExactly(await failuresOf(kind, name, args), activeCases(batch.cases).flatMap((item) => item.expect));
    },
  );

  test("the table holds at least 40 checked resource cases", () => {
    expect(cases.filter(([, , item]) => !item.wanted).length).toBeGreaterThanOrEqual(40);
  });
});

describe("stack config, each bad value alone through readStackConfig", () => {
  /** The defaults declared in Pulumi.yaml, which the CLI (not the program) fills in. */
  const declaredDefaults = Object.fromEntries(
    Object.entries((yaml.load(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")) as { config: Record<string, { default?: unknown }> }).config)
      .filter(([, schema]) => schema.default !== undefined)
      .map(([key, schema]) => [key, typeof schema.default === "string" ? schema.default : JSON.stringify(schema.default)]),
  );

  /** Problems readStackConfig reports for `config` (as the CLI would pass it), one per line. */
  function problemsOf(config: Record<string, ConfigValue>): string[] {
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries({ ...declaredDefaults, ...config })) {
      values[`logto-pulumi:${key}`] = typeof value === "string" ? value : value.secret;
      if (typeof value !== "string") secretKeys.push(`logto-pulumi:${key}`);
    }
    pulumi.runtime.setAllConfig(values, secretKeys);
    try {
      readStackConfig(new pulumi.Config("logto-pulumi"));
      return [];
    } catch (error) {
      const message = String((error as Error).message);
      for (const value of Object.values(configSecrets)) expect(message).not.toContain(value);
      return message.split("\n").filter((line) => line.startsWith("  logto-pulumi:"));
    }
  }
  const expectProblems = (problems: string[], expected: readonly RegExp[]) =>
    expect(pairUp(expected.map((reason) => ({ property: "", reason })), problems, (wanted, line) => wanted.reason.test(line))).toEqual({ missing: [], unexpected: [] });

  afterAll(() => pulumi.runtime.setAllConfig({}));

  test("the baseline (every feature on) passes", () => {
    expect(problemsOf(configBaseline)).toEqual([]);
  });

  const programCases = configBatches
    .filter((batch) => batch.by === "program")
    .flatMap((batch) => batch.cases.map((item): [string, ConfigCase] => [`${batch.name}: ${item.title}`, item]));

  test.each(programCases.filter(([, item]) => !item.wanted))("%s", (_title, item) => {
    expectProblems(problemsOf(configOf(configBaseline, [item])), [item.expect]);
  });

  test.failing.each(programCases.filter(([, item]) => item.wanted))("wanted: %s", (_title, item) => {
    expectProblems(problemsOf(configOf(configBaseline, [item])), [item.expect]);
  });

  test.each(configBatches.filter((batch) => batch.by === "program").map((batch) => [batch.name, batch] as const))(
    "batch %s, all its values at once, reports exactly their problems",
    (_name, batch) => {
      const cases = activeCases(batch.cases);
      expectProblems(problemsOf(configOf(configBaseline, cases)), cases.map((item) => item.expect));
    },
  );
});
