// /api/sso-connectors and /api/sso-connector-providers
// (packages/core/src/routes/sso-connector/index.ts, utils.ts, type.ts).
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardShortId } from '../ids';
import { paginate, readPagination } from '../pagination';
import { fetchOidcDiscovery, getWithRetries, ssoInvalidConfig } from '../sso/discovery';
import {
  findSsoProvider,
  oidcConfigGuard,
  samlConfigGuard,
  ssoProviders,
  withRequiredScopes,
  type SsoProvider,
} from '../sso/providers';
import { tenantId, type SsoConnectorRow } from '../store';

type Config = Record<string, unknown>;

export const ssoConnectorRoutes = (context: SandboxContext): Route[] => {
  const { store, modules, settings } = context;
  const { schemas, z } = modules;
  const { SsoConnectors, ssoConnectorWithProviderConfigGuard, ssoConnectorProvidersResponseGuard } =
    schemas;
  const createGuard = SsoConnectors.createGuard
    .pick({ config: true, domains: true, branding: true, syncProfile: true, enableTokenStorage: true })
    .merge(SsoConnectors.guard.pick({ providerName: true, connectorName: true }));
  const patchGuard = SsoConnectors.guard
    .pick({
      config: true,
      domains: true,
      branding: true,
      syncProfile: true,
      connectorName: true,
      enableTokenStorage: true,
    })
    .partial();
  const retryPolicy = { retries: settings.ssoFetchRetries, firstDelayMs: settings.ssoFetchRetryDelayMs };

  const configGuardOf = (provider: SsoProvider) =>
    provider.providerType === 'oidc' ? oidcConfigGuard(z, provider) : samlConfigGuard(z);

  /** `parseConnectorConfig`: zod details go into the message interpolation only, not the body. */
  const parseConfig = (provider: SsoProvider, config: unknown): Config => {
    const result = configGuardOf(provider).safeParse(config);
    if (!result.success) {
      throw new RequestError({
        code: 'connector.invalid_config',
        status: 400,
        details: result.error.flatten(),
      });
    }
    return result.data as Config;
  };

  /** `validateConnectorConfigConnectionStatus`: reach the IdP before anything is written. */
  const checkConnection = async (provider: SsoProvider, config: Config) => {
    if (provider.providerType === 'oidc') {
      return fetchOidcDiscovery(z, provider.fixedIssuer ?? String(config.issuer), retryPolicy);
    }
    assertThat(!config.signAuthnRequest, 'single_sign_on.active_signing_key_required');
    if (typeof config.metadataUrl === 'string') {
      try {
        await getWithRetries(config.metadataUrl, retryPolicy);
      } catch (error: unknown) {
        throw ssoInvalidConfig('fail_to_fetch_config', config, String(error));
      }
    }
    return {};
  };

  /** `validateConnectorDomains` with `findDuplicatedOrBlockedEmailDomains` of @logto/schemas. */
  const validateDomains = (domains: string[]) => {
    const { duplicatedDomains, forbiddenDomains } = schemas.findDuplicatedOrBlockedEmailDomains(domains);
    assertThat(
      forbiddenDomains.size === 0,
      new RequestError(
        { code: 'single_sign_on.forbidden_domains', status: 422 },
        { data: [...forbiddenDomains] }
      )
    );
    assertThat(
      duplicatedDomains.size === 0,
      new RequestError(
        { code: 'single_sign_on.duplicated_domains', status: 422 },
        { data: [...duplicatedDomains] }
      )
    );
  };

  const assertUniqueName = (connectorName: string, ownId?: string) => {
    const duplicate = store.state.ssoConnectors.find((row) => row.connectorName === connectorName);
    assertThat(
      !duplicate || duplicate.id === ownId,
      new RequestError({ code: 'single_sign_on.duplicate_connector_name', status: 409 })
    );
  };

  const findOrThrow = (id: string) => {
    const row = store.state.ssoConnectors.find((connector) => connector.id === id);
    assertThat(
      row,
      new RequestError({ code: 'entity.not_exists_with_id', name: 'sso_connectors', id, status: 404 })
    );
    return row;
  };

  /** `fetchConnectorProviderDetails`: the provider config is fetched leniently (`trySafe`). */
  const withProviderDetails = async (row: SsoConnectorRow) => {
    const provider = findSsoProvider(row.providerName)!;
    let providerConfig: Config | undefined;
    try {
      const config = parseConfig(provider, row.config);
      if (provider.providerType === 'oidc') {
        const discovered = await checkConnection(provider, config);
        providerConfig = {
          ...config,
          ...(provider.fixedIssuer && { issuer: provider.fixedIssuer }),
          ...discovered,
          scope: withRequiredScopes(config.scope as string | undefined),
        };
      } else {
        providerConfig = {
          ...config,
          serviceProvider: {
            entityId: `${settings.endpoint}/enterprise-sso/${row.id}`,
            assertionConsumerServiceUrl: `${settings.endpoint}/api/authn/single-sign-on/saml/${row.id}`,
          },
        };
      }
    } catch {
      providerConfig = undefined;
    }
    return guardResponse(ssoConnectorWithProviderConfigGuard, {
      ...row,
      name: provider.name,
      providerType: provider.providerType,
      providerLogo: provider.logo,
      providerLogoDark: provider.logoDark,
      providerConfig,
    });
  };

  const lowerCased = (domains?: string[]) => domains?.map((domain) => domain.toLowerCase());

  return [
    {
      method: 'GET',
      path: '/api/sso-connector-providers',
      handler: async () =>
        json(
          200,
          guardResponse(
            ssoConnectorProvidersResponseGuard,
            ssoProviders.map(({ providerName, providerType, logo, logoDark, description, name }) => ({
              providerName,
              providerType,
              logo,
              logoDark,
              description,
              name,
            }))
          )
        ),
    },
    {
      method: 'GET',
      path: '/api/sso-connectors',
      handler: async (request) => {
        const pagination = readPagination(request, { isOptional: true });
        const rows = [...store.state.ssoConnectors]
          .reverse()
          .sort((a, b) => b.createdAt - a.createdAt);
        const { items, headers } = paginate(rows, pagination, request);
        return json(200, await Promise.all(items.map(withProviderDetails)), headers);
      },
    },
    {
      method: 'POST',
      path: '/api/sso-connectors',
      handler: async (request) => {
        const { providerName, connectorName, config, domains: rawDomains, ...rest } = guardBody(
          request,
          createGuard
        );
        const provider = findSsoProvider(providerName);
        assertThat(
          provider,
          new RequestError({ code: 'connector.not_found', type: providerName, status: 422 })
        );
        const domains = lowerCased(rawDomains);
        if (domains) {
          validateDomains(domains);
        }
        const parsedConfig = config && parseConfig(provider, config);
        assertUniqueName(connectorName);
        if (parsedConfig) {
          await checkConnection(provider, parsedConfig);
        }
        // The discovery fetch is asynchronous: re-check the name against a concurrent create.
        assertUniqueName(connectorName);

        const row: SsoConnectorRow = {
          tenantId,
          id: generateStandardShortId(),
          providerName,
          connectorName,
          config: parsedConfig ?? {},
          domains: domains ?? [],
          branding: rest.branding ?? {},
          syncProfile: rest.syncProfile ?? false,
          enableTokenStorage: rest.enableTokenStorage ?? false,
          createdAt: Date.now(),
        };
        store.state.ssoConnectors.push(row);
        store.save();
        return json(200, guardResponse(SsoConnectors.guard, row));
      },
    },
    {
      method: 'GET',
      path: '/api/sso-connectors/:id',
      handler: async ({ params: { id } }) => json(200, await withProviderDetails(findOrThrow(id!))),
    },
    {
      method: 'PATCH',
      path: '/api/sso-connectors/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const { config, domains: rawDomains, ...rest } = guardBody(request, patchGuard);
        const row = findOrThrow(id);
        const provider = findSsoProvider(row.providerName)!;
        const domains = lowerCased(rawDomains);
        if (domains) {
          validateDomains(domains);
        }
        if (rest.connectorName) {
          assertUniqueName(rest.connectorName, id);
        }
        const parsedConfig = config && parseConfig(provider, config);
        if (parsedConfig) {
          await checkConnection(provider, parsedConfig);
        }

        // `jsonbMode: 'replace'`: a sent config, domains or branding replaces the stored value.
        const updates = Object.fromEntries(
          Object.entries({ ...rest, config: parsedConfig, domains }).filter(
            ([, value]) => value !== undefined
          )
        );
        Object.assign(row, updates);
        store.save();
        return json(200, await withProviderDetails(row));
      },
    },
    {
      method: 'DELETE',
      path: '/api/sso-connectors/:id',
      // The connector leaves the organizations' JIT rules (`on delete cascade`).
      handler: async ({ params: { id } }) => {
        assertThat(
          store.findSsoConnector(id!),
          new RequestError({ code: 'entity.not_found', status: 404 })
        );
        store.deleteSsoConnector(id!);
        store.save();
        return noContent();
      },
    },
  ];
};
