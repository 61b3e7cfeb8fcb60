// /api/roles/:id/scopes (packages/core/src/routes/role.scope.ts, libraries/role-scope.ts).
import type { SandboxContext } from '../context';
import { assertThat } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { paginate, readPagination } from '../pagination';
import { findOrThrow, notFound } from '../rbac';
import { parseSearch, searchFilter } from '../search';
import type { ScopeRow } from '../store';
import { linkRoleScopes } from './roles';

export const roleScopeRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Roles, Scopes, scopeResponseGuard } = schemas;
  const linkGuard = z.object({ scopeIds: z.string().min(1).array().nonempty() });

  const findRole = (id: string) => findOrThrow(store.findRole(id), Roles.table, id);

  return [
    {
      // Each scope comes with its whole resource (`attachResourceToScopes`).
      method: 'GET',
      path: '/api/roles/:id/scopes',
      handler: async (request) => {
        const id = request.params.id!;
        const pagination = readPagination(request, { isOptional: true });
        findRole(id);
        const matches = searchFilter<ScopeRow>(parseSearch(request.url.searchParams), [
          'id',
          'name',
          'description',
        ]);
        const scopes = store.scopesOfRole(id).filter(matches);
        const { items, headers } = paginate(scopes, pagination, request);
        const body = items.map((scope) => ({
          ...scope,
          resource: store.findResource(scope.resourceId),
        }));
        return json(200, guardResponse(scopeResponseGuard.array(), body), headers);
      },
    },
    {
      // 201 with every scope of the role, without their resources.
      method: 'POST',
      path: '/api/roles/:id/scopes',
      handler: async (request) => {
        const id = request.params.id!;
        const { scopeIds } = guardBody(request, linkGuard);
        const role = findRole(id);
        linkRoleScopes(context, role, scopeIds, { isNewRole: false });
        store.save();
        return json(201, guardResponse(Scopes.guard.array(), store.scopesOfRole(id)));
      },
    },
    {
      // No lookup of the role: a link that is not there is a delete of no row.
      method: 'DELETE',
      path: '/api/roles/:id/scopes/:scopeId',
      handler: async ({ params: { id, scopeId } }) => {
        const { state } = store;
        const remaining = state.rolesScopes.filter(
          (link) => !(link.roleId === id && link.scopeId === scopeId)
        );
        assertThat(remaining.length < state.rolesScopes.length, notFound());
        state.rolesScopes = remaining;
        store.save();
        return noContent();
      },
    },
  ];
};
