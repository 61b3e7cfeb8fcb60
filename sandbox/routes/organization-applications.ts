// /api/organizations/:id/applications and /:id/applications/:applicationId/roles
// (packages/core/src/routes/organization/application/index.ts, role-relations.ts and
// queries/organization/application-relations.ts, application-role-relations.ts). Only
// machine-to-machine apps may be members and only MachineToMachine roles may be theirs: both are
// check constraints, 422 `entity.db_constraint_violated`. An app's roles in an organization go
// with its membership, so replacing the members drops the roles of every app of the organization.
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route, type SandboxRequest, type SandboxResponse } from '../http';
import type { OrganizationRelations } from '../organization-relations';
import { paginate, readPagination } from '../pagination';
import { deleteRelations, insertRelations, relationRows, replaceRelations } from '../relations';
import { byName, relationRoutes } from '../schema-router';
import { keywordFilter } from '../search';
import type { ApplicationRow } from '../store';

export const organizationApplicationRoutes = (
  context: SandboxContext,
  relations: OrganizationRelations
): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { OrganizationRoles, applicationWithOrganizationRolesGuard } = schemas;
  const { apps, appsRoles } = relations;
  const prefix = '/api/organizations';
  const rolesPath = `${prefix}/:id/applications/:applicationId/roles`;
  const roleIdsGuard = z.object({ organizationRoleIds: z.string().min(1).array().nonempty() });

  /** The app's roles in the organization, by name (`aggregateRoles`). */
  const rolesOf = (organizationId: string, applicationId: string) =>
    relationRows(appsRoles, { organizationId, applicationId })
      .flatMap(({ organizationRoleId }) => store.findOrganizationRole(organizationRoleId) ?? [])
      .sort(byName)
      .map(({ id, name }) => ({ id, name }));

  /** The `router.use(pathname, …)` that runs before every role route: the app must be a member. */
  type Membership = { organizationId: string; applicationId: string };
  const withMembership =
    (handler: (request: SandboxRequest, where: Membership) => Promise<SandboxResponse>) =>
    async (request: SandboxRequest) => {
      const organizationId = request.params.id!;
      const applicationId = request.params.applicationId!;
      assertThat(
        relationRows(apps, { organizationId, applicationId }).length > 0,
        new RequestError({ code: 'organization.require_membership', status: 422 })
      );
      return handler(request, { organizationId, applicationId });
    };

  return [
    // POST, PUT and DELETE /:id/applications; its GET is the one below.
    ...relationRoutes({
      context,
      prefix,
      pathname: 'applications',
      table: apps,
      schemaId: 'organizationId',
      relationSchemaId: 'applicationId',
      findById: () => undefined,
      findRelated: () => undefined,
      relatedGuard: z.never(),
      disabled: { get: true },
    }),
    {
      // `getApplicationsByOrganizationId`: no lookup of the organization, an unknown one has no apps.
      method: 'GET',
      path: `${prefix}/:id/applications`,
      handler: async (request) => {
        const organizationId = request.params.id!;
        const pagination = readPagination(request, { isOptional: false });
        const { q } = guardQuery(request, z.object({ q: z.string().optional() }));
        const applications = relationRows(apps, { organizationId })
          .flatMap(({ applicationId }) => store.findApplication(applicationId) ?? [])
          .filter(keywordFilter<ApplicationRow>(q, ['id', 'name', 'description']));
        const { items, headers } = paginate(applications, pagination, request);
        const body = items.map((application) => ({
          ...application,
          organizationRoles: rolesOf(organizationId, application.id),
        }));
        return json(200, guardResponse(applicationWithOrganizationRolesGuard.array(), body), headers);
      },
    },
    {
      // Every app gets every role; no membership check beyond the membership foreign key.
      method: 'POST',
      path: `${prefix}/:id/applications/roles`,
      handler: async (request) => {
        const organizationId = request.params.id!;
        const { applicationIds, organizationRoleIds } = guardBody(
          request,
          z.object({
            applicationIds: z.string().min(1).array().nonempty(),
            organizationRoleIds: z.string().min(1).array().nonempty(),
          })
        );
        insertRelations(
          appsRoles,
          organizationRoleIds.flatMap((organizationRoleId) =>
            applicationIds.map((applicationId) => ({
              organizationId,
              organizationRoleId,
              applicationId,
            }))
          )
        );
        store.save();
        return { status: 201, text: 'Created' };
      },
    },
    {
      method: 'GET',
      path: rolesPath,
      handler: withMembership(async (request, where) => {
        const pagination = readPagination(request, { isOptional: true });
        const roles = relationRows(appsRoles, where).flatMap(
          ({ organizationRoleId }) => store.findOrganizationRole(organizationRoleId) ?? []
        );
        const { items, headers } = paginate(roles, pagination, request);
        return json(200, guardResponse(OrganizationRoles.guard.array(), items), headers);
      }),
    },
    {
      method: 'POST',
      path: rolesPath,
      handler: withMembership(async (request, where) => {
        const { organizationRoleIds } = guardBody(request, roleIdsGuard);
        insertRelations(
          appsRoles,
          organizationRoleIds.map((organizationRoleId) => ({ ...where, organizationRoleId }))
        );
        store.save();
        return { status: 201, text: 'Created' };
      }),
    },
    {
      // Non-empty, unlike the generic relation PUT; atomic.
      method: 'PUT',
      path: rolesPath,
      handler: withMembership(async (request, where) => {
        const { organizationRoleIds } = guardBody(request, roleIdsGuard);
        replaceRelations(
          appsRoles,
          where,
          organizationRoleIds.map((organizationRoleId) => ({ ...where, organizationRoleId }))
        );
        store.save();
        return noContent();
      }),
    },
    {
      method: 'DELETE',
      path: `${rolesPath}/:organizationRoleId`,
      handler: withMembership(async (request, where) => {
        deleteRelations(appsRoles, { ...where, organizationRoleId: request.params.organizationRoleId! });
        store.save();
        return noContent();
      }),
    },
  ];
};
