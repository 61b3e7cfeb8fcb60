// The stack settings this project declares in Pulumi.yaml, as the CLI hands them to the program.
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import { repoRoot } from "./engine";

const project = yaml.load(fs.readFileSync(`${repoRoot}/Pulumi.yaml`, "utf8")) as { config: Record<string, { default?: unknown }> };

/** Every declared key, without the project prefix. */
export const declaredConfigKeys = Object.keys(project.config);

/** The declared defaults as `logto-pulumi:<key>` config values (the CLI fills them in, not the program). */
export const declaredConfigDefaults: Record<string, string> = Object.fromEntries(
  Object.entries(project.config)
    .filter(([, schema]) => schema.default !== undefined)
    .map(([key, schema]) => [`logto-pulumi:${key}`, typeof schema.default === "string" ? schema.default : JSON.stringify(schema.default)]),
);
