// The TypeScript program that declares a tenant's objects, each with its `adoptId`: one file
// per kind, secrets read from secret stack config, and what cannot be expressed listed.
import { isDeepStrictEqual } from "node:util";
import { managedFieldsSchema, manageableFields, type ManagedField } from "../resources/sign-in-experience/schema";
import { ownPart } from "../resources/sign-in-experience/stored-form";
import { secretConfigPathsOf } from "../resources/connector/secret-fields";
import { markSecrets } from "../resources/provider-kit/secrets";
import { code, literal, variableName, type Code } from "./source";
import type { Tenant, TenantConnector } from "./tenant";

export interface Generated {
  /** File name → text. */
  files: Record<string, string>;
  /** Secret stack config keys the program reads, each with what to put in it. */
  secrets: Array<{ key: string; what: string }>;
  /** Objects left out: built-ins, and what the resources cannot express yet. */
  skipped: Array<{ object: string; why: string }>;
  /** Objects declared, by resource type. */
  counts: Record<string, number>;
}

export interface GenerateOptions {
  project: string;
  /** The machine-to-machine app `generate` signs in with: left out, so the program cannot delete it. */
  ownAppId: string;
}

/** Seeded by Logto in every tenant; never declared. */
const builtInApplications = new Set(["admin-console", "demo-app"]);
const builtInRoles = new Set(["Logto Management API access"]);
const managementApiResourceId = "management-api";
const supportedApplicationTypes = new Set(["Traditional", "SPA", "Native", "MachineToMachine"]);
const supportedSsoProviders = new Set(["Okta", "OIDC", "AzureAdOidc", "GoogleWorkspace", "SAML", "AzureAD"]);

/** Values of a new OSS tenant's sign-in experience (createDefaultSignInExperience and SQL defaults): not declared. */
const signInDefaults: Partial<Record<ManagedField, unknown>> = {
  signInMode: "SignInAndRegister",
  color: { primaryColor: "#6139F6", isDarkModeEnabled: false, darkPrimaryColor: "#8768F8" },
  branding: { logoUrl: "https://logto.io/logo.svg", darkLogoUrl: "https://logto.io/logo-dark.svg" },
  languageInfo: { autoDetect: true, fallbackLanguage: "en" },
  termsOfUseUrl: null,
  privacyPolicyUrl: null,
  agreeToTermsPolicy: "Automatic",
  socialSignIn: {},
  customCss: null,
  customContent: {},
  passwordPolicy: {},
  mfa: { factors: [], policy: "UserControlled" },
  adaptiveMfa: {},
  supportEmail: null,
  supportWebsiteUrl: null,
  unknownSessionRedirectUrl: null,
  captchaPolicy: {},
  sentinelPolicy: {},
  emailBlocklistPolicy: {},
  verificationCodePolicy: {},
  forgotPasswordMethods: null,
  passkeySignIn: {},
  passwordExpiration: {},
};
/** Always declared: what the sign-in page offers. */
const signInCore: ManagedField[] = ["signUp", "signIn", "socialSignInConnectorTargets", "singleSignOnEnabled"];

interface Declaration {
  type: string;
  variable: string;
  text: string;
}

