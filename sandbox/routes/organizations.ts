// /api/organizations (packages/core/src/routes/organization/index.ts): a SchemaRouter over
// `organizations` with 12-character ids and its own list (searched by id and name, with
// `showFeatured`). Names are not unique. v1.41.0 has no `isTrustedDeviceAllowed`: the key is
// dropped from bodies and never answered.
import type { SandboxContext } from '../context';
import { assertThat } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardShortId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { findOrThrow, notFound } from '../rbac';
import { updateById } from '../schema-router';
import { keywordFilter } from '../search';
import { tenantId, type OrganizationRow } from '../store';

/** `yes()` of @silverhand/essentials, which reads `showFeatured`. */
const yes = (value: string | undefined) =>
  Boolean(value) && ['1', 'true', 'y', 'yes', 'yep', 'yeah'].includes(value!.toLowerCase());

export const organizationRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Organizations, featuredUserGuard } = schemas;
  const hidden = { id: true, tenantId: true, isTrustedDeviceAllowed: true } as const;
  const organizationGuard = Organizations.guard.omit({ isTrustedDeviceAllowed: true });
  const createGuard = Organizations.createGuard.omit(hidden);
  // Each JSONB column sent replaces the stored value whole (`jsonbMode: 'replace'`).
  const patchGuard = Organizations.updateGuard.omit(hidden);
  const listQueryGuard = z.object({ q: z.string().optional(), showFeatured: z.string().optional() });
  const listItemGuard = organizationGuard.merge(
    z.object({ usersCount: z.number(), featuredUsers: featuredUserGuard.array() }).partial()
  );

  const find = (id: string) => findOrThrow(store.findOrganization(id), Organizations.table, id);

  return [
    {
      // No `order by`: table order, where an updated row moves to the end.
      method: 'GET',
      path: '/api/organizations',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: false });
        const { q, showFeatured } = guardQuery(request, listQueryGuard);
        const organizations = store.state.organizations.filter(
          keywordFilter<OrganizationRow>(q, ['id', 'name'])
        );
        const { items, headers } = paginate(organizations, pagination, request);
        // The sandbox has no users: nobody to count or feature.
        const body = yes(showFeatured)
          ? items.map((organization) => ({ ...organization, usersCount: 0, featuredUsers: [] }))
          : items;
        return json(200, guardResponse(listItemGuard.array(), body), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/organizations',
      handler: async (request) => {
        const body = guardBody(request, createGuard);
        const organization: OrganizationRow = {
          tenantId,
          id: generateStandardShortId(),
          name: body.name,
          description: body.description ?? null,
          customData: body.customData ?? {},
          isMfaRequired: body.isMfaRequired ?? false,
          color: body.color ?? {},
          branding: body.branding ?? {},
          customCss: body.customCss ?? null,
          createdAt: body.createdAt ?? Date.now(),
        };
        store.state.organizations.push(organization);
        store.save();
        return json(201, guardResponse(organizationGuard, organization));
      },
    },
    {
      method: 'GET',
      path: '/api/organizations/:id',
      handler: async ({ params: { id } }) => json(200, guardResponse(organizationGuard, find(id!))),
    },
    {
      method: 'PATCH',
      path: '/api/organizations/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const body = guardBody(request, patchGuard);
        const organization = updateById(
          store,
          store.state.organizations,
          store.findOrganization(id),
          body,
          Organizations.tableSingular
        );
        store.save();
        return json(200, guardResponse(organizationGuard, organization));
      },
    },
    {
      // Its JIT rules, app memberships and the apps' roles in it go with it.
      method: 'DELETE',
      path: '/api/organizations/:id',
      handler: async ({ params: { id } }) => {
        assertThat(store.findOrganization(id!), notFound());
        store.deleteOrganization(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
