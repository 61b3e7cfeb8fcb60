// /api/organizations/:id/jit/{email-domains,roles,sso-connectors}: just-in-time provisioning
// (packages/core/src/routes/organization/jit/index.ts, jit/email-domains.ts and
// queries/organization/email-domains.ts). Email domains are a table of their own, with no format
// check and case-sensitive uniqueness, listed without looking the organization up; roles and SSO
// connectors are relation routes, whose GET needs the organization.
import type { SandboxContext } from '../context';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import type { OrganizationRelations } from '../organization-relations';
import { paginate, readPagination } from '../pagination';
import { findOrThrow } from '../rbac';
import { deleteRelations, insertRow, relationRows, replaceRelations } from '../relations';
import { relationRoutes } from '../schema-router';

export const organizationJitRoutes = (
  context: SandboxContext,
  relations: OrganizationRelations
): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Organizations, OrganizationRoles, OrganizationJitEmailDomains, SsoConnectors } = schemas;
  const prefix = '/api/organizations';
  const emailDomainsPath = `${prefix}/:id/jit/email-domains`;
  const table = relations.jitEmailDomains;

  const findOrganization = (id: string) =>
    findOrThrow(store.findOrganization(id), Organizations.table, id);

  return [
    {
      // `getEntities(id)`: no lookup of the organization, an unknown one has no domains.
      method: 'GET',
      path: emailDomainsPath,
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: true });
        const rows = relationRows(table, { organizationId: request.params.id! });
        const { items, headers } = paginate(rows, pagination, request);
        return json(200, guardResponse(OrganizationJitEmailDomains.guard.array(), items), headers);
      },
    },
    {
      // A plain insert: a domain already there is a unique violation, an unknown organization a
      // missing foreign key.
      method: 'POST',
      path: emailDomainsPath,
      handler: async (request) => {
        const organizationId = request.params.id!;
        const { emailDomain } = guardBody(request, z.object({ emailDomain: z.string().min(1) }));
        const row = insertRow(table, { organizationId, emailDomain });
        store.save();
        return json(201, guardResponse(OrganizationJitEmailDomains.guard, row));
      },
    },
    {
      method: 'PUT',
      path: emailDomainsPath,
      handler: async (request) => {
        const organizationId = request.params.id!;
        const { emailDomains } = guardBody(request, z.object({ emailDomains: z.string().array() }));
        replaceRelations(
          table,
          { organizationId },
          emailDomains.map((emailDomain) => ({ organizationId, emailDomain }))
        );
        store.save();
        return noContent();
      },
    },
    {
      method: 'DELETE',
      path: `${emailDomainsPath}/:emailDomain`,
      handler: async ({ params: { id, emailDomain } }) => {
        deleteRelations(table, { organizationId: id!, emailDomain: emailDomain! });
        store.save();
        return noContent();
      },
    },
    // Any role type may be a JIT default role.
    ...relationRoutes({
      context,
      prefix,
      pathname: 'jit/roles',
      table: relations.jitRoles,
      schemaId: 'organizationId',
      relationSchemaId: 'organizationRoleId',
      findById: findOrganization,
      findRelated: (id) => store.findOrganizationRole(id),
      relatedGuard: OrganizationRoles.guard,
      isPaginationOptional: true,
    }),
    // The connectors come whole, config and secrets included.
    ...relationRoutes({
      context,
      prefix,
      pathname: 'jit/sso-connectors',
      table: relations.jitSsoConnectors,
      schemaId: 'organizationId',
      relationSchemaId: 'ssoConnectorId',
      findById: findOrganization,
      findRelated: (id) => store.findSsoConnector(id),
      relatedGuard: SsoConnectors.guard,
      isPaginationOptional: true,
    }),
  ];
};
