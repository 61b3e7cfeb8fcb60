"use strict";
// The prototype of every serialized provider: each resource type's provider is
// `Object.create(this module)` with one own property, `implementation`, the module that does the
// work. Plain JavaScript, so the provider process loads it without a transpiler.
//
// Why a module of its own: Pulumi writes the serialized provider into state twice per resource
// (inputs and outputs) and rewrites the whole state after every step. A module found under
// node_modules is serialized as a `require` of its name, so each copy is a few hundred bytes
// instead of this code. In this repository npm installs this folder into node_modules as a copy
// (`install-links` in .npmrc); in the published package it is `logto-pulumi/provider-loader`.

const packageReference = "package:";

/** Loaded implementations by reference: every call of every resource goes through `load`. */
const loaded = {};

function load(implementation) {
  return (loaded[implementation] ??= resolve(implementation));
}

/** The implementation's `provider` export. `package:<specifier>` resolves from the program directory, anything else is a path relative to it. */
function resolve(implementation) {
  if (implementation.startsWith(packageReference)) {
    return require(require.resolve(implementation.slice(packageReference.length), { paths: [process.cwd()] })).provider;
  }
  const file = require("path").resolve(implementation);
  // Our TypeScript sources need ts-node (registered once); a compiled copy does not.
  if (!require.extensions[".ts"] && require("fs").existsSync(`${file}.ts`)) {
    require(require.resolve("ts-node", { paths: [file] })).register({ transpileOnly: true });
  }
  return require(file).provider;
}

/** Every method of a dynamic provider, called on the serialized object (`this`): its implementation's. */
const methods = ["configure", "check", "diff", "create", "read", "update", "delete"];
module.exports = Object.fromEntries(
  methods.map((method) => [
    method,
    function (...args) {
      return load(this.implementation)[method](...args);
    },
  ]),
);
