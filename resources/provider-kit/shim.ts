import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider that Pulumi serializes into state for a resource type: a loader that requires
 * the real implementation module (`implementation`, an absolute path) in the provider process.
 *
 * Why not serialize the implementation itself: Pulumi stores the serialized provider on every
 * resource, so a serialized client, schemas and mappings would cost kilobytes per resource and
 * freeze old code into state. The loader holds no credentials and no code but this, every
 * resource type shares one loaded client (one token, one rate limit), and the implementation
 * keeps one stable contract: the `provider` export of `modulePath`.
 */
export function providerShim(implementation: string): pulumi.dynamic.ResourceProvider {
  // One object per implementation: Pulumi serializes each distinct provider object once, so
  // 200 resources of a type cost one serialization, not 200.
  let shim = shims.get(implementation);
  if (!shim) {
    shim = makeShim(implementation);
    shims.set(implementation, shim);
  }
  return shim;
}

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/** Marks a module reference resolved as a package: `package:logto-pulumi/provider/<kind>` (see package.json `exports`). */
const packageReference = "package:";

/**
 * Every method hands its arguments to one shared `call`: Pulumi writes each function of the
 * serialized provider with its captured values, twice per resource in state, and the state is
 * rewritten after every step, so each byte here costs engine time per resource.
 */
function makeShim(implementation: string): pulumi.dynamic.ResourceProvider {
  const call = providerCall(moduleReference(implementation));
  return {
    configure: (...args) => call("configure", args),
    check: (...args) => call("check", args),
    diff: (...args) => call("diff", args),
    create: (...args) => call("create", args),
    read: (...args) => call("read", args),
    update: (...args) => call("update", args),
    delete: (...args) => call("delete", args),
  };
}

function providerCall(modulePath: string) {
  return (method: keyof pulumi.dynamic.ResourceProvider, args: unknown[]): any => (loadProvider(modulePath)[method] as (...args: unknown[]) => unknown)(...args);
}

/**
 * How the provider process finds the implementation, written into state. Installed as a package,
 * by package specifier (`package:logto-pulumi/provider/application`): resolved from the program
 * directory, it survives the project moving and finds the installed version after an upgrade.
 * In this repository, a path relative to the program directory (the provider process runs
 * there, as this process does), so state is usable from another checkout.
 */
function moduleReference(implementation: string): string {
  const path = require("path") as typeof import("path");
  if (implementation.split(path.sep).includes("node_modules")) return `${packageReference}logto-pulumi/provider/${path.basename(path.dirname(implementation))}`;
  return path.relative(process.cwd(), implementation);
}

/** Our TypeScript sources need ts-node (registered once); a compiled copy (dist/) or the package does not. */
function loadProvider(modulePath: string): pulumi.dynamic.ResourceProvider {
  if (modulePath.startsWith(packageReference)) return require(require.resolve(modulePath.slice(packageReference.length), { paths: [process.cwd()] })).provider;
  const file = require("path").resolve(modulePath);
  if (!require.extensions[".ts"] && require("fs").existsSync(`${file}.ts`)) require(require.resolve("ts-node", { paths: [file] })).register({ transpileOnly: true });
  return require(file).provider;
}
