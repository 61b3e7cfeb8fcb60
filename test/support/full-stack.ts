// The whole project stack (index.ts) against a sandbox, as test/engine/mission.test.ts sets it up,
// and what tests check after a run: nothing made twice in Logto, nothing missing from state.
import { randomBytes } from "node:crypto";
import { createEngineStack, type EngineStack, type EngineStackOptions } from "./engine";
import type { LogEntry, Sandbox } from "./sandbox";

/** Client secrets set in stack config; none may ever be printed. */
export interface FullStackSecrets {
  oidcClientSecret: string;
  oktaClientSecret: string;
  sesAccessKeySecret: string;
}

export const newFullStackSecrets = (): FullStackSecrets => ({
  oidcClientSecret: `oidc-secret-${randomBytes(8).toString("hex")}`,
  oktaClientSecret: `okta-secret-${randomBytes(8).toString("hex")}`,
  sesAccessKeySecret: `ses-secret-${randomBytes(8).toString("hex")}`,
});

/** The app's API: one API resource, two user roles, a machine-to-machine client with its role. */
export const fullStackApi = {
  indicator: "https://api.shop.example.com",
  permissions: { "read:orders": "Read orders", "write:orders": "Create and change orders" },
  roles: {
    "Order clerk": { description: "Works the order queue", permissions: ["read:orders", "write:orders"], default: true },
    Auditor: { description: "Reads orders", permissions: ["read:orders"] },
  },
  m2mPermissions: ["read:orders"],
};

/** B2B: the Okta customer's organization, joined just in time, with one permission and one default role. */
export const fullStackOrganization = {
  name: "Acme",
  permissions: { "invite:members": "Invite members" },
  roles: { Member: { description: "Every employee", permissions: ["invite:members"], apiPermissions: ["read:orders"], default: true } },
};

/** Apple, OIDC, Okta against the sandbox's stand-in IdP, email with existing SES credentials, the API, the organization. */
export function fullStackConfig(endpoint: string): Record<string, string> {
  const idp = `${endpoint}/__sandbox/idp`;
  return {
    appUrl: "https://shop.example.com",
    apple: "true",
    appleServicesId: "com.example.shop.web",
    oidc: "true",
    oidcTarget: "corp-oidc",
    oidcAuthorizationEndpoint: `${idp}/corp/authorize`,
    oidcTokenEndpoint: `${idp}/corp/token`,
    oidcJwksUri: `${idp}/corp/jwks`,
    oidcClientId: "shop",
    okta: "true",
    oktaIssuer: `${idp}/okta`,
    oktaClientId: "okta-client",
    email: "true",
    emailFrom: "no-reply@example.com",
    sesAccessKeyId: "ses-key-id",
    api: "true",
    apiIndicator: fullStackApi.indicator,
    apiM2mClient: "true",
    organization: "true",
    organizationName: fullStackOrganization.name,
  };
}

/** The sign-in page: colors, legal links, password policy, MFA and English wording. */
export const fullStackSignInPage = {
  colors: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
  legal: { termsOfUseUrl: "https://shop.example.com/terms", agreeToTermsPolicy: "ManualRegistrationOnly" },
  passwordPolicy: { length: { min: 10 } },
  mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
  phrases: { en: { action: { sign_in: "Sign in to the shop" } } },
};

/** Maps and lists go in as JSON values, as `pulumi config set --path` stores them, so the CLI sees their types. */
const structuredConfig = {
  oktaDomains: ["example.com"],
  apiPermissions: fullStackApi.permissions,
  apiRoles: fullStackApi.roles,
  apiM2mPermissions: fullStackApi.m2mPermissions,
  organizationPermissions: fullStackOrganization.permissions,
  organizationRoles: fullStackOrganization.roles,
  ...fullStackSignInPage,
};

/**
 * The full stack: the app, the four connectors and the sign-in experience. `config` adds or
 * overrides keys (e.g. `logto:timeoutMs`); `options` names the stack or its passphrase.
 */
