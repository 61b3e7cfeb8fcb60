// /api/connectors and /api/connector-factories (packages/core/src/routes/connector/index.ts,
// factory.ts).
import { cleanDeep } from '../../resources/logto/clean-deep';
import {
  findFactory,
  getLogtoConnectors,
  removeUnavailableSocialTargets,
  transpileLogtoConnector,
} from '../connector-library';
import type { SandboxContext } from '../context';
import { assertThat, RequestError } from '../errors';
import { guardBody, guardQuery, guardResponse } from '../guard';
import { json, noContent, type Route } from '../http';
import { generateStandardShortId } from '../ids';
import type { ConnectorFactory } from '../logto-modules';
import { validateConnectorRemoval } from '../sign-in-experience-rules';
import { tenantId, type ConnectorRow } from '../store';

const entityNotFound = () => new RequestError({ code: 'entity.not_found', status: 404 });

/** `validateConfig` of connector-kit, mapped to 400 by koa-connector-error-handler. */
const validateConfig = (factory: ConnectorFactory, config: unknown) => {
  const result = factory.configGuard.safeParse(config);
  if (!result.success) {
    throw new RequestError({ code: 'connector.invalid_config', status: 400 }, result.error);
  }
};

const assertTokenStorageSupported = (factory: ConnectorFactory, enable: boolean | undefined) => {
  assertThat(
    !enable || factory.metadata.isTokenStorageSupported,
    new RequestError({ code: 'connector.token_storage_not_supported', status: 422 })
  );
};

const passwordlessTypes = new Set(['Email', 'Sms']);

