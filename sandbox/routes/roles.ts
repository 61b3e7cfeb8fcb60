// /api/roles (packages/core/src/routes/role.ts, queries/roles.ts, libraries/role-scope.ts).
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { findOrThrow, invalidInput, unmappedUniqueViolation, updateRow } from '../rbac';
import { parseSearch, searchFilter } from '../search';
import { tenantId, type RoleRow } from '../store';

/**
 * `validateRoleScopeAssignment` (libraries/role-scope.ts) and `insertRolesScopes`: scopes already
 * on the role first, then each scope must exist, and a User role takes no Management API scope.
 * Nothing is linked unless every id passes; an empty list is an empty SQL `values` list.
 */
export const linkRoleScopes = (
  context: SandboxContext,
  role: RoleRow,
  scopeIds: string[],
  { isNewRole }: { isNewRole: boolean }
) => {
  const { store, modules } = context;
  const { Scopes, Resources, RoleType, isManagementApi } = modules.schemas;
  if (!isNewRole) {
    const linked = new Set(store.scopesOfRole(role.id).map(({ id }) => id));
    for (const scopeId of scopeIds) {
      assertThat(
        !linked.has(scopeId),
        new RequestError({ code: 'role.scope_exists', status: 422, scopeId })
      );
    }
  }
  for (const scopeId of scopeIds) {
    const { resourceId } = findOrThrow(store.findScope(scopeId), Scopes.table, scopeId);
    if (role.type === RoleType.User) {
      const { indicator } = findOrThrow(store.findResource(resourceId), Resources.table, resourceId);
      assertThat(
        !isManagementApi(indicator),
        'role.management_api_scopes_not_assignable_to_user_role'
      );
    }
  }
  assertThat(scopeIds.length > 0, invalidInput());
  if (new Set(scopeIds).size < scopeIds.length) {
    throw unmappedUniqueViolation('roles_scopes__role_id_scope_id');
  }
  store.state.rolesScopes.push(
    ...scopeIds.map((scopeId) => ({ tenantId, id: generateStandardId(), roleId: role.id, scopeId }))
  );
};

export const roleRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Roles, internalRolePrefix, featuredApplicationGuard, featuredUserGuard } =
    schemas;
  const createGuard = Roles.createGuard
    .omit({ id: true })
    .extend({ scopeIds: z.string().min(1).array().optional() });
  const patchGuard = Roles.createGuard
    .pick({ name: true, description: true, isDefault: true })
    .partial();
  const listQueryGuard = z
    .object({ excludeUserId: z.string().optional(), excludeApplicationId: z.string().optional() })
    .merge(Roles.guard.pick({ type: true }).partial());
  const listItemGuard = Roles.guard.merge(
    z.object({
      usersCount: z.number(),
      featuredUsers: featuredUserGuard.array(),
      applicationsCount: z.number(),
      featuredApplications: featuredApplicationGuard.array(),
    })
  );

  const find = (id: string) => findOrThrow(store.findRole(id), Roles.table, id);

  const assertNameFree = (name: string, excludeRoleId?: string) => {
    assertThat(
      !store.findRoleByName(name, excludeRoleId),
      new RequestError({ code: 'role.name_in_use', name, status: 422 })
    );
  };

  /** The sandbox has no users; applications are counted from their role links. */
  const withFeatured = (role: RoleRow) => {
    const links = store.state.applicationsRoles.filter(({ roleId }) => roleId === role.id);
    const featuredIds = new Set(links.slice(0, 3).map(({ applicationId }) => applicationId));
    return {
      ...role,
      usersCount: 0,
      featuredUsers: [],
      applicationsCount: links.length,
      featuredApplications: store.state.applications
        .filter(({ id }) => featuredIds.has(id))
        .map(({ id, name, type }) => ({ id, name, type })),
    };
  };

  return [
    {
      method: 'GET',
      path: '/api/roles',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: false });
        const { type, excludeApplicationId } = guardQuery(request, listQueryGuard);
        const matches = searchFilter<RoleRow>(parseSearch(request.url.searchParams), [
          'id',
          'name',
          'description',
        ]);
        const excludeRoleIds = new Set(
          store.state.applicationsRoles
            .filter(({ applicationId }) => applicationId === excludeApplicationId)
            .map(({ roleId }) => roleId)
        );
        // Internal roles (`#internal:`) are never listed.
        const roles = store.state.roles.filter(
          (role) =>
            !role.name.startsWith(internalRolePrefix) &&
            !excludeRoleIds.has(role.id) &&
            (!type || role.type === type) &&
            matches(role)
        );
        const { items, headers } = paginate(roles, pagination, request);
        return json(200, guardResponse(listItemGuard.array(), items.map(withFeatured)), headers);
      },
    },
    {
      // Answers 200, not 201. Not atomic: the role is kept when its `scopeIds` are refused.
      method: 'POST',
      path: '/api/roles',
      handler: async (request) => {
        const { scopeIds, tenantId: _tenant, ...body } = guardBody(request, createGuard);
        assertNameFree(body.name);
        const role: RoleRow = {
          tenantId,
          id: generateStandardId(),
          name: body.name,
          description: body.description,
          type: body.type ?? 'User',
          isDefault: body.isDefault ?? false,
        };
        store.state.roles.push(role);
        store.save();
        if (scopeIds) {
          linkRoleScopes(context, role, scopeIds, { isNewRole: true });
          store.save();
        }
        return json(200, guardResponse(Roles.guard, role));
      },
    },
    {
      method: 'GET',
      path: '/api/roles/:id',
      handler: async ({ params: { id } }) => json(200, guardResponse(Roles.guard, find(id!))),
    },
    {
      // `type` is not in the guard: it is dropped like any unknown key.
      method: 'PATCH',
      path: '/api/roles/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, patchGuard);
        const role = find(id);
        if (body.name) {
          assertNameFree(body.name, id);
        }
        updateRow(store, store.state.roles, role, body);
        store.save();
        return json(200, guardResponse(Roles.guard, role));
      },
    },
    {
      method: 'DELETE',
      path: '/api/roles/:id',
      handler: async ({ params: { id } }) => {
        find(id!);
        store.deleteRole(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