export async function createFullStack(
  sandbox: Sandbox,
  secrets: FullStackSecrets,
  config: Record<string, string> = {},
  options: Pick<EngineStackOptions, "stackName" | "passphrase"> = {},
): Promise<EngineStack> {
  const engine = await createEngineStack({
    logto: sandbox,
    config: { ...fullStackConfig(sandbox.endpoint), ...config },
    secrets: { ...secrets },
    ...options,
  });
  const structured = Object.entries(structuredConfig).filter(([key]) => !(key in config));
  await engine.stack.setAllConfigJson(
    JSON.stringify(Object.fromEntries(structured.map(([key, value]) => [`logto-pulumi:${key}`, { value: JSON.stringify(value), objectValue: value }]))),
  );
  return engine;
}

/** The Logto objects the full stack manages, by resource type token. */
export const fullStackTypes = {
  application: "pulumi-nodejs:dynamic/logto:Application",
  connector: "pulumi-nodejs:dynamic/logto:Connector",
  ssoConnector: "pulumi-nodejs:dynamic/logto:SsoConnector",
  signInExperience: "pulumi-nodejs:dynamic/logto:SignInExperience",
  apiResource: "pulumi-nodejs:dynamic/logto:ApiResource",
  role: "pulumi-nodejs:dynamic/logto:Role",
  organizationScope: "pulumi-nodejs:dynamic/logto:OrganizationScope",
  organizationRole: "pulumi-nodejs:dynamic/logto:OrganizationRole",
  organization: "pulumi-nodejs:dynamic/logto:Organization",
  customPhrase: "pulumi-nodejs:dynamic/logto:CustomPhrase",
} as const;

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
}

interface Deployment {
  resources?: StateResource[];
  pending_operations?: Array<{ type: string; resource: StateResource }>;
}

export interface Inventory {
  /** Logto objects of each kind (what a fresh tenant holds is not counted: the M2M app, the Management API and its role). */
  applications: string[];
  machineApps: string[];
  apiResources: string[];
  roles: string[];
  /** Each role's permissions (by role name) and each machine app's roles (by role name), as Logto has them. */
  permissions: Record<string, string[]>;
  machineAppRoles: string[][];
  organizations: string[];
  organizationRoles: string[];
  organizationScopes: string[];
  /** The organization's JIT lists: domains, SSO connector names, role names. */
  jit: string[][];
  connectors: Array<{ id: string; factoryId: string }>;
  ssoConnectors: string[];
  /** Languages with custom phrases. */
  customPhrases: string[];
  /** The sign-in experience as Logto has it. */
  signInExperience: Record<string, unknown>;
  /** Resources of the stack, from `pulumi stack export`, without the stack and provider. */
  stateResources: Array<{ type: string; id?: string; urn: string }>;
  pendingOperations: string[];
}

