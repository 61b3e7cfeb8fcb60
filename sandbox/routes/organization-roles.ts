// /api/organization-roles (packages/core/src/routes/organization-role/index.ts and the
// OrganizationRolesQueries of queries/organization/index.ts): a SchemaRouter over
// `organization_roles` with its own list (each role with its scopes, by name) and create (with
// initial scopes, in one transaction). Its `findById` is `pool.one`, so a missing role is 404
// `entity.not_found` on GET, not `entity.not_exists_with_id`.
import type { SandboxContext } from '../context';
import { assertThat } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import type { OrganizationRelations } from '../organization-relations';
import { paginate, readPagination } from '../pagination';
import { notFound } from '../rbac';
import { insertRelations, transaction, uniqueIntegrityViolation } from '../relations';
import { byName, updateById } from '../schema-router';
import { keywordFilter } from '../search';
import { tenantId, type OrganizationRoleRow } from '../store';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export const organizationRoleRoutes = (
  context: SandboxContext,
  relations: OrganizationRelations
): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { OrganizationRoles, organizationRoleWithScopesGuard } = schemas;
  const createGuard = OrganizationRoles.createGuard.omit({ id: true, tenantId: true }).extend({
    organizationScopeIds: z.array(z.string()).default([]),
    resourceScopeIds: z.array(z.string()).default([]),
  });
  // `type` is in the update guard: a role's type can change, whatever holds it.
  const patchGuard = OrganizationRoles.updateGuard.omit({ id: true, tenantId: true });
  const listQueryGuard = z.object({ q: z.string().optional() });

  /** `findById` is `pool.one(…)`: no row is a slonik NotFoundError, 404 `entity.not_found`. */
  const find = (id: string) => {
    const role = store.findOrganizationRole(id);
    assertThat(role, notFound());
    return role;
  };

  /** `organization_roles__name`: unique per tenant, case-sensitive. */
  const assertNameFree = (name: string, excludeId?: string) => {
    assertThat(
      !store.state.organizationRoles.some((role) => role.name === name && role.id !== excludeId),
      uniqueIntegrityViolation()
    );
  };

  /**
   * `#findWithScopesSql`: `json_agg(distinct jsonb_build_object('id', …))` sorts each list as
   * jsonb, by id first.
   */
  const withScopes = (role: OrganizationRoleRow) => {
    const { state } = store;
    const scopeIds = new Set(
      state.organizationRoleScopes
        .filter(({ organizationRoleId }) => organizationRoleId === role.id)
        .map(({ organizationScopeId }) => organizationScopeId)
    );
    const resourceScopeIds = new Set(
      state.organizationRoleResourceScopes
        .filter(({ organizationRoleId }) => organizationRoleId === role.id)
        .map(({ scopeId }) => scopeId)
    );
    return {
      ...role,
      scopes: state.organizationScopes
        .filter(({ id }) => scopeIds.has(id))
        .sort(byId)
        .map(({ id, name }) => ({ id, name })),
      resourceScopes: state.scopes
        .filter(({ id }) => resourceScopeIds.has(id))
        .sort(byId)
        .map(({ id, name, resourceId }) => {
          const resource = store.findResource(resourceId);
          return { id, name, resource: { id: resourceId, name: resource?.name } };
        }),
    };
  };

  return [
    {
      method: 'GET',
      path: '/api/organization-roles',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: false });
        const { q } = guardQuery(request, listQueryGuard);
        const roles = store.state.organizationRoles
          .filter(keywordFilter<OrganizationRoleRow>(q, ['id', 'name', 'description']))
          .sort(byName);
        const { items, headers } = paginate(roles, pagination, request);
        return json(
          200,
          guardResponse(organizationRoleWithScopesGuard.array(), items.map(withScopes)),
          headers
        );
      },
    },
    {
      // Atomic: an unknown scope id leaves no role behind.
      method: 'POST',
      path: '/api/organization-roles',
      handler: async (request) => {
        const { organizationScopeIds, resourceScopeIds, ...data } = guardBody(request, createGuard);
        assertNameFree(data.name);
        const role: OrganizationRoleRow = {
          tenantId,
          id: generateStandardId(),
          name: data.name,
          description: data.description ?? null,
          type: data.type ?? 'User',
        };
        transaction(store, () => {
          store.state.organizationRoles.push(role);
          if (organizationScopeIds.length > 0) {
            insertRelations(
              relations.rolesScopes,
              organizationScopeIds.map((organizationScopeId) => ({
                organizationRoleId: role.id,
                organizationScopeId,
              }))
            );
          }
          if (resourceScopeIds.length > 0) {
            insertRelations(
              relations.rolesResourceScopes,
              resourceScopeIds.map((scopeId) => ({ organizationRoleId: role.id, scopeId }))
            );
          }
        });
        store.save();
        return json(201, guardResponse(OrganizationRoles.guard, role));
      },
    },
    {
      method: 'GET',
      path: '/api/organization-roles/:id',
      handler: async ({ params: { id } }) =>
        json(200, guardResponse(OrganizationRoles.guard, find(id!))),
    },
    {
      method: 'PATCH',
      path: '/api/organization-roles/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, patchGuard);
        const role = updateById(
          store,
          store.state.organizationRoles,
          store.findOrganizationRole(id),
          body,
          OrganizationRoles.tableSingular,
          () => body.name && assertNameFree(body.name, id)
        );
        store.save();
        return json(200, guardResponse(OrganizationRoles.guard, role));
      },
    },
    {
      // The role leaves its scopes, JIT rules and the apps holding it (`on delete cascade`).
      method: 'DELETE',
      path: '/api/organization-roles/:id',
      handler: async ({ params: { id } }) => {
        assertThat(store.findOrganizationRole(id!), notFound());
        store.deleteOrganizationRole(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
