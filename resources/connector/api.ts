import type { ConnectorFactory } from "./factories";
import type { ConnectorArgs } from "./schema";

/** The parts of Logto's connector response this resource reads. */
export interface LogtoConnector {
  id: string;
  connectorId: string;
  type: "Social" | "Email" | "Sms";
  target: string;
  platform: string | null;
  config: Record<string, unknown>;
  /** The stored overrides of the factory metadata (not the merged metadata). */
  metadata: ConnectorArgs["metadata"];
  syncProfile: boolean;
}

export const connectorPath = (id: string) => `/api/connectors/${encodeURIComponent(id)}`;

/** Logto rejects `metadata` for non-standard factories and `syncProfile` for non-social ones. */
export function toCreateBody(args: ConnectorArgs, factory: ConnectorFactory) {
  return { connectorId: args.factoryId, id: args.connectorId, ...toPatchBody(args, factory) };
}

/** PATCH replaces config and metadata whole, so both go complete; metadata keeps its target. */
export function toPatchBody(args: ConnectorArgs, factory: ConnectorFactory) {
  return {
    config: args.config,
    ...(factory.isStandard && { metadata: args.metadata }),
    ...(factory.type === "Social" && { syncProfile: args.syncProfile }),
  };
}

export function fromLogto(connector: LogtoConnector, callbackUrl: string): ConnectorArgs {
  return {
    factoryId: connector.connectorId,
    connectorId: connector.id,
    config: connector.config,
    metadata: connector.metadata ?? {},
    syncProfile: connector.syncProfile,
    callbackUrl,
  };
}
