import type { ApiResourceArgs } from "./schema";

export const resourcesPath = "/api/resources";
export const resourcePath = (id: string) => `${resourcesPath}/${encodeURIComponent(id)}`;
export const scopesPath = (resourceId: string) => `${resourcePath(resourceId)}/scopes`;
export const scopePath = (resourceId: string, scopeId: string) => `${scopesPath(resourceId)}/${encodeURIComponent(scopeId)}`;

export interface LogtoResource {
  id: string;
  name: string;
  indicator: string;
  isDefault: boolean;
  accessTokenTtl: number;
  /** Present in `GET /api/resources?includeScopes=true` and in the POST answer. */
  scopes?: LogtoScope[];
}

export interface LogtoScope {
  id: string;
  resourceId: string;
  name: string;
  description: string | null;
}

export const toCreateBody = (args: ApiResourceArgs) => ({ name: args.name, indicator: args.indicator, accessTokenTtl: args.accessTokenTtl });

/** Logto ignores `indicator` on PATCH; changing it replaces the resource. */
export const toPatchBody = (args: ApiResourceArgs) => ({ name: args.name, accessTokenTtl: args.accessTokenTtl });

export const scopeBody = (name: string, description: string) => ({ name, description: description || null });

export function fromLogto(resource: LogtoResource, scopes: LogtoScope[]): Omit<ApiResourceArgs, "adoptId"> {
  return {
    name: resource.name,
    indicator: resource.indicator,
    accessTokenTtl: resource.accessTokenTtl,
    isDefault: resource.isDefault,
    scopes: Object.fromEntries(sortedByName(scopes).map((scope) => [scope.name, scope.description ?? ""])),
  };
}

export const scopeIdsOf = (scopes: LogtoScope[]) => Object.fromEntries(sortedByName(scopes).map((scope) => [scope.name, scope.id]));

const sortedByName = (scopes: LogtoScope[]) => [...scopes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** What to send so that Logto's permissions become `desired`: each permission is touched only if it differs. */
export function planScopes(current: LogtoScope[], desired: Record<string, string>) {
  const byName = new Map(current.map((scope) => [scope.name, scope]));
  return {
    add: Object.entries(desired).filter(([name]) => !byName.has(name)),
    describe: Object.entries(desired).flatMap(([name, description]) => {
      const scope = byName.get(name);
      return scope && (scope.description ?? "") !== description ? [{ scope, description }] : [];
    }),
    remove: current.filter((scope) => !(scope.name in desired)),
  };
}