export async function inventory(sandbox: Sandbox, engine: EngineStack): Promise<Inventory> {
  const list = async <T>(path: string) => {
    const res = await sandbox.api("GET", path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T[];
  };
  const apps = await list<{ id: string; type: string }>("/api/applications?page_size=100");
  const resources = await list<{ id: string }>("/api/resources");
  const roles = await list<{ id: string; name: string }>("/api/roles?page_size=100");
  const connectors = await list<{ id: string; connectorId: string }>("/api/connectors");
  const sso = await list<{ id: string }>("/api/sso-connectors?page_size=100");
  const customPhrases = await list<{ languageTag: string }>("/api/custom-phrases");
  const signInExperience = (await sandbox.api("GET", "/api/sign-in-exp")).body as Record<string, unknown>;
  const exported = JSON.parse(await engine.exportState()) as { deployment: Deployment };
  const inState = exported.deployment.resources ?? [];
  const ourRoles = roles.filter((role) => role.name !== "Logto Management API access");
  const machineApps = apps.filter((app) => app.type === "MachineToMachine" && app.id !== sandbox.appId);
  const permissions = Object.fromEntries(
    await Promise.all(ourRoles.map(async (role) => [role.name, (await list<{ name: string }>(`/api/roles/${role.id}/scopes`)).map((scope) => scope.name).sort()] as const)),
  );
  const organizations = await list<{ id: string }>("/api/organizations?page_size=100");
  const organizationRoles = await list<{ id: string }>("/api/organization-roles?page_size=100");
  const organizationScopes = await list<{ id: string }>("/api/organization-scopes");
  const jit = organizations.length
    ? [
        (await list<{ emailDomain: string }>(`/api/organizations/${organizations[0]!.id}/jit/email-domains`)).map((row) => row.emailDomain),
        (await list<{ connectorName: string }>(`/api/organizations/${organizations[0]!.id}/jit/sso-connectors`)).map((row) => row.connectorName),
        (await list<{ name: string }>(`/api/organizations/${organizations[0]!.id}/jit/roles`)).map((row) => row.name),
      ]
    : [];
  const machineAppRoles = await Promise.all(
    machineApps.map(async (app) => (await list<{ name: string }>(`/api/applications/${app.id}/roles?page_size=100`)).map((role) => role.name).sort()),
  );
  return {
    permissions,
    machineAppRoles,
    organizations: organizations.map((organization) => organization.id),
    organizationRoles: organizationRoles.map((role) => role.id),
    organizationScopes: organizationScopes.map((scope) => scope.id),
    jit,
    applications: apps.filter((app) => app.type !== "MachineToMachine").map((app) => app.id),
    machineApps: machineApps.map((app) => app.id),
    apiResources: resources.filter((resource) => resource.id !== "management-api").map((resource) => resource.id),
    roles: ourRoles.map((role) => role.id),
    connectors: connectors.map((connector) => ({ id: connector.id, factoryId: connector.connectorId })),
    ssoConnectors: sso.map((row) => row.id),
    customPhrases: customPhrases.map((phrase) => phrase.languageTag),
    signInExperience,
    stateResources: inState
      .filter((resource) => resource.type.startsWith("pulumi-nodejs:dynamic/"))
      .map(({ type, id, urn }) => ({ type, id, urn })),
    pendingOperations: (exported.deployment.pending_operations ?? []).map((op) => `${op.type} ${op.resource.urn}`),
  };
}

/**
 * What must hold after a run converged: each Logto object once (no duplicate), each resource
 * in state with an id that Logto has (nothing missing), no pending operation. Returns the
 * problems found, empty when all is well, so a test can print them all at once.
 */
export function convergenceProblems(found: Inventory): string[] {
  const problems: string[] = [];
  if (found.applications.length !== 1) problems.push(`${found.applications.length} applications in Logto (want 1): ${found.applications.join(", ")}`);
  if (found.machineApps.length !== 1) problems.push(`${found.machineApps.length} machine-to-machine apps in Logto (want 1): ${found.machineApps.join(", ")}`);
  if (found.apiResources.length !== 1) problems.push(`${found.apiResources.length} API resources in Logto (want 1)`);
  if (found.roles.length !== 3) problems.push(`${found.roles.length} roles in Logto (want 3)`);
  for (const [name, { permissions }] of Object.entries(fullStackApi.roles)) {
    if (JSON.stringify(found.permissions[name]) !== JSON.stringify([...permissions].sort())) {
      problems.push(`role ${name} holds ${found.permissions[name]?.join(", ") ?? "nothing"} (want ${permissions.join(", ")})`);
    }
  }
  const clientRoles = Object.keys(found.permissions).filter((name) => !(name in fullStackApi.roles));
  if (JSON.stringify(found.machineAppRoles) !== JSON.stringify([clientRoles])) {
    problems.push(`the machine-to-machine app holds ${JSON.stringify(found.machineAppRoles)} (want ${JSON.stringify([clientRoles])})`);
  }
  const factories = found.connectors.map((connector) => connector.factoryId).sort();
  if (JSON.stringify(factories) !== JSON.stringify(["apple-universal", "aws-ses-mail", "oidc"])) {
    problems.push(`connectors in Logto: ${factories.join(", ")} (want apple-universal, aws-ses-mail, oidc once each)`);
  }
  if (found.ssoConnectors.length !== 1) problems.push(`${found.ssoConnectors.length} SSO connectors in Logto (want 1)`);
  if (found.organizations.length !== 1) problems.push(`${found.organizations.length} organizations in Logto (want 1)`);
  if (JSON.stringify(found.jit) !== JSON.stringify([["example.com"], ["Okta"], ["Member"]])) problems.push(`the organization's JIT lists are ${JSON.stringify(found.jit)}`);

  const ofType = (type: string) => found.stateResources.filter((resource) => resource.type === type);
  const expectIds = (type: string, ids: string[], want: number) => {
    const inState = ofType(type);
    if (inState.length !== want) problems.push(`${inState.length} ${type} in state (want ${want})`);
    for (const resource of inState) {
      if (!resource.id || !ids.includes(resource.id)) problems.push(`${resource.urn} has id ${resource.id ?? "(none)"}, which Logto does not have`);
    }
  };
  expectIds(fullStackTypes.application, [...found.applications, ...found.machineApps], 2);
  expectIds(fullStackTypes.apiResource, found.apiResources, 1);
  expectIds(fullStackTypes.role, found.roles, 3);
  expectIds(fullStackTypes.organization, found.organizations, 1);
  expectIds(fullStackTypes.organizationRole, found.organizationRoles, 1);
  expectIds(fullStackTypes.organizationScope, found.organizationScopes, 1);
  expectIds(fullStackTypes.connector, found.connectors.map((connector) => connector.id), 3);
  expectIds(fullStackTypes.ssoConnector, found.ssoConnectors, 1);
  expectIds(fullStackTypes.signInExperience, ["default"], 1);
  expectIds(fullStackTypes.customPhrase, found.customPhrases, 1);
  const { mfa, color, termsOfUseUrl } = found.signInExperience;
  const { mfa: wantMfa, colors: wantColor, legal } = fullStackSignInPage;
  if (JSON.stringify({ mfa, color, termsOfUseUrl }) !== JSON.stringify({ mfa: wantMfa, color: wantColor, termsOfUseUrl: legal.termsOfUseUrl })) {
    problems.push(`the sign-in page has ${JSON.stringify({ mfa, color, termsOfUseUrl })}`);
  }
  if (found.pendingOperations.length) problems.push(`pending operations in state: ${found.pendingOperations.join("; ")}`);
  return problems;
}

export interface RequestFigures {
  requests: number;
  token: number;
  read: number;
  write: number;
  /** Answers that were not a success: injected or rate-limit 429s, 5xx, 401s, dropped (0), timed out. */
  failed: number;
  /** Requests that repeat one (same method and path) whose earlier attempt failed. */
  retries: number;
  /** Most requests that arrived within any 10 s, to hold against a budget like Logto Cloud's. */
  peakPer10s: number;
}

/**
 * Figures from the sandbox log. A request counts as failed when Logto's answer was an error the
 * client retries or recovers from (429, 5xx, 401, no answer) or came after `timeoutMs`.
 */
export function requestFigures(entries: LogEntry[], timeoutMs = Infinity): RequestFigures {
  const figures: RequestFigures = { requests: 0, token: 0, read: 0, write: 0, failed: 0, retries: 0, peakPer10s: 0 };
  const unanswered = new Map<string, number>();
  // The log is in the order answers left; retries are about the order requests arrived.
  const byArrival = entries.filter((entry) => entry.class !== "admin").sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const arrivals = byArrival.map((entry) => Date.parse(entry.time));
  for (const [index, start] of arrivals.entries()) {
    const inWindow = arrivals.slice(index).filter((time) => time < start + 10_000).length;
    figures.peakPer10s = Math.max(figures.peakPer10s, inWindow);
  }
  for (const entry of byArrival) {
    figures.requests++;
    figures[entry.class as "token" | "read" | "write"]++;
    const key = `${entry.method} ${entry.path}`;
    const waiting = unanswered.get(key) ?? 0;
    if (waiting > 0) {
      figures.retries++;
      unanswered.set(key, waiting - 1);
    }
    const failed = entry.status === 0 || entry.status === 401 || entry.status === 429 || entry.status >= 500 || entry.durationMs >= timeoutMs;
    if (failed) {
      figures.failed++;
      unanswered.set(key, (unanswered.get(key) ?? 0) + 1);
    }
  }
  return figures;
}
