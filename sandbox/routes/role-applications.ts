// /api/roles/:id/applications (packages/core/src/routes/role.application.ts,
// queries/applications-roles.ts). The User-role refusal is the `applications_roles__role_type`
// check constraint, not a named error.
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { dbConstraintViolated, findOrThrow, notFound, unmappedUniqueViolation } from '../rbac';
import { parseSearch, searchFilter } from '../search';
import { tenantId, type ApplicationRow } from '../store';

export const roleApplicationRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Roles, Applications, ApplicationType, RoleType } = schemas;
  const linkGuard = z.object({ applicationIds: z.string().min(1).array().nonempty() });

  const findRole = (id: string) => findOrThrow(store.findRole(id), Roles.table, id);

  return [
    {
      // Only M2M apps are listed (`findM2mApplicationsByIds`), in table order.
      method: 'GET',
      path: '/api/roles/:id/applications',
      handler: async (request) => {
        const id = request.params.id!;
        const pagination = readPagination(request, { isOptional: false });
        findRole(id);
        const matches = searchFilter<ApplicationRow>(parseSearch(request.url.searchParams), [
          'id',
          'name',
          'description',
        ]);
        const applicationIds = new Set(
          store.state.applicationsRoles
            .filter(({ roleId }) => roleId === id)
            .map(({ applicationId }) => applicationId)
        );
        const applications = store.state.applications.filter(
          (application) =>
            application.type === ApplicationType.MachineToMachine &&
            applicationIds.has(application.id) &&
            matches(application)
        );
        const { items, headers } = paginate(applications, pagination, request);
        return json(200, guardResponse(Applications.guard.array(), items), headers);
      },
    },
    {
      // 201 with koa's default body for a status without one: the text `Created`.
      method: 'POST',
      path: '/api/roles/:id/applications',
      handler: async (request) => {
        const id = request.params.id!;
        const { applicationIds } = guardBody(request, linkGuard);
        const role = findRole(id);
        const existing = store.state.applicationsRoles.find(
          (link) => link.roleId === id && applicationIds.includes(link.applicationId)
        );
        // Logto passes `userId`, so the message keeps its `{{applicationId}}` placeholder.
        assertThat(
          !existing,
          new RequestError({
            code: 'role.application_exists',
            status: 422,
            userId: existing?.applicationId,
          })
        );
        for (const applicationId of applicationIds) {
          findOrThrow(store.findApplication(applicationId), Applications.table, applicationId);
        }
        assertThat(role.type === RoleType.MachineToMachine, dbConstraintViolated());
        if (new Set(applicationIds).size < applicationIds.length) {
          throw unmappedUniqueViolation('applications_roles__application_id_role_id');
        }
        store.state.applicationsRoles.push(
          ...applicationIds.map((applicationId) => ({
            tenantId,
            id: generateStandardId(),
            applicationId,
            roleId: id,
          }))
        );
        store.save();
        return { status: 201, text: 'Created' };
      },
    },
    {
      // No lookup of the role or the app: a link that is not there is a delete of no row.
      method: 'DELETE',
      path: '/api/roles/:id/applications/:applicationId',
      handler: async ({ params: { id, applicationId } }) => {
        const { state } = store;
        const remaining = state.applicationsRoles.filter(
          (link) => !(link.roleId === id && link.applicationId === applicationId)
        );
        assertThat(remaining.length < state.applicationsRoles.length, notFound());
        state.applicationsRoles = remaining;
        store.save();
        return noContent();
      },
    },
  ];
};
