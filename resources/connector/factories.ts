import type { ZodTypeAny } from "zod";
import { managementClient } from "../logto";
import { bundledConnectorPackages, loadConnectorPackage } from "../logto/connector-packages";

/** What the provider needs to know about a connector factory before talking to Logto. */
export interface ConnectorFactory {
  id: string;
  type: "Social" | "Email" | "Sms";
  isStandard: boolean;
  /** The factory's default target; standard connectors override it in `metadata.target`. */
  target: string;
  /** Logto's own config guard, when the factory's package ships with this project. */
  configGuard?: ZodTypeAny;
}

let bundled: Promise<Map<string, ConnectorFactory>> | undefined;

function bundledFactories(): Promise<Map<string, ConnectorFactory>> {
  bundled ??= loadBundledFactories();
  return bundled;
}

/** One package after another: they share dependencies, and loading them at once gains nothing. */
async function loadBundledFactories(): Promise<Map<string, ConnectorFactory>> {
  const factories = new Map<string, ConnectorFactory>();
  for (const name of bundledConnectorPackages) {
    const connector = await loadConnectorPackage(name);
    const { id, target, isStandard } = connector.metadata;
    factories.set(id, { id, type: connector.type, target, isStandard: Boolean(isStandard), configGuard: connector.configGuard });
  }
  return factories;
}

interface FactoryResponse {
  id: string;
  type: ConnectorFactory["type"];
  target: string;
  isStandard?: boolean;
}

/** The factory by id: bundled ones offline, any other asked of Logto; undefined if Logto has none. */
export async function findFactory(id: string): Promise<ConnectorFactory | undefined> {
  const known = (await bundledFactories()).get(id);
  if (known) return known;
  const served = await managementClient().find<FactoryResponse>(`/api/connector-factories/${encodeURIComponent(id)}`);
  return served && { id, type: served.type, target: served.target, isStandard: Boolean(served.isStandard) };
}