export function generateProgram(tenant: Tenant, options: GenerateOptions): Generated {
  const taken = new Set<string>();
  const names = new Map<string, Set<string>>();
  const secrets: Generated["secrets"] = [];
  const skipped: Generated["skipped"] = [];
  /** Logto id → the variable declaring it, per kind. */
  const refs = { app: new Map<string, string>(), api: new Map<string, string>(), role: new Map<string, string>(), sso: new Map<string, string>(), orgScope: new Map<string, string>(), orgRole: new Map<string, string>() };

  /** A Pulumi resource name unique within its type, from a display name. */
  const resourceName = (type: string, name: string) => {
    const used = names.get(type) ?? new Set<string>();
    names.set(type, used);
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || type.toLowerCase();
    let candidate = base;
    for (let count = 2; used.has(candidate); count++) candidate = `${base}-${count}`;
    used.add(candidate);
    return candidate;
  };
  const declare = (type: string, variable: string, name: string, args: Record<string, unknown>): Declaration => ({
    type,
    variable,
    text: `export const ${variable} = new ${type}(${JSON.stringify(resourceName(type, name))}, ${literal(args)});`,
  });
  /** A variable of this program declaring the object, or its id when the program does not declare it. */
  const ref = (map: Map<string, string>, id: string): Code | string => (map.has(id) ? code(map.get(id)!) : id);
  /**
   * Replaces the values the resources keep secret (see provider-kit/secrets) by secret stack
   * config reads: a string by `requireSecret`, an object (OIDC's `customConfig`) by `requireSecretObject` of its JSON.
   */
  const withSecretsFromConfig = (config: Record<string, unknown>, owner: string, what: string, secretPaths: readonly string[] = []) =>
    markSecrets(config, secretPaths, (value, path) => {
      const key = variableName(`${owner} ${path.replace(/\./g, " ")}`, taken);
      secrets.push({ key, what: `${path} of ${what}${typeof value === "string" ? "" : " (as JSON)"}` });
      return code(`config.${typeof value === "string" ? "requireSecret" : "requireSecretObject"}(${JSON.stringify(key)})`);
    }) as Record<string, unknown>;

  // API resources and roles
  const apis: Declaration[] = [];
  for (const api of sortedByName(tenant.apiResources)) {
    if (api.id === managementApiResourceId) continue;
    const variable = variableName(api.name, taken, "api");
    refs.api.set(api.id, variable);
    apis.push(declare("ApiResource", variable, api.name, {
      name: api.name,
      indicator: api.indicator,
      accessTokenTtl: api.accessTokenTtl === 3600 ? undefined : api.accessTokenTtl,
      isDefault: api.isDefault || undefined,
      scopes: api.scopes.length ? Object.fromEntries([...api.scopes].sort(byName).map((scope) => [scope.name, scope.description ?? ""])) : undefined,
      adoptId: api.id,
    }));
  }
  const indicatorOf = new Map(tenant.apiResources.map((api) => [api.id, api.indicator]));
  const permissions = (scopes: Array<{ name: string; resourceId: string }>) => {
    const byApi = new Map<string, string[]>();
    for (const scope of scopes) byApi.set(scope.resourceId, [...(byApi.get(scope.resourceId) ?? []), scope.name]);
    return nonEmpty(
      [...byApi].map(([resourceId, names]) => ({ api: refs.api.has(resourceId) ? code(refs.api.get(resourceId)!) : indicatorOf.get(resourceId) ?? resourceId, scopes: names.sort() })),
    );
  };
  const roles: Declaration[] = [];
  for (const role of sortedByName(tenant.roles)) {
    if (builtInRoles.has(role.name) || role.name.startsWith("#internal:")) continue;
    const variable = variableName(role.name, taken, "role");
    refs.role.set(role.id, variable);
    roles.push(declare("Role", variable, role.name, {
      name: role.name,
      description: role.description,
      type: role.type === "User" ? undefined : role.type,
      isDefault: role.isDefault || undefined,
      permissions: permissions(role.scopes),
      adoptId: role.id,
    }));
  }
  // Applications
  const applications: Declaration[] = [];
  for (const app of sortedByName(tenant.applications)) {
    if (app.id === options.ownAppId) {
      skipped.push({ object: `application "${app.name}" (${app.id})`, why: "the machine-to-machine app generate signs in with: managing it here could delete the program's own access" });
      continue;
    }
    if (builtInApplications.has(app.id)) continue;
    if (!supportedApplicationTypes.has(app.type) || app.isThirdParty) {
      skipped.push({ object: `application "${app.name}" (${app.id})`, why: `${app.isThirdParty ? "third-party " : ""}${app.type} applications are not modelled yet` });
      continue;
    }
    const variable = variableName(app.name, taken, "app");
    refs.app.set(app.id, variable);
    applications.push(declare("Application", variable, app.name, {
      name: app.name,
      description: app.description ?? undefined,
      type: app.type,
      redirectUris: nonEmpty(app.oidcClientMetadata.redirectUris),
      postLogoutRedirectUris: nonEmpty(app.oidcClientMetadata.postLogoutRedirectUris),
      corsAllowedOrigins: nonEmpty(app.customClientMetadata.corsAllowedOrigins ?? []),
      roles: nonEmpty(app.roles.map((role) => ref(refs.role, role.id))),
      adoptId: app.id,
    }));
  }

  // Connectors and SSO connectors
  const connectors: Declaration[] = [];
  const connectorVariables = new Map<string, { variable: string; connector: TenantConnector }>();
  for (const connector of [...tenant.connectors].sort((a, b) => a.id.localeCompare(b.id, "en"))) {
    const label = connector.isStandard ? String(connector.metadata.target ?? connector.target) : connector.target || connector.connectorId;
    const variable = variableName(label, taken, "connector");
    connectorVariables.set(connector.id, { variable, connector });
    connectors.push(declare("Connector", variable, label, {
      factoryId: connector.connectorId,
      config: withSecretsFromConfig(connector.config, variable, `connector ${connector.id} (${connector.connectorId})`, secretConfigPathsOf(connector.connectorId)),
      metadata: connector.isStandard ? connector.metadata : undefined,
      syncProfile: connector.type === "Social" && connector.syncProfile ? true : undefined,
      adoptId: connector.id,
    }));
  }
  const ssoConnectors: Declaration[] = [];
  for (const sso of [...tenant.ssoConnectors].sort((a, b) => a.connectorName.localeCompare(b.connectorName, "en"))) {
    if (!supportedSsoProviders.has(sso.providerName)) {
      skipped.push({ object: `SSO connector "${sso.connectorName}" (${sso.id})`, why: `${sso.providerName} SSO connectors are not modelled yet` });
      continue;
    }
    const variable = variableName(sso.connectorName, taken, "sso");
    refs.sso.set(sso.id, variable);
    ssoConnectors.push(declare("SsoConnector", variable, sso.connectorName, {
      providerName: sso.providerName,
      connectorName: sso.connectorName,
      config: withSecretsFromConfig(sso.config, variable, `SSO connector "${sso.connectorName}" (${sso.id})`),
      domains: nonEmpty(sso.domains),
      branding: Object.keys(sso.branding ?? {}).length ? sso.branding : undefined,
      syncProfile: sso.syncProfile || undefined,
      adoptId: sso.id,
    }));
  }

  // Organization template and organizations
  const organizationScopes: Declaration[] = [];
  for (const scope of sortedByName(tenant.organizationScopes)) {
    const variable = variableName(scope.name, taken, "permission");
    refs.orgScope.set(scope.id, variable);
    organizationScopes.push(declare("OrganizationScope", variable, scope.name, { name: scope.name, description: scope.description ?? undefined, adoptId: scope.id }));
  }
  const organizationRoles: Declaration[] = [];
  for (const role of sortedByName(tenant.organizationRoles)) {
    const variable = variableName(role.name, taken, "organization role");
    refs.orgRole.set(role.id, variable);
    organizationRoles.push(declare("OrganizationRole", variable, role.name, {
      name: role.name,
      description: role.description ?? undefined,
      type: role.type === "User" ? undefined : role.type,
      permissions: nonEmpty(role.scopes.map((scope) => (refs.orgScope.has(scope.id) ? code(refs.orgScope.get(scope.id)!) : scope.id))),
      apiPermissions: permissions(role.resourceScopes),
      adoptId: role.id,
    }));
  }
  const organizations: Declaration[] = [];
  for (const organization of sortedByName(tenant.organizations)) {
    const { ["pulumi:managedBy"]: _mark, ...customData } = organization.customData ?? {};
    const variable = variableName(organization.name, taken, "organization");
    const jit = {
      emailDomains: nonEmpty(organization.jit.emailDomains),
      ssoConnectors: nonEmpty(organization.jit.ssoConnectors.map((id) => ref(refs.sso, id))),
      roles: nonEmpty(organization.jit.roles.map((id) => ref(refs.orgRole, id))),
    };
    organizations.push(declare("Organization", variable, organization.name, {
      name: organization.name,
      description: organization.description ?? undefined,
      customData: Object.keys(customData).length ? customData : undefined,
      isMfaRequired: organization.isMfaRequired || undefined,
      color: Object.keys(organization.color ?? {}).length ? organization.color : undefined,
      branding: Object.keys(organization.branding ?? {}).length ? organization.branding : undefined,
      customCss: organization.customCss ?? undefined,
      jit: Object.values(jit).some((list) => list !== undefined) ? jit : undefined,
      applications: nonEmpty(organization.applications.map(({ id, roles: appRoles }) => ({ app: ref(refs.app, id), roles: nonEmpty(appRoles.map((roleId) => ref(refs.orgRole, roleId))) }))),
      adoptId: organization.id,
    }));
  }

  // Sign-in experience and wording
  const signIn: Record<string, unknown> = {};
  for (const field of manageableFields) {
    const value = ownPart(field, tenant.signInExperience[field]) ?? null;
    if (!signInCore.includes(field) && isDeepStrictEqual(value, signInDefaults[field] ?? null)) continue;
    if (value === null && field !== "termsOfUseUrl" && !(field in signInDefaults)) continue;
    if (!managedFieldsSchema.shape[field].safeParse(value).success) {
      skipped.push({ object: `sign-in experience field ${field}`, why: `its value in Logto (${JSON.stringify(value).slice(0, 80)}) is not one the resource takes yet` });
      continue;
    }
    signIn[field] = value;
  }
  const socialByTarget = new Map([...connectorVariables.values()].filter(({ connector }) => connector.type === "Social").map(({ variable, connector }) => [connector.target, variable]));
  if (Array.isArray(signIn.socialSignInConnectorTargets)) {
    signIn.socialSignInConnectorTargets = (signIn.socialSignInConnectorTargets as string[]).map((target) => (socialByTarget.has(target) ? code(`${socialByTarget.get(target)}.target`) : target));
  }
  const email = [...connectorVariables.values()].find(({ connector }) => connector.type === "Email");
  if (email) signIn.emailConnector = code(`${email.variable}.connectorId`);
  const phrases = [...tenant.customPhrases].sort((a, b) => a.languageTag.localeCompare(b.languageTag, "en")).filter((phrase) => Object.keys(phrase.translation).length > 0);
  const phraseDeclarations = phrases.map((phrase) =>
    declare("CustomPhrase", variableName(phrase.languageTag, taken, "phrases"), phrase.languageTag, { languageTag: phrase.languageTag, translation: phrase.translation }),
  );
  const fallback = (signIn.languageInfo as { fallbackLanguage?: string } | undefined)?.fallbackLanguage;
  const fallbackPhrases = phraseDeclarations.find((_, index) => phrases[index]!.languageTag === fallback);
  if (fallbackPhrases && signIn.languageInfo) signIn.languageInfo = { ...(signIn.languageInfo as object), fallbackLanguage: code(`${fallbackPhrases.variable}.languageTag`) };
  const signInDeclaration = declare("SignInExperience", variableName("sign in experience", taken), "sign-in", signIn);

  // Files: one per kind, each importing the variables it uses.
  const kinds: Array<[file: string, type: string, declarations: Declaration[]]> = [
    ["applications", "Application", applications],
    ["api-resources", "ApiResource", apis],
    ["roles", "Role", roles],
    ["connectors", "Connector", connectors],
    ["sso-connectors", "SsoConnector", ssoConnectors],
    ["organization-template", "OrganizationScope, OrganizationRole", [...organizationScopes, ...organizationRoles]],
    ["organizations", "Organization", organizations],
    ["custom-phrases", "CustomPhrase", phraseDeclarations],
    ["sign-in-experience", "SignInExperience", [signInDeclaration]],
  ];
  const fileOf = new Map(kinds.flatMap(([file, , declarations]) => declarations.map((declaration) => [declaration.variable, file] as const)));
  const files: Record<string, string> = {};
  for (const [file, types, declarations] of kinds) {
    if (!declarations.length) continue;
    const body = declarations.map((declaration) => declaration.text).join("\n\n");
    const used = [...new Set([...body.matchAll(/\b([A-Za-z_$][\w$]*)\b/g)].map((match) => match[1]!))].filter((name) => fileOf.has(name) && fileOf.get(name) !== file);
    const imports = [...new Set(used.map((name) => fileOf.get(name)!))].sort().map((other) => importLine(used.filter((name) => fileOf.get(name) === other).sort(), `./${other}`));
    const needsConfig = body.includes("config.requireSecret(");
    files[`${file}.ts`] = [
      ...(needsConfig ? ['import * as pulumi from "@pulumi/pulumi";'] : []),
      importLine(types.split(", "), "logto-pulumi"),
      ...imports,
      "",
      ...(needsConfig ? ["const config = new pulumi.Config();", ""] : []),
      body,
      "",
    ].join("\n");
  }
  files["index.ts"] = [
    `// Generated by \`logto-pulumi generate\` from the tenant: every object is taken over by its adoptId.`,
    ...Object.keys(files).map((file) => `import "./${file.replace(/\.ts$/, "")}";`),
    "",
  ].join("\n");
  const counts: Record<string, number> = {};
  for (const { type } of kinds.flatMap(([, , declarations]) => declarations)) counts[type] = (counts[type] ?? 0) + 1;
  return { files, secrets, skipped, counts };
}

/** `import { a, b } from "…";`, one name per line when that is too long for one. */
function importLine(names: string[], from: string): string {
  const line = `import { ${names.join(", ")} } from ${JSON.stringify(from)};`;
  return line.length <= 100 ? line : `import {\n${names.map((name) => `  ${name},`).join("\n")}\n} from ${JSON.stringify(from)};`;
}

/** Objects in name order, so a generated program reads (and diffs) the same from run to run. */
const sortedByName = <T extends { name: string }>(list: T[]): T[] => [...list].sort((a, b) => a.name.localeCompare(b.name, "en"));

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
