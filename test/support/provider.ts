import type * as pulumi from "@pulumi/pulumi";
import { configureLogto } from "../../resources/logto";
import { unmarked } from "../../resources/provider-kit/secrets";
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

/** Inputs or outputs as the engine passes them back to a dynamic provider: secrets unwrapped (it does not accept secrets). */
export const asTheEngineSendsIt = <T>(value: T): T => unmarked(value) as T;

/**
 * A provider whose results come back as the engine later hands them to it (secrets unwrapped),
 * for tests that feed one call's outputs to the next: create's outs to update, read's to diff.
 */
export function passingResultsOn<P extends pulumi.dynamic.ResourceProvider>(provider: P): P {
  const unwrapped = <F extends ((...args: never[]) => Promise<unknown>) | undefined>(call: F) =>
    (call && (async (...args: never[]) => asTheEngineSendsIt(await call.apply(provider, args)))) as F;
  return {
    ...provider,
    check: unwrapped(provider.check),
    create: unwrapped(provider.create),
    read: unwrapped(provider.read),
    update: unwrapped(provider.update),
  };
}
