// In-memory tables of the sandbox tenant, optionally persisted to a JSON file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export const tenantId = 'default';

type Row = Record<string, unknown>;

export type ApplicationRow = Row & {
  id: string;
  type: string;
  secret: string;
  createdAt: number;
  isThirdParty: boolean;
  customClientMetadata: Row;
};
export type ApplicationSecretRow = Row & {
  applicationId: string;
  name: string;
  value: string;
  createdAt: number;
  expiresAt: number | null;
};
export type ConnectorRow = Row & {
  id: string;
  connectorId: string;
  config: Row;
  metadata: Row;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  createdAt: number;
};
export type SsoConnectorRow = Row & {
  id: string;
  providerName: string;
  connectorName: string;
  config: Row;
  domains: string[];
  createdAt: number;
};

export type ResourceRow = Row & {
  id: string;
  name: string;
  indicator: string;
  isDefault: boolean;
  accessTokenTtl: number;
};
export type ScopeRow = Row & {
  id: string;
  resourceId: string;
  name: string;
  description: string | null;
  createdAt: number;
};
export type RoleRow = Row & {
  id: string;
  name: string;
  description: string;
  type: 'User' | 'MachineToMachine';
  isDefault: boolean;
};
export type RolesScopeRow = { tenantId: string; id: string; roleId: string; scopeId: string };
export type ApplicationsRoleRow = {
  tenantId: string;
  id: string;
  applicationId: string;
  roleId: string;
};

export type OrganizationScopeRow = Row & { id: string; name: string; description: string | null };
export type OrganizationRoleRow = Row & {
  id: string;
  name: string;
  description: string | null;
  type: 'User' | 'MachineToMachine';
};
export type OrganizationRow = Row & {
  id: string;
  name: string;
  description: string | null;
  customData: Row;
  isMfaRequired: boolean;
  color: Row;
  branding: Row;
  customCss: string | null;
  createdAt: number;
};
// Relation tables: their primary key is every id column (with the tenant).
export type OrganizationRoleScopeRow = {
  tenantId: string;
  organizationRoleId: string;
  organizationScopeId: string;
};
export type OrganizationRoleResourceScopeRow = {
  tenantId: string;
  organizationRoleId: string;
  scopeId: string;
};
export type OrganizationJitEmailDomainRow = {
  tenantId: string;
  organizationId: string;
  emailDomain: string;
};
export type OrganizationJitRoleRow = {
  tenantId: string;
  organizationId: string;
  organizationRoleId: string;
};
export type OrganizationJitSsoConnectorRow = {
  tenantId: string;
  organizationId: string;
  ssoConnectorId: string;
};
export type OrganizationApplicationRow = {
  tenantId: string;
  organizationId: string;
  applicationId: string;
};
export type OrganizationRoleApplicationRow = {
  tenantId: string;
  organizationId: string;
  organizationRoleId: string;
  applicationId: string;
};

/** A row of `custom_phrases`: one translation tree per language tag. */
export type CustomPhraseRow = {
  tenantId: string;
  id: string;
  languageTag: string;
  translation: Row;
};

/**
 * The tables. Rows of resources, scopes and roles keep Postgres' heap order: insertion order,
 * except that an updated row moves to the end (an UPDATE writes a new row version), which is
 * why Logto lists them in "no stable order".
 */
export type StoreState = {
  applications: ApplicationRow[];
  applicationSecrets: ApplicationSecretRow[];
  connectors: ConnectorRow[];
  ssoConnectors: SsoConnectorRow[];
  signInExperience: Row;
  resources: ResourceRow[];
  scopes: ScopeRow[];
  roles: RoleRow[];
  rolesScopes: RolesScopeRow[];
  /** Also holds the deprecated `#internal:admin` role of `PATCH /api/applications/:id { isAdmin }`. */
  applicationsRoles: ApplicationsRoleRow[];
  // The organization template, organizations and their relations (packages/schemas/tables/organization*.sql).
  organizationScopes: OrganizationScopeRow[];
  organizationRoles: OrganizationRoleRow[];
  organizationRoleScopes: OrganizationRoleScopeRow[];
  organizationRoleResourceScopes: OrganizationRoleResourceScopeRow[];
  organizations: OrganizationRow[];
  organizationJitEmailDomains: OrganizationJitEmailDomainRow[];
  organizationJitRoles: OrganizationJitRoleRow[];
  organizationJitSsoConnectors: OrganizationJitSsoConnectorRow[];
  organizationApplications: OrganizationApplicationRow[];
  organizationRoleApplications: OrganizationRoleApplicationRow[];
  customPhrases: CustomPhraseRow[];
  /** The tenant's token signing key: tokens stay valid across restarts with a state file. */
  signingKeyPem: string;
};

