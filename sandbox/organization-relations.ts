// The organization relation tables (packages/schemas/tables/organization_*.sql) as Logto's
// OrganizationQueries uses them (packages/core/src/queries/organization/index.ts: `relations` and
// `jit`): their foreign keys, the role and application type check constraints and the cascade of
// an app's membership to its roles in the organization.
import type { SandboxContext } from './context';
import type { RelationTable } from './relations';
import type {
  OrganizationApplicationRow,
  OrganizationJitEmailDomainRow,
  OrganizationJitRoleRow,
  OrganizationJitSsoConnectorRow,
  OrganizationRoleApplicationRow,
  OrganizationRoleResourceScopeRow,
  OrganizationRoleScopeRow,
  StoreState,
} from './store';

export type OrganizationRelations = ReturnType<typeof organizationRelations>;

export const organizationRelations = (context: SandboxContext) => {
  const { store, modules } = context;
  const { ApplicationType, RoleType } = modules.schemas;

  /** Reads and writes one table of the store, whose arrays are replaced on reset. */
  const tableOf = <Key extends keyof StoreState>(key: Key) => ({
    rows: () => store.state[key],
    setRows: (rows: StoreState[Key]) => {
      store.state[key] = rows;
    },
  });

  /** Ids are `varchar(21)`; SSO connector ids and email domains `varchar(128)`. */
  const id = 21;
  const long = 128;

  const organizationExists = ({ organizationId }: { organizationId: string }) =>
    Boolean(store.findOrganization(organizationId));
  const organizationRoleExists = ({ organizationRoleId }: { organizationRoleId: string }) =>
    Boolean(store.findOrganizationRole(organizationRoleId));

  return {
    /** `organization_role_scope_relations`. */
    rolesScopes: {
      ...tableOf('organizationRoleScopes'),
      lengths: { organizationRoleId: id, organizationScopeId: id },
      references: [
        organizationRoleExists,
        ({ organizationScopeId }) => Boolean(store.findOrganizationScope(organizationScopeId)),
      ],
    } satisfies RelationTable<OrganizationRoleScopeRow>,
    /** `organization_role_resource_scope_relations`. */
    rolesResourceScopes: {
      ...tableOf('organizationRoleResourceScopes'),
      lengths: { organizationRoleId: id, scopeId: id },
      references: [organizationRoleExists, ({ scopeId }) => Boolean(store.findScope(scopeId))],
    } satisfies RelationTable<OrganizationRoleResourceScopeRow>,
    /** `organization_jit_email_domains`: a plain table, but replaced like a relation. */
    jitEmailDomains: {
      ...tableOf('organizationJitEmailDomains'),
      lengths: { organizationId: id, emailDomain: long },
      references: [organizationExists],
    } satisfies RelationTable<OrganizationJitEmailDomainRow>,
    /** `organization_jit_roles`: any role type is allowed. */
    jitRoles: {
      ...tableOf('organizationJitRoles'),
      lengths: { organizationId: id, organizationRoleId: id },
      references: [organizationExists, organizationRoleExists],
    } satisfies RelationTable<OrganizationJitRoleRow>,
    /** `organization_jit_sso_connectors`. */
    jitSsoConnectors: {
      ...tableOf('organizationJitSsoConnectors'),
      lengths: { organizationId: id, ssoConnectorId: long },
      references: [
        organizationExists,
        ({ ssoConnectorId }) => Boolean(store.findSsoConnector(ssoConnectorId)),
      ],
    } satisfies RelationTable<OrganizationJitSsoConnectorRow>,
    /** `organization_application_relations`, with its `application_type` check constraint. */
    apps: {
      ...tableOf('organizationApplications'),
      lengths: { organizationId: id, applicationId: id },
      references: [
        organizationExists,
        ({ applicationId }) => Boolean(store.findApplication(applicationId)),
      ],
      check: ({ applicationId }) => {
        const application = store.findApplication(applicationId);
        return application && application.type === ApplicationType.MachineToMachine;
      },
      onDelete: (removed) => {
        store.cascadeOrganizationApplications(removed);
      },
    } satisfies RelationTable<OrganizationApplicationRow>,
    /**
     * `organization_role_application_relations`: the role must exist and be a MachineToMachine
     * role (`organization_role_application_relations__role_type`), and the app must be a member
     * of the organization (a composite foreign key on the membership).
     */
    appsRoles: {
      ...tableOf('organizationRoleApplications'),
      lengths: { organizationId: id, organizationRoleId: id, applicationId: id },
      references: [
        organizationRoleExists,
        ({ organizationId, applicationId }) =>
          store.state.organizationApplications.some(
            (member) =>
              member.organizationId === organizationId && member.applicationId === applicationId
          ),
      ],
      check: ({ organizationRoleId }) => {
        const role = store.findOrganizationRole(organizationRoleId);
        return role && role.type === RoleType.MachineToMachine;
      },
    } satisfies RelationTable<OrganizationRoleApplicationRow>,
  };
};