export const connectorRoutes = (context: SandboxContext): Route[] => {
  const { store, modules } = context;
  const { schemas, z } = modules;
  const { Connectors, connectorResponseGuard, connectorFactoryResponseGuard } = schemas;
  const createGuard = Connectors.createGuard
    .pick({ config: true, connectorId: true, metadata: true, syncProfile: true, enableTokenStorage: true })
    .merge(Connectors.createGuard.pick({ id: true }).partial());
  const patchGuard = Connectors.createGuard
    .pick({ config: true, metadata: true, syncProfile: true, enableTokenStorage: true })
    .partial();

  const findConnector = (id: string) => {
    const connector = getLogtoConnectors(context).find(({ dbEntry }) => dbEntry.id === id);
    assertThat(connector, entityNotFound());
    return connector;
  };
  const respondWith = (id: string) =>
    json(200, guardResponse(connectorResponseGuard, transpileLogtoConnector(findConnector(id))));
  const transpileFactory = ({ type, metadata }: ConnectorFactory) =>
    guardResponse(connectorFactoryResponseGuard, { type, ...metadata, isDemo: false });

  return [
    {
      method: 'GET',
      path: '/api/connector-factories',
      handler: async () => json(200, modules.connectorFactories.map(transpileFactory)),
    },
    {
      method: 'GET',
      path: '/api/connector-factories/:id',
      handler: async ({ params: { id } }) => {
        const factory = findFactory(context, id!);
        assertThat(factory, entityNotFound());
        return json(200, transpileFactory(factory));
      },
    },
    {
      method: 'GET',
      path: '/api/connectors',
      handler: async (request) => {
        guardQuery(request, z.object({ target: z.string().optional() }));
        const target = request.url.searchParams.get('target');
        const connectors = getLogtoConnectors(context).filter(
          ({ metadata }) => !target || metadata.target === target
        );
        return json(
          200,
          guardResponse(connectorResponseGuard.array(), connectors.map(transpileLogtoConnector))
        );
      },
    },
    {
      method: 'POST',
      path: '/api/connectors',
      handler: async (request) => {
        const body = guardBody(request, createGuard);
        const { id: proposedId, connectorId, metadata, config } = body;
        const factory = findFactory(context, connectorId);
        assertThat(
          factory,
          new RequestError({ code: 'connector.not_found_with_connector_id', status: 422 })
        );

        if (factory.type === 'Social') {
          const { isStandard } = factory.metadata;
          assertThat(!isStandard || metadata?.target, 'connector.should_specify_target');
          assertThat(
            isStandard || metadata === undefined,
            'connector.cannot_overwrite_metadata_for_non_standard_connector'
          );
          assertThat(
            isStandard || !store.state.connectors.some((row) => row.connectorId === connectorId),
            new RequestError({ code: 'connector.multiple_instances_not_supported', status: 422 })
          );
          const target = metadata?.target || factory.metadata.target;
          const duplicate = getLogtoConnectors(context).find(
            (connector) =>
              connector.type === 'Social' &&
              connector.metadata.target === target &&
              connector.metadata.platform === factory.metadata.platform
          );
          assertThat(
            !duplicate,
            new RequestError(
              { code: 'connector.multiple_target_with_same_platform', status: 422 },
              { connectorId: duplicate?.metadata.id, connectorName: duplicate?.metadata.name }
            )
          );
        }
        if (config) {
          validateConfig(factory, config);
        }
        assertTokenStorageSupported(factory, body.enableTokenStorage);

        const id = proposedId ?? generateStandardShortId();
        // A taken id violates the primary key, which Logto does not map: a plain 500.
        if (store.state.connectors.some((row) => row.id === id)) {
          throw new Error(`duplicate key value violates unique constraint "connectors_pkey"`);
        }
        const cleaned = cleanDeep({
          syncProfile: body.syncProfile,
          enableTokenStorage: body.enableTokenStorage,
          config,
          metadata,
        });
        const row: ConnectorRow = {
          tenantId,
          id,
          syncProfile: cleaned.syncProfile ?? false,
          enableTokenStorage: cleaned.enableTokenStorage ?? false,
          connectorId,
          config: cleaned.config ?? {},
          metadata: cleaned.metadata ?? {},
          createdAt: Date.now(),
        };
        store.state.connectors.push(row);

        // Only one email and one SMS connector: the new one replaces the others of its type.
        if (passwordlessTypes.has(factory.type)) {
          store.state.connectors = store.state.connectors.filter(
            (other) => other.id === id || findFactory(context, other.connectorId)?.type !== factory.type
          );
        }
        store.save();
        return respondWith(id);
      },
    },
    {
      method: 'GET',
      path: '/api/connectors/:id',
      handler: async ({ params: { id } }) => respondWith(id!),
    },
    {
      method: 'PATCH',
      path: '/api/connectors/:id',
      handler: async (request) => {
        const id = request.params.id!;
        const { config, metadata, syncProfile, enableTokenStorage } = guardBody(request, patchGuard);
        const connector = findConnector(id);
        const { isStandard, target } = connector.metadata;

        assertThat(
          !isStandard || !metadata || metadata.target === target,
          'connector.can_not_modify_target'
        );
        assertThat(
          isStandard || !metadata,
          'connector.cannot_overwrite_metadata_for_non_standard_connector'
        );
        assertThat(
          !syncProfile || connector.type === 'Social',
          new RequestError({ code: 'connector.invalid_type_for_syncing_profile', status: 422 })
        );
        if (config) {
          validateConfig(connector.factory, config);
        }
        assertTokenStorageSupported(connector.factory, enableTokenStorage);

        // `jsonbMode: 'replace'`: a sent config or metadata replaces the stored one whole.
        const row = connector.dbEntry;
        if (config) {
          row.config = cleanDeep(config);
        }
        if (metadata) {
          row.metadata = cleanDeep(metadata);
        }
        if (syncProfile !== undefined) {
          row.syncProfile = syncProfile;
        }
        if (enableTokenStorage !== undefined) {
          row.enableTokenStorage = enableTokenStorage;
        }
        store.save();
        return respondWith(id);
      },
    },
    {
      method: 'DELETE',
      path: '/api/connectors/:id',
      handler: async ({ params: { id } }) => {
        const row = store.state.connectors.find((connector) => connector.id === id);
        assertThat(row, entityNotFound());
        const remaining = store.state.connectors.filter((connector) => connector.id !== id);
        validateConnectorRemoval(
          store.state.signInExperience as Parameters<typeof validateConnectorRemoval>[0],
          new Set(remaining.flatMap((connector) => findFactory(context, connector.connectorId)?.type ?? []))
        );
        store.state.connectors = remaining;
        if (findFactory(context, row.connectorId)?.type === 'Social') {
          removeUnavailableSocialTargets(context);
        }
        store.save();
        return noContent();
      },
    },
  ];
};
