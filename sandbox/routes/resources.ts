// /api/resources (packages/core/src/routes/resource.ts, queries/resource.ts).
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { assertBigint, findOrThrow, notExists, updateRow } from '../rbac';
import { tenantId, type ResourceRow } from '../store';

/** `yes()` of @silverhand/essentials, which reads `includeScopes`. */
const yes = (value: string | undefined) =>
  Boolean(value) && ['1', 'true', 'y', 'yes', 'yep', 'yeah'].includes(value!.toLowerCase());

export const resourceRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Resources, Scopes, isManagementApi } = schemas;
  // `isDefault` is left out on purpose: `PATCH /resources/:id/is-default` changes other rows.
  const createGuard = Resources.createGuard.omit({ id: true, isDefault: true });
  const patchGuard = Resources.createGuard
    .omit({ id: true, indicator: true, isDefault: true })
    .partial();
  const isDefaultGuard = z.object({ isDefault: z.boolean() });
  const listQueryGuard = z.object({ includeScopes: z.string().optional() });
  const withScopesGuard = Resources.guard.extend({ scopes: Scopes.guard.array().optional() });

  const find = (id: string) => findOrThrow(store.findResource(id), Resources.table, id);

  /** `attachScopesToResources` (packages/core/src/utils/resource.ts). */
  const withScopes = (resources: ResourceRow[]) =>
    resources.map((resource) => ({
      ...resource,
      scopes: store.state.scopes.filter(({ resourceId }) => resourceId === resource.id),
    }));

  return [
    {
      method: 'GET',
      path: '/api/resources',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: true });
        const { includeScopes } = guardQuery(request, listQueryGuard);
        const { items, headers } = paginate(store.state.resources, pagination, request);
        const body = yes(includeScopes) ? withScopes(items) : items;
        return json(200, guardResponse(withScopesGuard.array(), body), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/resources',
      handler: async (request) => {
        const body = guardBody(request, createGuard);
        const { indicator } = body;
        assertThat(
          !store.state.resources.some((resource) => resource.indicator === indicator),
          new RequestError({ code: 'resource.resource_identifier_in_use', indicator, status: 422 })
        );
        assertBigint(body.accessTokenTtl);

        const resource: ResourceRow = {
          tenantId,
          id: generateStandardId(),
          name: body.name,
          indicator,
          isDefault: false,
          accessTokenTtl: body.accessTokenTtl ?? 3600,
        };
        store.state.resources.push(resource);
        store.save();
        return json(201, guardResponse(withScopesGuard, { ...resource, scopes: [] }));
      },
    },
    {
      method: 'GET',
      path: '/api/resources/:id',
      handler: async ({ params: { id } }) => json(200, guardResponse(Resources.guard, find(id!))),
    },
    {
      method: 'PATCH',
      path: '/api/resources/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, patchGuard);
        const resource = find(id);
        assertThat(
          !isManagementApi(resource.indicator),
          new RequestError({ code: 'resource.cannot_modify_management_api' })
        );
        // `tenantId` is in the guard, but the row keeps the tenant it belongs to.
        const { tenantId: _tenant, ...set } = body;
        assertBigint(set.accessTokenTtl);
        updateRow(store, store.state.resources, resource, set);
        store.save();
        return json(200, guardResponse(Resources.guard, resource));
      },
    },
    {
      method: 'PATCH',
      path: '/api/resources/:id/is-default',
      handler: async (request) => {
        const id = request.params.id!;
        const { isDefault } = guardBody(request, isDefaultGuard);
        if (isDefault) {
          // `setDefaultResource`: one transaction clears the old default, then sets this one, and
          // fails as an update of no row.
          const resource = store.findResource(id);
          assertThat(resource, notExists(Resources.tableSingular));
          for (const other of store.state.resources.filter((row) => row.isDefault)) {
            updateRow(store, store.state.resources, other, { isDefault: false });
          }
          updateRow(store, store.state.resources, resource, { isDefault });
          store.save();
          return json(200, guardResponse(Resources.guard, resource));
        }
        const resource = updateRow(store, store.state.resources, find(id), { isDefault });
        store.save();
        return json(200, guardResponse(Resources.guard, resource));
      },
    },
    {
      method: 'DELETE',
      path: '/api/resources/:id',
      handler: async ({ params: { id } }) => {
        const resource = find(id!);
        assertThat(
          !isManagementApi(resource.indicator),
          new RequestError({ code: 'resource.cannot_delete_management_api' })
        );
        store.deleteResource(resource.id);
        store.save();
        return noContent();
      },
    },
  ];
};
