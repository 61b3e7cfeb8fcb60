import type { RoleArgs, RolePermissions, RoleType } from "./schema";

export const rolesPath = "/api/roles";
export const rolePath = (id: string) => `${rolesPath}/${encodeURIComponent(id)}`;
export const roleScopesPath = (id: string) => `${rolePath(id)}/scopes`;
export const roleScopePath = (id: string, scopeId: string) => `${roleScopesPath(id)}/${encodeURIComponent(scopeId)}`;

export interface LogtoRole {
  id: string;
  name: string;
  description: string;
  type: RoleType;
  isDefault: boolean;
}

/** An item of `GET /api/roles/:id/scopes`: a scope with its API resource. */
export interface LogtoRoleScope {
  id: string;
  name: string;
  resource: { id: string; indicator: string };
}

/** Logto refuses an empty `scopeIds` (after making the role): it is left out then. */
export const toCreateBody = (args: RoleArgs, scopeIds: string[]) => ({
  name: args.name,
  description: args.description,
  type: args.type,
  isDefault: args.isDefault,
  ...(scopeIds.length && { scopeIds }),
});

/** Logto ignores `type` on PATCH; changing it replaces the role. */
export const toPatchBody = (args: RoleArgs) => ({ name: args.name, description: args.description, isDefault: args.isDefault });

export function fromLogto(role: LogtoRole, scopes: LogtoRoleScope[]): Omit<RoleArgs, "adoptId"> {
  return { name: role.name, description: role.description, type: role.type, isDefault: role.isDefault, permissions: permissionsOf(scopes) };
}

function permissionsOf(scopes: LogtoRoleScope[]): RolePermissions[] {
  const byIndicator = new Map<string, string[]>();
  for (const scope of scopes) byIndicator.set(scope.resource.indicator, [...(byIndicator.get(scope.resource.indicator) ?? []), scope.name]);
  return [...byIndicator.keys()].sort().map((api) => ({ api, scopes: byIndicator.get(api)!.sort() }));
}
