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

/** The implementation's `provider` export. `package:<specifier>` resolves from the program directory, anything else is a path relative to it. */
function load(implementation) {
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

function call(provider, method, args) {
  return load(provider.implementation)[method](...args);
}

module.exports = {
  configure(...args) {
    return call(this, "configure", args);
  },
  check(...args) {
    return call(this, "check", args);
  },
  diff(...args) {
    return call(this, "diff", args);
  },
  create(...args) {
    return call(this, "create", args);
  },
  read(...args) {
    return call(this, "read", args);
  },
  update(...args) {
    return call(this, "update", args);
  },
  delete(...args) {
    return call(this, "delete", args);
  },
};
