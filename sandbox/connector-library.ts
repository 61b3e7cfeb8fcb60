// Connector instances joined with their factories, like `getLogtoConnectors` of Logto core
// (packages/core/src/libraries/connector.ts), and their response shape (`transpileLogtoConnector`).
import type { SandboxContext } from './context';
import type { ConnectorFactory } from './logto-modules';
import type { ConnectorRow } from './store';

export type LogtoConnector = {
  type: ConnectorFactory['type'];
  factory: ConnectorFactory;
  /** Factory metadata overridden by the stored `metadata`. */
  metadata: ConnectorFactory['metadata'];
  dbEntry: ConnectorRow;
};

export const findFactory = (context: SandboxContext, factoryId: string) =>
  context.modules.connectorFactories.find(({ metadata }) => metadata.id === factoryId);

/** Rows whose factory is not installed are skipped, as Logto does. */
export const getLogtoConnectors = (context: SandboxContext): LogtoConnector[] =>
  context.store.connectorsById().flatMap((dbEntry) => {
    const factory = findFactory(context, dbEntry.connectorId);
    return factory
      ? [
          {
            type: factory.type,
            factory,
            metadata: { ...factory.metadata, ...dbEntry.metadata } as ConnectorFactory['metadata'],
            dbEntry,
          },
        ]
      : [];
  });

export const transpileLogtoConnector = ({ type, metadata, dbEntry }: LogtoConnector) => ({
  type,
  ...metadata,
  id: dbEntry.id,
  connectorId: dbEntry.connectorId,
  syncProfile: dbEntry.syncProfile,
  metadata: dbEntry.metadata,
  enableTokenStorage: dbEntry.enableTokenStorage,
  isDemo: false,
  extraInfo: {},
  config: dbEntry.config,
});

/** `removeUnavailableSocialConnectorTargets` of the sign-in experience library. */
export const removeUnavailableSocialTargets = (context: SandboxContext) => {
  const available = new Set(
    getLogtoConnectors(context)
      .filter(({ type }) => type === 'Social')
      .map(({ metadata }) => metadata.target)
  );
  const experience = context.store.state.signInExperience;
  const targets = (experience.socialSignInConnectorTargets as string[] | undefined) ?? [];
  experience.socialSignInConnectorTargets = targets.filter((target) => available.has(target));
};
