// /api/organization-scopes (packages/core/src/routes/organization-scope/index.ts): a SchemaRouter
// over `organization_scopes`, listed by name (queries/organization/index.ts) and searched by name.
// Unlike resource scopes, a name may hold spaces; names are unique in the tenant.
import type { SandboxContext } from '../context';
import { assertThat } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { findOrThrow, notFound } from '../rbac';
import { uniqueIntegrityViolation } from '../relations';
import { byName, updateById } from '../schema-router';
import { keywordFilter } from '../search';
import { tenantId, type OrganizationScopeRow } from '../store';

export const organizationScopeRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { OrganizationScopes } = schemas;
  // The tenant is the row's own; ids are not renamed by the sandbox.
  const createGuard = OrganizationScopes.createGuard.omit({ id: true, tenantId: true });
  const patchGuard = OrganizationScopes.updateGuard.omit({ id: true, tenantId: true });
  const listQueryGuard = z.object({ q: z.string().optional() });

  const find = (id: string) =>
    findOrThrow(store.findOrganizationScope(id), OrganizationScopes.table, id);

  /** `organization_scopes__name`: unique per tenant, case-sensitive. */
  const assertNameFree = (name: string, excludeId?: string) => {
    assertThat(
      !store.state.organizationScopes.some((scope) => scope.name === name && scope.id !== excludeId),
      uniqueIntegrityViolation()
    );
  };

  return [
    {
      method: 'GET',
      path: '/api/organization-scopes',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: true });
        const { q } = guardQuery(request, listQueryGuard);
        const scopes = store.state.organizationScopes
          .filter(keywordFilter<OrganizationScopeRow>(q, ['name']))
          .sort(byName);
        const { items, headers } = paginate(scopes, pagination, request);
        return json(200, guardResponse(OrganizationScopes.guard.array(), items), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/organization-scopes',
      handler: async (request) => {
        const body = guardBody(request, createGuard);
        assertNameFree(body.name);
        const scope: OrganizationScopeRow = {
          tenantId,
          id: generateStandardId(),
          name: body.name,
          description: body.description ?? null,
        };
        store.state.organizationScopes.push(scope);
        store.save();
        return json(201, guardResponse(OrganizationScopes.guard, scope));
      },
    },
    {
      method: 'GET',
      path: '/api/organization-scopes/:id',
      handler: async ({ params: { id } }) =>
        json(200, guardResponse(OrganizationScopes.guard, find(id!))),
    },
    {
      method: 'PATCH',
      path: '/api/organization-scopes/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, patchGuard);
        const scope = updateById(
          store,
          store.state.organizationScopes,
          store.findOrganizationScope(id),
          body,
          OrganizationScopes.tableSingular,
          () => body.name && assertNameFree(body.name, id)
        );
        store.save();
        return json(200, guardResponse(OrganizationScopes.guard, scope));
      },
    },
    {
      // `deleteById`; the scope leaves the roles holding it (`on delete cascade`).
      method: 'DELETE',
      path: '/api/organization-scopes/:id',
      handler: async ({ params: { id } }) => {
        assertThat(store.findOrganizationScope(id!), notFound());
        store.deleteOrganizationScope(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
