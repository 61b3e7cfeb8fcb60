// /api/applications/:id/organizations (packages/core/src/routes/applications/application-organization.ts,
// `getOrganizationsByApplicationId` of queries/organization/application-relations.ts): the
// organizations an app is a member of, each with the app's roles there.
import type { SandboxContext } from '../context';
import { guardResponse } from '../guard';
import { json, type Route } from '../http';
import type { OrganizationRelations } from '../organization-relations';
import { paginate, readPagination } from '../pagination';
import { findOrThrow } from '../rbac';
import { relationRows } from '../relations';
import { byName } from '../schema-router';

export const applicationOrganizationRoutes = (
  context: SandboxContext,
  relations: OrganizationRelations
): Route[] => {
  const { store, modules } = context;
  const { Applications, organizationWithOrganizationRolesGuard } = modules.schemas;
  const responseGuard = organizationWithOrganizationRolesGuard
    .omit({ isTrustedDeviceAllowed: true })
    .array();

  return [
    {
      method: 'GET',
      path: '/api/applications/:id/organizations',
      handler: async (request) => {
        const applicationId = request.params.id!;
        const pagination = readPagination(request, { isOptional: true });
        findOrThrow(store.findApplication(applicationId), Applications.table, applicationId);
        const organizations = relationRows(relations.apps, { applicationId }).flatMap(
          ({ organizationId }) => store.findOrganization(organizationId) ?? []
        );
        const { items, headers } = paginate(organizations, pagination, request);
        const body = items.map((organization) => ({
          ...organization,
          organizationRoles: relationRows(relations.appsRoles, {
            organizationId: organization.id,
            applicationId,
          })
            .flatMap(({ organizationRoleId }) => store.findOrganizationRole(organizationRoleId) ?? [])
            .sort(byName)
            .map(({ id, name }) => ({ id, name })),
        }));
        return json(200, guardResponse(responseGuard, body), headers);
      },
    },
  ];
};
