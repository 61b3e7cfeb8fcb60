import { ManagementClient } from "./client";
import { resolveConnection } from "./config";
import { resolveClientOptions } from "./tuning";

export { ManagementClient } from "./client";
export { AmbiguousWriteError, LogtoApiError, LogtoConfigError } from "./errors";
export type { LogtoConnection } from "./config";

type ConfigLookup = (key: string) => string | undefined;

let configLookup: ConfigLookup = () => undefined;
const clients = new Map<string, ManagementClient>();

/** Called from every dynamic provider's `configure` with the stack config. */
export function configureLogto(lookup: ConfigLookup): void {
  configLookup = lookup;
}

/** Every provider's `configure`: the stack config (`logto:*`, secrets unwrapped) becomes the client's. */
export async function configureFromStack(req: { config: { get(key: string): string | undefined } }): Promise<void> {
  configureLogto((key) => req.config.get(key));
}

/**
 * The process-wide client for the configured tenant. Every resource type shares it, and so
 * shares one token and one concurrency limit.
 */
export function managementClient(): ManagementClient {
  const connection = resolveConnection(configLookup);
  const options = resolveClientOptions(configLookup);
  const key = JSON.stringify([connection, options]);
  let client = clients.get(key);
  if (!client) {
    client = new ManagementClient(connection, options);
    clients.set(key, client);
  }
  return client;
}
