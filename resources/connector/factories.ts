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

const loaded = new Map<string, Promise<ConnectorFactory>>();

/** The factory of a package that ships with this project, loaded on first use. */
function bundledFactory(id: string): Promise<ConnectorFactory> | undefined {
  if (!Object.hasOwn(bundledConnectorPackages, id)) return undefined;
  let factory = loaded.get(id);
  if (!factory) {
    factory = loadConnectorPackage(bundledConnectorPackages[id]).then((connector) => {
      const { target, isStandard } = connector.metadata;
      return { id, type: connector.type, target, isStandard: Boolean(isStandard), configGuard: connector.configGuard };
    });
    loaded.set(id, factory);
  }
  return factory;
}

interface FactoryResponse {
  id: string;
  type: ConnectorFactory["type"];
  target: string;
  isStandard?: boolean;
}

/** The factory by id: bundled ones offline, any other asked of Logto; undefined if Logto has none. */
export async function findFactory(id: string): Promise<ConnectorFactory | undefined> {
  const bundled = bundledFactory(id);
  if (bundled) return bundled;
  const served = await managementClient().find<FactoryResponse>(`/api/connector-factories/${encodeURIComponent(id)}`);
  return served && { id, type: served.type, target: served.target, isStandard: Boolean(served.isStandard) };
}
