import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";

/**
 * Compares only the fields the user owns, after the resource's own normalization, so that
 * whatever Logto adds or reorders never shows up as a change.
 */
export function diffOwned<T extends object>(
  olds: T,
  news: T,
  owned: ReadonlyArray<keyof T & string>,
  replaceOn: ReadonlyArray<keyof T & string> = [],
  deleteBeforeReplace = false,
): pulumi.dynamic.DiffResult {
  const changed = owned.filter((key) => !isDeepStrictEqual(olds[key], news[key]));
  const replaces = changed.filter((key) => replaceOn.includes(key));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && deleteBeforeReplace,
  };
}