/** The tables a state file written before the sandbox had organizations lacks. */
export const organizationTables = [
  'organizationScopes',
  'organizationRoles',
  'organizationRoleScopes',
  'organizationRoleResourceScopes',
  'organizations',
  'organizationJitEmailDomains',
  'organizationJitRoles',
  'organizationJitSsoConnectors',
  'organizationApplications',
  'organizationRoleApplications',
] as const satisfies ReadonlyArray<keyof StoreState>;

/**
 * What a state file written by an older sandbox holds instead of the RBAC, organization and
 * custom phrase tables.
 */
export type LegacyStoreState = Omit<
  StoreState,
  | 'customPhrases'
  | 'resources'
  | 'scopes'
  | 'roles'
  | 'rolesScopes'
  | 'applicationsRoles'
  | (typeof organizationTables)[number]
> &
  Partial<StoreState> & {
    /** Apps that held the "Logto Management API access" role. */
    managementApiAppIds?: string[];
    /** Apps given the internal admin role through `PATCH { isAdmin: true }`. */
    internalAdminAppIds?: string[];
  };

export type StoreOptions = {
  seed: () => StoreState;
  /** Brings a state file written by an older sandbox to the current tables. */
  upgrade: (loaded: LegacyStoreState) => StoreState;
  stateFile?: string;
};

const byId = <T extends { id: string }>(rows: T[], id: string) => rows.find((row) => row.id === id);

export class Store {
  state: StoreState;

  constructor(private readonly options: StoreOptions) {
    const { stateFile } = options;
    this.state =
      stateFile && existsSync(stateFile)
        ? options.upgrade(JSON.parse(readFileSync(stateFile, 'utf8')) as LegacyStoreState)
        : options.seed();
    this.save();
  }

  reset() {
    this.state = this.options.seed();
    this.save();
  }

