// Reads a whole tenant through the Management API: every object kind the resources manage.
import { managementClient } from "../resources/logto";

export interface Named {
  id: string;
  name: string;
}
export interface TenantApplication extends Named {
  description: string | null;
  type: string;
  isThirdParty?: boolean;
  oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] };
  customClientMetadata: { corsAllowedOrigins?: string[] };
  /** MachineToMachine apps: the roles they hold. */
  roles: Named[];
}
export interface TenantConnector {
  id: string;
  /** The factory. */
  connectorId: string;
  type: string;
  target: string;
  config: Record<string, unknown>;
  metadata: Record<string, unknown>;
  syncProfile: boolean;
  isStandard?: boolean;
}
export interface TenantSsoConnector {
  id: string;
  providerName: string;
  connectorName: string;
  config: Record<string, unknown>;
  domains: string[];
  branding: Record<string, unknown>;
  syncProfile: boolean;
}
export interface TenantApiResource extends Named {
  indicator: string;
  accessTokenTtl: number;
  isDefault: boolean;
  scopes: Array<Named & { description: string | null }>;
}
export interface TenantRole extends Named {
  description: string;
  type: string;
  isDefault: boolean;
  scopes: Array<Named & { resourceId: string }>;
}
export interface TenantOrganizationScope extends Named {
  description: string | null;
}
export interface TenantOrganizationRole extends Named {
  description: string | null;
  type: string;
  scopes: Named[];
  resourceScopes: Array<Named & { resourceId: string }>;
}
export interface TenantOrganization extends Named {
  description: string | null;
  customData: Record<string, unknown>;
  isMfaRequired: boolean;
  color: Record<string, unknown>;
  branding: Record<string, unknown>;
  customCss: string | null;
  jit: { emailDomains: string[]; ssoConnectors: string[]; roles: string[] };
  applications: Array<{ id: string; roles: string[] }>;
}
export interface Tenant {
  applications: TenantApplication[];
  connectors: TenantConnector[];
  ssoConnectors: TenantSsoConnector[];
  apiResources: TenantApiResource[];
  roles: TenantRole[];
  organizationScopes: TenantOrganizationScope[];
  organizationRoles: TenantOrganizationRole[];
  organizations: TenantOrganization[];
  signInExperience: Record<string, unknown>;
  customPhrases: Array<{ languageTag: string; translation: Record<string, unknown> }>;
}

type Progress = (line: string) => void;

/** Every list Logto may page, in pages of 100. */
const all = <T>(path: string) => managementClient().getAllPages<T>(path);
const get = <T>(path: string) => managementClient().get<T>(path);

export async function readTenant(progress: Progress): Promise<Tenant> {
  progress("reading applications");
  const applications = await Promise.all(
    (await all<Omit<TenantApplication, "roles">>("/api/applications")).map(async (app) => ({
      ...app,
      roles: app.type === "MachineToMachine" ? await all<Named>(`/api/applications/${app.id}/roles`) : [],
    })),
  );
  progress(`  ${applications.length} applications; reading connectors and SSO connectors`);
  const [connectors, ssoConnectors] = await Promise.all([get<TenantConnector[]>("/api/connectors"), all<TenantSsoConnector>("/api/sso-connectors")]);
  progress(`  ${connectors.length} connectors, ${ssoConnectors.length} SSO connectors; reading API resources and roles`);
  const apiResources = await get<TenantApiResource[]>("/api/resources?includeScopes=true");
  const roles = await Promise.all(
    (await all<Omit<TenantRole, "scopes">>("/api/roles")).map(async (role) => ({ ...role, scopes: await get<TenantRole["scopes"]>(`/api/roles/${role.id}/scopes`) })),
  );
  progress(`  ${apiResources.length} API resources, ${roles.length} roles; reading the organization template`);
  const organizationScopes = await get<TenantOrganizationScope[]>("/api/organization-scopes");
  const organizationRoles = await Promise.all(
    (await all<Omit<TenantOrganizationRole, "scopes" | "resourceScopes">>("/api/organization-roles")).map(async (role) => ({
      ...role,
      scopes: await get<Named[]>(`/api/organization-roles/${role.id}/scopes`),
      resourceScopes: await get<TenantOrganizationRole["resourceScopes"]>(`/api/organization-roles/${role.id}/resource-scopes`),
    })),
  );
  progress(`  ${organizationScopes.length} organization permissions, ${organizationRoles.length} organization roles; reading organizations`);
  const listed = await all<Omit<TenantOrganization, "jit" | "applications">>("/api/organizations");
  let read = 0;
  const organizations = await Promise.all(
    listed.map(async (organization) => {
      const base = `/api/organizations/${organization.id}`;
      const [emailDomains, ssoJit, roleJit, members] = await Promise.all([
        get<Array<{ emailDomain: string }>>(`${base}/jit/email-domains`),
        get<Array<{ id: string }>>(`${base}/jit/sso-connectors`),
        get<Named[]>(`${base}/jit/roles`),
        all<Named>(`${base}/applications`),
      ]);
      const applications = await Promise.all(members.map(async (app) => ({ id: app.id, roles: (await get<Named[]>(`${base}/applications/${app.id}/roles`)).map((role) => role.id) })));
      if (++read % 50 === 0) progress(`  ${read} of ${listed.length} organizations read`);
      return {
        ...organization,
        jit: { emailDomains: emailDomains.map((row) => row.emailDomain), ssoConnectors: ssoJit.map((row) => row.id), roles: roleJit.map((role) => role.id) },
        applications,
      };
    }),
  );
  progress(`  ${organizations.length} organizations; reading the sign-in experience and custom phrases`);
  const [signInExperience, customPhrases] = await Promise.all([get<Record<string, unknown>>("/api/sign-in-exp"), get<Tenant["customPhrases"]>("/api/custom-phrases")]);
  return {
    applications,
    connectors,
    ssoConnectors,
    apiResources,
    roles,
    organizationScopes,
    organizationRoles,
    organizations,
    signInExperience,
    customPhrases,
  };
}
