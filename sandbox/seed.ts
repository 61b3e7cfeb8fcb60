// The state of a freshly seeded OSS tenant, plus the M2M app the sandbox's clients use.
import { generateStandardId, generateStandardSecret } from './ids';
import type { Schemas } from './logto-modules';
import {
  organizationTables,
  tenantId,
  type ApplicationsRoleRow,
  type LegacyStoreState,
  type RoleRow,
  type StoreState,
} from './store';

export type M2mCredentials = { appId: string; appSecret: string };

/**
 * Column defaults of `sign_in_experiences` that `createDefaultSignInExperience` leaves to SQL
 * (packages/schemas/tables/sign_in_experiences.sql and its alterations).
 */
const signInExperienceColumnDefaults = {
  agreeToTermsPolicy: 'Automatic',
  socialSignIn: {},
  socialSignInConnectorTargets: [],
  signInMode: 'SignInAndRegister',
  customContent: {},
  customUiCsp: {},
  passwordPolicy: {},
  mfa: { factors: [], policy: 'UserControlled' },
  adaptiveMfa: {},
  singleSignOnEnabled: false,
  supportEmail: null,
  supportWebsiteUrl: null,
  unknownSessionRedirectUrl: null,
  captchaPolicy: {},
  sentinelPolicy: {},
  emailBlocklistPolicy: {},
  verificationCodePolicy: {},
  forgotPasswordMethods: null,
  passkeySignIn: {},
  signUpProfileFields: null,
  passwordExpiration: {},
};

/** The role `seedPreConfiguredManagementApiAccessRole` creates (packages/cli/.../seed/roles.ts). */
export const managementApiAccessRoleName = 'Logto Management API access';

const roleLink = (roleId: string, scopeId: string) => ({
  tenantId,
  id: generateStandardId(),
  roleId,
  scopeId,
});

const applicationRoleLink = (applicationId: string, roleId: string): ApplicationsRoleRow => ({
  tenantId,
  id: generateStandardId(),
  applicationId,
  roleId,
});

/**
 * What `seedAdminData(defaultManagementApi)` and `seedPreConfiguredManagementApiAccessRole` put in
 * the default tenant (packages/cli/src/commands/database/seed/tables.ts): the Management API
 * resource (its indicator is the sandbox's), its `all` scope, the deprecated `#internal:admin`
 * role and the "Logto Management API access" M2M role, both holding `all`.
 */
const seedRbac = (schemas: Schemas, resourceIndicator: string, createdAt: number) => {
  const { resource, scopes, role } = schemas.defaultManagementApi;
  const [allScope] = scopes;
  const accessRole = schemas.createPreConfiguredManagementApiAccessRole(tenantId);
  const roles: RoleRow[] = [
    { ...role, isDefault: false } as RoleRow,
    { ...accessRole, isDefault: false } as RoleRow,
  ];
  return {
    resources: [{ ...resource, indicator: resourceIndicator, isDefault: false, accessTokenTtl: 3600 }],
    scopes: [{ ...allScope!, createdAt }],
    roles,
    rolesScopes: roles.map(({ id }) => roleLink(id, allScope!.id)),
    accessRoleId: accessRole.id,
  };
};

/** A new tenant has no organization template, organizations or JIT rules. */
const emptyOrganizationTables = () =>
  Object.fromEntries(organizationTables.map((table) => [table, []])) as unknown as Pick<
    StoreState,
    (typeof organizationTables)[number]
  >;

export const seedState = (
  schemas: Schemas,
  { appId, appSecret }: M2mCredentials,
  signingKeyPem: string,
  resourceIndicator: string
): StoreState => {
  const createdAt = Date.now();
  const { accessRoleId, ...rbac } = seedRbac(schemas, resourceIndicator, createdAt);
  const { trustedDevice: _hiddenWithoutDevFeatures, ...defaults } = {
    ...signInExperienceColumnDefaults,
    usernamePolicy: schemas.defaultUsernamePolicy,
    ...schemas.createDefaultSignInExperience(tenantId, false),
  } as Record<string, unknown>;

  return {
    applications: [
      {
        tenantId,
        id: appId,
        name: 'Sandbox Management API client',
        secret: schemas.internalPrefix + generateStandardSecret(),
        description: 'Machine-to-machine app holding the "Logto Management API access" role.',
        type: 'MachineToMachine',
        oidcClientMetadata: { redirectUris: [], postLogoutRedirectUris: [] },
        customClientMetadata: {},
        protectedAppMetadata: null,
        customData: {},
        isThirdParty: false,
        appLevelAccessControlEnabled: false,
        createdAt,
      },
    ],
    applicationSecrets: [
      {
        tenantId,
        applicationId: appId,
        name: schemas.defaultApplicationSecretName,
        value: appSecret,
        createdAt,
        expiresAt: null,
      },
    ],
    connectors: [],
    ssoConnectors: [],
    signInExperience: defaults,
    ...rbac,
    applicationsRoles: [applicationRoleLink(appId, accessRoleId)],
    ...emptyOrganizationTables(),
    customPhrases: [],
    signingKeyPem,
  };
};

