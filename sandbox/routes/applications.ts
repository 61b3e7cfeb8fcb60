// /api/applications (packages/core/src/routes/applications/application.ts, types.ts).
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardId, generateStandardSecret } from '../ids';
import { paginate, readPagination } from '../pagination';
import { tenantId, type ApplicationRow } from '../store';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `updateApplicationById` uses `jsonbMode: 'merge'` (packages/core/src/queries/application.ts):
 * an object sent for a JSONB column is shallow-merged into the stored one with Postgres `||`;
 * arrays and scalars replace.
 */
const mergeJsonbColumns = (row: ApplicationRow, set: Record<string, unknown>) => {
  for (const [key, value] of Object.entries(set)) {
    if (value === undefined) {
      continue;
    }
    row[key] = isPlainObject(value) && isPlainObject(row[key]) ? { ...row[key], ...value } : value;
  }
};

export const notExistsWithId = (name: string, id: string) =>
  new RequestError({ code: 'entity.not_exists_with_id', name, id, status: 404 });

export const applicationRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { ApplicationType, InternalRole } = schemas;

  // Logto core narrows `protectedAppMetadata` of the schema guards (routes/applications/types.ts).
  const createGuard = schemas.applicationCreateGuard.omit({ protectedAppMetadata: true }).extend({
    protectedAppMetadata: z.object({ subDomain: z.string(), origin: z.string() }).optional(),
  });
  const patchGuard = schemas.applicationPatchGuard
    .deepPartial()
    .omit({ protectedAppMetadata: true })
    .extend({
      protectedAppMetadata: z
        .object({
          origin: z.string().optional(),
          sessionDuration: z.number().optional(),
          pageRules: z.array(z.object({ path: z.string() })).optional(),
        })
        .optional(),
    })
    .merge(z.object({ isAdmin: z.boolean().optional() }));
  const typeGuard = z.nativeEnum(ApplicationType);
  const listQueryGuard = z.object({
    types: typeGuard
      .array()
      .or(typeGuard.transform((type) => [type]))
      .optional(),
    excludeRoleId: z.string().optional(),
    excludeOrganizationId: z.string().optional(),
    isThirdParty: z.union([z.literal('true'), z.literal('false')]).optional(),
  });
  const responseGuard = schemas.Applications.guard;

  /** `includesInternalAdminRole` of the app's role links (packages/core/src/routes/applications). */
  const isInternalAdmin = (applicationId: string) =>
    store.rolesOfApplication(applicationId).some(({ role }) => role.name === InternalRole.Admin);

  const findOrThrow = (id: string) => {
    const application = store.findApplication(id);
    if (!application) {
      throw notExistsWithId('applications', id);
    }
    return application;
  };

  const assertThirdPartyRules = (isThirdParty: boolean, customClientMetadata: unknown) => {
    assertThat(
      !isThirdParty || !(customClientMetadata as { allowTokenExchange?: boolean })?.allowTokenExchange,
      new RequestError({
        code: 'application.third_party_application_cannot_enable_token_exchange',
        status: 422,
      })
    );
  };

  return [
    {
      method: 'GET',
      path: '/api/applications',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: true });
        const query = guardQuery(request, listQueryGuard);
        if (query.excludeRoleId && query.excludeOrganizationId) {
          throw new RequestError({
            code: 'request.invalid_input',
            details:
              'Parameter `excludeRoleId` and `excludeOrganizationId` cannot be used at the same time.',
          });
        }
        const search = request.url.searchParams.get('search')?.toLowerCase();
        const excludeApplicationIds = new Set([
          ...store.state.applicationsRoles
            .filter(({ roleId }) => roleId === query.excludeRoleId)
            .map(({ applicationId }) => applicationId),
          ...store.state.organizationApplications
            .filter(({ organizationId }) => organizationId === query.excludeOrganizationId)
            .map(({ applicationId }) => applicationId),
        ]);
        const matches = store.applicationsNewestFirst().filter(
          (application) =>
            !excludeApplicationIds.has(application.id) &&
            (!query.types?.length || query.types.includes(application.type as never)) &&
            (!query.isThirdParty || application.isThirdParty === (query.isThirdParty === 'true')) &&
            (!search ||
              [application.id, application.name, application.description].some((field) =>
                String(field ?? '')
                  .toLowerCase()
                  .includes(search)
              ))
        );
        const { items, headers } = paginate(matches, pagination, request);
        return json(200, guardResponse(responseGuard.array(), items), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/applications',
      handler: async (request) => {
        const { oidcClientMetadata, protectedAppMetadata, ...rest } = guardBody(request, createGuard);

        assertThat(
          rest.type !== ApplicationType.SAML,
          new RequestError({ code: 'application.saml.use_saml_app_api', method: 'POST' })
        );
        assertThat(
          rest.type !== ApplicationType.Protected || protectedAppMetadata,
          'application.protected_app_metadata_is_required'
        );
        if (rest.type === ApplicationType.Protected) {
          // Protected apps are provisioned on Cloudflare by Logto Cloud; an OSS server fails.
          throw new Error('Protected apps need Logto Cloud');
        }
        if (rest.isThirdParty) {
          assertThat(
            [ApplicationType.Traditional, ApplicationType.SPA, ApplicationType.Native].includes(
              rest.type
            ),
            new RequestError({ code: 'application.invalid_third_party_application_type', status: 422 })
          );
        }
        assertThirdPartyRules(Boolean(rest.isThirdParty), rest.customClientMetadata);
        assertThat(
          !rest.customClientMetadata?.isDeviceFlow || rest.type === ApplicationType.Native,
          new RequestError({ code: 'application.device_flow_native_only', status: 422 })
        );

        const application: ApplicationRow = {
          tenantId,
          id: generateStandardId(),
          name: rest.name,
          secret: schemas.internalPrefix + generateStandardSecret(),
          description: rest.description ?? null,
          type: rest.type,
          oidcClientMetadata: { redirectUris: [], postLogoutRedirectUris: [], ...oidcClientMetadata },
          customClientMetadata: rest.customClientMetadata ?? {},
          protectedAppMetadata: null,
          customData: rest.customData ?? {},
          isThirdParty: rest.isThirdParty ?? false,
          appLevelAccessControlEnabled: false,
          createdAt: Date.now(),
        };
        store.state.applications.push(application);
        if (schemas.hasSecrets(application.type as never)) {
          store.state.applicationSecrets.push({
            tenantId,
            applicationId: application.id,
            name: schemas.defaultApplicationSecretName,
            value: generateStandardSecret(),
            createdAt: Date.now(),
            expiresAt: null,
          });
        }
        store.save();
        return json(200, guardResponse(responseGuard, application));
      },
    },
    {
      method: 'GET',
      path: '/api/applications/:id',
      handler: async ({ params: { id } }) => {
        const application = findOrThrow(id!);
        const isAdmin = isInternalAdmin(application.id);
        return json(
          200,
          guardResponse(responseGuard.merge(z.object({ isAdmin: z.boolean() })), {
            ...application,
            isAdmin,
          })
        );
      },
    },
    {
      method: 'PATCH',
      path: '/api/applications/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const { isAdmin, protectedAppMetadata, ...rest } = guardBody(request, patchGuard);
        const existing = store.findApplication(id);

        if (isAdmin !== undefined) {
          const internalAdminRole = store.findRoleByName(InternalRole.Admin);
          assertThat(
            internalAdminRole,
            new RequestError({
              code: 'entity.not_exists',
              status: 500,
              data: { name: InternalRole.Admin },
            })
          );
          const usedToBeAdmin = isInternalAdmin(id);
          if (isAdmin && !usedToBeAdmin) {
            // Inserting the role link for a missing app violates its foreign key.
            assertThat(
              existing,
              new RequestError({ code: 'entity.relation_foreign_key_not_found', status: 404 })
            );
            store.state.applicationsRoles.push({
              tenantId,
              id: generateStandardId(),
              applicationId: id,
              roleId: internalAdminRole.id,
            });
          } else if (!isAdmin && usedToBeAdmin) {
            store.state.applicationsRoles = store.state.applicationsRoles.filter(
              (link) => !(link.applicationId === id && link.roleId === internalAdminRole.id)
            );
          }
        }
        if (protectedAppMetadata) {
          assertThat(
            findOrThrow(id).type === ApplicationType.Protected,
            'application.protected_application_only'
          );
        }

        const updates = Object.fromEntries(
          Object.entries(rest).filter(([, value]) => value !== undefined)
        );
        if (Object.keys(updates).length === 0) {
          store.save();
          return json(200, guardResponse(responseGuard, findOrThrow(id)));
        }
        if (!existing) {
          throw new RequestError({ code: 'entity.not_exists', name: 'application', status: 404 });
        }

        const isDeviceFlow = rest.customClientMetadata?.isDeviceFlow;
        assertThat(
          isDeviceFlow === undefined ||
            isDeviceFlow === Boolean(existing.customClientMetadata.isDeviceFlow),
          new RequestError({ code: 'application.device_flow_not_changeable', status: 422 })
        );
        assertThirdPartyRules(existing.isThirdParty, rest.customClientMetadata);

        mergeJsonbColumns(existing, updates);
        store.save();
        return json(200, guardResponse(responseGuard, existing));
      },
    },
    {
      method: 'DELETE',
      path: '/api/applications/:id',
      handler: async ({ params: { id } }) => {
        findOrThrow(id!);
        store.deleteApplication(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
