import type * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The provider that Pulumi serializes into state for a resource type: an object whose prototype
 * is the provider loader (./provider-loader) and whose one property names the implementation
 * module (`implementation`, an absolute path here), which the loader requires in the provider
 * process.
 *
 * Why not serialize the implementation itself: Pulumi stores the serialized provider on every
 * resource, so a serialized client, schemas and mappings would cost kilobytes per resource and
 * freeze old code into state. The loader holds no credentials, every resource type shares one
 * loaded client (one token, one rate limit), and the implementation keeps one stable contract:
 * the `provider` export of its module.
 */
export function providerShim(implementation: string): pulumi.dynamic.ResourceProvider {
  // One object per implementation: Pulumi serializes each distinct provider object once, so
  // 200 resources of a type cost one serialization, not 200.
  let shim = shims.get(implementation);
  if (!shim) {
    loader ??= providerLoader();
    shim = Object.assign(Object.create(loader) as pulumi.dynamic.ResourceProvider, { implementation: moduleReference(implementation) });
    shims.set(implementation, shim);
  }
  return shim;
}

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();
let loader: object | undefined;

const ownLoader = path.join(__dirname, "provider-loader", "index.js");
const installedName = "logto-pulumi-provider-loader";
const inNodeModules = (file: string) => file.split(path.sep).includes("node_modules");

/**
 * The loader as a module under node_modules, which Pulumi serializes as a `require` of its name
 * (a few hundred bytes per copy); anywhere else it would serialize the loader's code by value.
 * Installed as a package, that is our own copy; in this repository, npm's copy of
 * ./provider-loader, used while it is the same code (scripts/ensure-deps.sh refreshes it).
 */
function providerLoader(): object {
  if (inNodeModules(ownLoader)) return require(ownLoader);
  try {
    const installed = require.resolve(installedName, { paths: [__dirname] });
    if (fs.readFileSync(installed, "utf8") === fs.readFileSync(ownLoader, "utf8")) return require(installed);
  } catch {
    // not installed: serialized by value below
  }
  return require(ownLoader);
}

/** Marks a module reference resolved as a package: `package:logto-pulumi/provider/<kind>` (see package.json `exports`). */
const packageReference = "package:";

/**
 * How the provider process finds the implementation, written into state. Installed as a package,
 * by package specifier (`package:logto-pulumi/provider/application`): resolved from the program
 * directory, it survives the project moving and finds the installed version after an upgrade.
 * In this repository, a path relative to the program directory (the provider process runs
 * there, as this process does), so state is usable from another checkout.
 */
function moduleReference(implementation: string): string {
  if (inNodeModules(implementation)) return `${packageReference}logto-pulumi/provider/${path.basename(path.dirname(implementation))}`;
  return path.relative(process.cwd(), implementation);
}
