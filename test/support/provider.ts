import { configureLogto } from "../../resources/logto";
import type { Sandbox } from "./sandbox";

/** Points every provider module of this process at `sandbox`, as `configure` does from stack config. */
export function configureProvidersFor(sandbox: Sandbox): void {
  const config: Record<string, string> = {
    "logto:endpoint": sandbox.endpoint,
    "logto:m2mAppId": sandbox.appId,
    "logto:m2mAppSecret": sandbox.appSecret,
    "logto:maxAttempts": "3",
  };
  configureLogto((key) => config[key]);
}

/** Requests that changed something in Logto (not token, read or test-admin requests). */
export async function writesSeenBy(sandbox: Sandbox) {
  return (await sandbox.requests()).filter((entry) => entry.class === "write");
}

/**
 * A provider module as a new `pulumi` run loads it: each run starts a provider process, so no
 * module state (client, token, lists taken once per run) carries over. Configured for `sandbox`.
 */
export function providerOfANewRun<Module>(sandbox: Sandbox, resourceType: string): Module {
  let loaded!: Module;
  jest.isolateModules(() => {
    (require("./provider") as typeof import("./provider")).configureProvidersFor(sandbox);
    loaded = require(`../../resources/${resourceType}/provider`);
  });
  return loaded;
}
