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

function makeShim(implementation: string): pulumi.dynamic.ResourceProvider {
  // The provider process runs in the program directory, as this process does; a relative path
  // keeps state usable from another checkout of the project.
  const modulePath = require("path").relative(process.cwd(), implementation);
  return {
    configure: (req) => loadProvider(modulePath).configure!(req),
    check: (olds, news) => loadProvider(modulePath).check!(olds, news),
    diff: (id, olds, news) => loadProvider(modulePath).diff!(id, olds, news),
    create: (inputs) => loadProvider(modulePath).create(inputs),
    read: (id, props) => loadProvider(modulePath).read!(id, props),
    update: (id, olds, news) => loadProvider(modulePath).update!(id, olds, news),
    delete: (id, props) => loadProvider(modulePath).delete!(id, props),
  };
}

function loadProvider(modulePath: string): pulumi.dynamic.ResourceProvider {
  const path = require("path");
  const implementation = path.resolve(process.cwd(), modulePath);
  if (!require.extensions[".ts"]) {
    require(require.resolve("ts-node", { paths: [implementation] })).register({ transpileOnly: true });
  }
  return require(implementation).provider;
}