  /** Called after every successful write, so a restart sees what clients saw. */
  save() {
    const { stateFile } = this.options;
    if (!stateFile) {
      return;
    }
    const temporary = `${stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, stateFile);
  }

  /** `order by created_at desc`; among equal timestamps the newer insert first. */
  applicationsNewestFirst() {
    return [...this.state.applications].reverse().sort((a, b) => b.createdAt - a.createdAt);
  }

  findApplication(id: string) {
    return this.state.applications.find((application) => application.id === id);
  }

  /** `order by id asc` (packages/core/src/queries/connector.ts). */
  connectorsById() {
    return [...this.state.connectors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  findResource(id: string) {
    return byId(this.state.resources, id);
  }

  findScope(id: string) {
    return byId(this.state.scopes, id);
  }

  findRole(id: string) {
    return byId(this.state.roles, id);
  }

  /** `roles__name` is unique per tenant, across role types and internal roles. */
  findRoleByName(name: string, excludeRoleId?: string) {
    return this.state.roles.find((role) => role.name === name && role.id !== excludeRoleId);
  }

  /** Postgres heap order: the new version of an updated row comes last. */
  touch<T>(rows: T[], row: T) {
    const index = rows.indexOf(row);
    if (index !== -1) {
      rows.splice(index, 1);
      rows.push(row);
    }
  }

  /** Scope ids of a role, then the scopes in table order (`where id in (...)`). */
  scopesOfRole(roleId: string) {
    const scopeIds = new Set(
      this.state.rolesScopes.filter((link) => link.roleId === roleId).map(({ scopeId }) => scopeId)
    );
    return this.state.scopes.filter(({ id }) => scopeIds.has(id));
  }

  /** The application's role links joined with their roles (`findApplicationsRolesByApplicationId`). */
  rolesOfApplication(applicationId: string) {
    return this.state.applicationsRoles
      .filter((link) => link.applicationId === applicationId)
      .flatMap((link) => {
        const role = this.findRole(link.roleId);
        return role ? [{ ...link, role }] : [];
      });
  }

  /** Names of the scopes of `indicator`'s resource that the application holds through its roles. */
  applicationScopeNames(applicationId: string, indicator: string) {
    const resource = this.state.resources.find((row) => row.indicator === indicator);
    if (!resource) {
      return new Set<string>();
    }
    return new Set(
      this.rolesOfApplication(applicationId)
        .flatMap(({ roleId }) => this.scopesOfRole(roleId))
        .filter(({ resourceId }) => resourceId === resource.id)
        .map(({ name }) => name)
    );
  }

  // The `on delete cascade` foreign keys of packages/schemas/tables/*.sql.

  deleteScope(id: string) {
    const { state } = this;
    state.scopes = state.scopes.filter((scope) => scope.id !== id);
    state.rolesScopes = state.rolesScopes.filter(({ scopeId }) => scopeId !== id);
    state.organizationRoleResourceScopes = state.organizationRoleResourceScopes.filter(
      ({ scopeId }) => scopeId !== id
    );
  }

  deleteResource(id: string) {
    const { state } = this;
    for (const scope of state.scopes.filter(({ resourceId }) => resourceId === id)) {
      this.deleteScope(scope.id);
    }
    state.resources = state.resources.filter((resource) => resource.id !== id);
  }

  deleteRole(id: string) {
    const { state } = this;
    state.roles = state.roles.filter((role) => role.id !== id);
    state.rolesScopes = state.rolesScopes.filter(({ roleId }) => roleId !== id);
    state.applicationsRoles = state.applicationsRoles.filter(({ roleId }) => roleId !== id);
  }

  deleteApplication(id: string) {
    const { state } = this;
    state.applications = state.applications.filter((application) => application.id !== id);
    state.applicationSecrets = state.applicationSecrets.filter(
      ({ applicationId }) => applicationId !== id
    );
    state.applicationsRoles = state.applicationsRoles.filter(
      ({ applicationId }) => applicationId !== id
    );
    this.removeOrganizationApplications((row) => row.applicationId === id);
  }

  deleteSsoConnector(id: string) {
    const { state } = this;
    state.ssoConnectors = state.ssoConnectors.filter((connector) => connector.id !== id);
    state.organizationJitSsoConnectors = state.organizationJitSsoConnectors.filter(
      ({ ssoConnectorId }) => ssoConnectorId !== id
    );
  }

  findOrganization(id: string) {
    return byId(this.state.organizations, id);
  }

  findOrganizationRole(id: string) {
    return byId(this.state.organizationRoles, id);
  }

  findOrganizationScope(id: string) {
    return byId(this.state.organizationScopes, id);
  }

  findCustomPhrase(languageTag: string) {
    return this.state.customPhrases.find((phrase) => phrase.languageTag === languageTag);
  }

  findSsoConnector(id: string) {
    return byId(this.state.ssoConnectors, id);
  }

  /** Drops memberships of apps in organizations, and with them the apps' roles there. */
  removeOrganizationApplications(isRemoved: (row: OrganizationApplicationRow) => boolean) {
    const { state } = this;
    const removed = state.organizationApplications.filter(isRemoved);
    state.organizationApplications = state.organizationApplications.filter((row) => !isRemoved(row));
    this.cascadeOrganizationApplications(removed);
  }

  /**
   * The composite foreign key of `organization_role_application_relations` on the membership, `on
   * delete cascade`: a membership row deleted takes the app's roles in that organization.
   */
  cascadeOrganizationApplications(removed: OrganizationApplicationRow[]) {
    const { state } = this;
    state.organizationRoleApplications = state.organizationRoleApplications.filter(
      (role) =>
        !removed.some(
          (member) =>
            member.organizationId === role.organizationId &&
            member.applicationId === role.applicationId
        )
    );
  }

  deleteOrganizationScope(id: string) {
    const { state } = this;
    state.organizationScopes = state.organizationScopes.filter((scope) => scope.id !== id);
    state.organizationRoleScopes = state.organizationRoleScopes.filter(
      ({ organizationScopeId }) => organizationScopeId !== id
    );
  }

  deleteOrganizationRole(id: string) {
    const { state } = this;
    const isOther = ({ organizationRoleId }: { organizationRoleId: string }) =>
      organizationRoleId !== id;
    state.organizationRoles = state.organizationRoles.filter((role) => role.id !== id);
    state.organizationRoleScopes = state.organizationRoleScopes.filter(isOther);
    state.organizationRoleResourceScopes = state.organizationRoleResourceScopes.filter(isOther);
    state.organizationJitRoles = state.organizationJitRoles.filter(isOther);
    state.organizationRoleApplications = state.organizationRoleApplications.filter(isOther);
  }

  deleteOrganization(id: string) {
    const { state } = this;
    const isOther = ({ organizationId }: { organizationId: string }) => organizationId !== id;
    state.organizations = state.organizations.filter((organization) => organization.id !== id);
    state.organizationJitEmailDomains = state.organizationJitEmailDomains.filter(isOther);
    state.organizationJitRoles = state.organizationJitRoles.filter(isOther);
    state.organizationJitSsoConnectors = state.organizationJitSsoConnectors.filter(isOther);
    this.removeOrganizationApplications((row) => row.organizationId === id);
  }
}