/**
 * A state file written before the sandbox had API resources and roles: the RBAC tables come from
 * the seed, and the apps listed in the old `managementApiAppIds` and `internalAdminAppIds` get
 * the "Logto Management API access" and `#internal:admin` roles those lists stood for. One written
 * before it had organizations or custom phrases gets those tables empty.
 */
export const upgradeState = (loaded: LegacyStoreState, seeded: StoreState): StoreState => {
  const { managementApiAppIds, internalAdminAppIds, ...withoutOrganizations } = loaded;
  const rest = { ...emptyOrganizationTables(), customPhrases: [], ...withoutOrganizations };
  if (rest.resources && rest.scopes && rest.roles && rest.rolesScopes && rest.applicationsRoles) {
    return rest as StoreState;
  }
  const state: StoreState = {
    ...rest,
    resources: rest.resources ?? seeded.resources,
    scopes: rest.scopes ?? seeded.scopes,
    roles: rest.roles ?? seeded.roles,
    rolesScopes: rest.rolesScopes ?? seeded.rolesScopes,
    applicationsRoles: rest.applicationsRoles ?? [],
  };
  const appIds = new Set(state.applications.map(({ id }) => id));
  const grant = (applicationIds: string[] | undefined, role: RoleRow | undefined) => {
    for (const applicationId of applicationIds ?? []) {
      const linked = state.applicationsRoles.some(
        (link) => link.applicationId === applicationId && link.roleId === role?.id
      );
      if (role && appIds.has(applicationId) && !linked) {
        state.applicationsRoles.push(applicationRoleLink(applicationId, role.id));
      }
    }
  };
  // seedRbac's order: the internal admin role, then "Logto Management API access".
  const [internalAdminRole, accessRole] = seeded.roles;
  grant(managementApiAppIds, state.roles.find(({ name }) => name === accessRole!.name));
  grant(internalAdminAppIds, state.roles.find(({ id }) => id === internalAdminRole!.id));
  return state;
};

/**
 * A state file from another run may lack the configured M2M credentials, or their Management API
 * access, or have been written for another Management API indicator: make them the sandbox's.
 */
export const ensureM2mAccess = (
  state: StoreState,
  seeded: StoreState,
  { appId, appSecret }: M2mCredentials
) => {
  const [seededSecret] = seeded.applicationSecrets;
  if (!state.applications.some(({ id }) => id === appId)) {
    state.applications.push(...seeded.applications);
    state.applicationSecrets.push(seededSecret!);
  } else if (
    !state.applicationSecrets.some(
      (secret) => secret.applicationId === appId && secret.value === appSecret
    )
  ) {
    state.applicationSecrets.push({ ...seededSecret!, name: `Sandbox secret ${Date.now()}` });
  }

  // The Management API resource and its `all` scope (ids `management-api`, `management-api-all`).
  const [seededResource] = seeded.resources;
  const [seededScope] = seeded.scopes;
  const resource = state.resources.find(({ id }) => id === seededResource!.id);
  if (resource) {
    resource.indicator = seededResource!.indicator;
  } else {
    state.resources.push(seededResource!);
  }
  if (!state.scopes.some(({ id }) => id === seededScope!.id)) {
    state.scopes.push(seededScope!);
  }
  const holdsAll = (roleId: string) =>
    state.rolesScopes.some((link) => link.roleId === roleId && link.scopeId === seededScope!.id);
  const hasAccess = state.applicationsRoles.some(
    (link) => link.applicationId === appId && holdsAll(link.roleId)
  );
  if (hasAccess) {
    return;
  }
  // The role was deleted, or renamed and another took its name: seed it again.
  let accessRole = state.roles.find(
    ({ name, type }) => name === managementApiAccessRoleName && type === 'MachineToMachine'
  );
  if (!accessRole) {
    accessRole = seeded.roles.find(({ name }) => name === managementApiAccessRoleName)!;
    if (state.roles.some(({ name }) => name === accessRole!.name)) {
      accessRole = { ...accessRole, name: `${accessRole.name} (sandbox ${Date.now()})` };
    }
    state.roles.push(accessRole);
  }
  if (!holdsAll(accessRole.id)) {
    state.rolesScopes.push(roleLink(accessRole.id, seededScope!.id));
  }
  state.applicationsRoles.push(applicationRoleLink(appId, accessRole.id));
};
