// /api/organization-roles/:id/scopes and /:id/resource-scopes: the two `addRelationRoutes` of
// packages/core/src/routes/organization-role/index.ts. The body keys come from the related
// tables: `organizationScopeIds` for organization scopes, `scopeIds` for resource scopes.
import type { SandboxContext } from '../context';
import { assertThat } from '../errors';
import type { Route } from '../http';
import type { OrganizationRelations } from '../organization-relations';
import { notFound } from '../rbac';
import { relationRoutes } from '../schema-router';

export const organizationRoleScopeRoutes = (
  context: SandboxContext,
  relations: OrganizationRelations
): Route[] => {
  const { store, modules } = context;
  const { OrganizationScopes, Scopes } = modules.schemas;
  const prefix = '/api/organization-roles';
  /** The org role queries' `findById` (`pool.one`): 404 `entity.not_found`. */
  const findById = (id: string) => assertThat(store.findOrganizationRole(id), notFound());

  return [
    ...relationRoutes({
      context,
      prefix,
      pathname: 'scopes',
      table: relations.rolesScopes,
      schemaId: 'organizationRoleId',
      relationSchemaId: 'organizationScopeId',
      findById,
      findRelated: (id) => store.findOrganizationScope(id),
      relatedGuard: OrganizationScopes.guard,
      isPaginationOptional: true,
    }),
    ...relationRoutes({
      context,
      prefix,
      pathname: 'resource-scopes',
      table: relations.rolesResourceScopes,
      schemaId: 'organizationRoleId',
      relationSchemaId: 'scopeId',
      findById,
      findRelated: (id) => store.findScope(id),
      relatedGuard: Scopes.guard,
      isPaginationOptional: true,
    }),
  ];
};
