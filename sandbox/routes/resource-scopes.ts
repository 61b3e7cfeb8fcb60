// /api/resources/:resourceId/scopes (packages/core/src/routes/resource.scope.ts, queries/scope.ts).
// PATCH and DELETE find the scope by its id alone: the resource in the path is only checked to
// exist and not to be the Management API, and to hold the name a renamed scope must not clash with.
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { findOrThrow, invalidInput, notExists, notFound, updateRow } from '../rbac';
import { parseSearch, searchFilter } from '../search';
import { tenantId, type ScopeRow } from '../store';

export const resourceScopeRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { Resources, Scopes, isManagementApi } = modules.schemas;
  const createGuard = Scopes.createGuard.pick({ name: true, description: true });
  const patchGuard = createGuard.partial();

  /** `findResourceById`, then refuse the Management API. */
  const modifiableResource = (resourceId: string) => {
    const { indicator } = findOrThrow(store.findResource(resourceId), Resources.table, resourceId);
    assertThat(
      !isManagementApi(indicator),
      new RequestError({ code: 'resource.cannot_modify_management_api' })
    );
  };

  /** `findScopeByNameAndResourceId`. */
  const assertNameFree = (name: string, resourceId: string, excludeScopeId?: string) => {
    assertThat(
      !store.state.scopes.some(
        (scope) =>
          scope.resourceId === resourceId && scope.name === name && scope.id !== excludeScopeId
      ),
      new RequestError({ code: 'scope.name_exists', name, status: 422 })
    );
  };

  const assertNoSpace = (name: string) => {
    assertThat(!/\s/.test(name), 'scope.name_with_space');
  };

  return [
    {
      method: 'GET',
      path: '/api/resources/:resourceId/scopes',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: false });
        const matches = searchFilter<ScopeRow>(parseSearch(request.url.searchParams), [
          'id',
          'name',
          'description',
        ]);
        // No lookup of the resource: an unknown one simply has no scopes.
        const scopes = store.state.scopes.filter(
          (scope) => scope.resourceId === request.params.resourceId && matches(scope)
        );
        const { items, headers } = paginate(scopes, pagination, request);
        return json(200, guardResponse(Scopes.guard.array(), items), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/resources/:resourceId/scopes',
      handler: async (request) => {
        const resourceId = request.params.resourceId!;
        const body = guardBody(request, createGuard);
        assertNoSpace(body.name);
        modifiableResource(resourceId);
        assertNameFree(body.name, resourceId);

        const scope: ScopeRow = {
          tenantId,
          id: generateStandardId(),
          resourceId,
          name: body.name,
          description: body.description ?? null,
          createdAt: Date.now(),
        };
        store.state.scopes.push(scope);
        store.save();
        return json(201, guardResponse(Scopes.guard, scope));
      },
    },
    {
      method: 'PATCH',
      path: '/api/resources/:resourceId/scopes/:scopeId',
      handler: async (request) => {
        const { resourceId, scopeId } = request.params;
        const body = guardBody(request, patchGuard);
        modifiableResource(resourceId!);
        if (body.name) {
          assertNoSpace(body.name);
          assertNameFree(body.name, resourceId!, scopeId);
        }
        // `updateScopeById`: an empty `set` fails before the row is looked for.
        assertThat(
          Object.values(body).some((value) => value !== undefined),
          invalidInput()
        );
        const scope = store.findScope(scopeId!);
        assertThat(scope, notExists(Scopes.tableSingular));
        updateRow(store, store.state.scopes, scope, body);
        store.save();
        return json(200, guardResponse(Scopes.guard, scope));
      },
    },
    {
      method: 'DELETE',
      path: '/api/resources/:resourceId/scopes/:scopeId',
      handler: async ({ params: { resourceId, scopeId } }) => {
        modifiableResource(resourceId!);
        assertThat(store.findScope(scopeId!), notFound());
        store.deleteScope(scopeId!);
        store.save();
        return noContent();
      },
    },
  ];
};
