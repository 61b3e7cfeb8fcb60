// /api/applications/:id/roles (packages/core/src/routes/applications/application-role.ts):
// machine-to-machine apps only, and only MachineToMachine roles.
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { dbConstraintViolated, findOrThrow, notFound } from '../rbac';
import { parseSearch, searchFilter } from '../search';
import { tenantId, type RoleRow } from '../store';

export const applicationRoleRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Applications, Roles, ApplicationType, RoleType, internalRolePrefix } = schemas;
  const roleIdsGuard = z.object({ roleIds: z.string().min(1).array() });

  const findM2mApplication = (id: string) => {
    const application = findOrThrow(store.findApplication(id), Applications.table, id);
    assertThat(
      application.type === ApplicationType.MachineToMachine,
      new RequestError({ code: 'application.invalid_type', status: 422 })
    );
    return application;
  };

  const linkedRoleIds = (applicationId: string) =>
    new Set(store.rolesOfApplication(applicationId).map(({ roleId }) => roleId));

  const link = (applicationId: string, roleIds: string[]) => {
    store.state.applicationsRoles.push(
      ...roleIds.map((roleId) => ({ tenantId, id: generateStandardId(), applicationId, roleId }))
    );
  };

  return [
    {
      // `findRoles` with the app's role ids: internal roles are left out.
      method: 'GET',
      path: '/api/applications/:id/roles',
      handler: async (request) => {
        const id = request.params.id!;
        const pagination = readPagination(request, { isOptional: false });
        findM2mApplication(id);
        const matches = searchFilter<RoleRow>(parseSearch(request.url.searchParams), [
          'id',
          'name',
          'description',
        ]);
        const roleIds = linkedRoleIds(id);
        const roles = store.state.roles.filter(
          (role) =>
            !role.name.startsWith(internalRolePrefix) &&
            roleIds.has(role.id) &&
            role.type === RoleType.MachineToMachine &&
            matches(role)
        );
        const { items, headers } = paginate(roles, pagination, request);
        return json(200, guardResponse(Roles.guard.array(), items), headers);
      },
    },
    {
      // 201 `{ roleIds, addedRoleIds }`: roles the app already holds are skipped, not refused.
      method: 'POST',
      path: '/api/applications/:id/roles',
      handler: async (request) => {
        const id = request.params.id!;
        const { roleIds } = guardBody(request, roleIdsGuard);
        findM2mApplication(id);
        const requested = new Set(roleIds);
        for (const role of store.state.roles.filter(({ id: roleId }) => requested.has(roleId))) {
          assertThat(
            role.type === RoleType.MachineToMachine,
            new RequestError({ code: 'application.invalid_role_type', status: 422 })
          );
        }
        for (const roleId of roleIds) {
          findOrThrow(store.findRole(roleId), Roles.table, roleId);
        }
        const linked = linkedRoleIds(id);
        const addedRoleIds = [...requested].filter((roleId) => !linked.has(roleId));
        link(id, addedRoleIds);
        store.save();
        return json(201, { roleIds, addedRoleIds });
      },
    },
    {
      // 200 with koa's default text `OK`. Not atomic: the roles to drop are gone before the new
      // ones meet the `applications_roles__role_type` check constraint.
      method: 'PUT',
      path: '/api/applications/:id/roles',
      handler: async (request) => {
        const id = request.params.id!;
        const { roleIds } = guardBody(request, roleIdsGuard);
        findM2mApplication(id);
        const wanted = new Set(roleIds);
        const linked = linkedRoleIds(id);
        const toAdd = [...wanted].filter((roleId) => !linked.has(roleId));
        const roles = toAdd.map((roleId) => findOrThrow(store.findRole(roleId), Roles.table, roleId));

        store.state.applicationsRoles = store.state.applicationsRoles.filter(
          (row) => row.applicationId !== id || wanted.has(row.roleId)
        );
        store.save();
        assertThat(
          roles.every(({ type }) => type === RoleType.MachineToMachine),
          dbConstraintViolated()
        );
        link(id, toAdd);
        store.save();
        return { status: 200, text: 'OK' };
      },
    },
    {
      method: 'DELETE',
      path: '/api/applications/:id/roles/:roleId',
      handler: async ({ params: { id, roleId } }) => {
        findM2mApplication(id!);
        const { state } = store;
        const remaining = state.applicationsRoles.filter(
          (row) => !(row.applicationId === id && row.roleId === roleId)
        );
        assertThat(remaining.length < state.applicationsRoles.length, notFound());
        state.applicationsRoles = remaining;
        store.save();
        return noContent();
      },
    },
  ];
};
