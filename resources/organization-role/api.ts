import { apiCatalog } from "../api-resource/catalog";
import type { RolePermissions } from "../role/schema";
import type { OrganizationRoleArgs } from "./schema";

export const organizationRolesPath = "/api/organization-roles";
export const organizationRolePath = (id: string) => `${organizationRolesPath}/${encodeURIComponent(id)}`;
export const organizationRoleScopesPath = (id: string) => `${organizationRolePath(id)}/scopes`;
export const organizationRoleResourceScopesPath = (id: string) => `${organizationRolePath(id)}/resource-scopes`;

export interface LogtoOrganizationRole {
  id: string;
  name: string;
  description: string | null;
  type: OrganizationRoleArgs["type"];
}

/** An item of `GET /api/organization-roles/:id/resource-scopes`. */
export interface LogtoResourceScope {
  id: string;
  resourceId: string;
  name: string;
}

export const toCreateBody = (args: OrganizationRoleArgs, resourceScopeIds: string[]) => ({
  ...toPatchBody(args),
  organizationScopeIds: args.permissions,
  resourceScopeIds,
});

export const toPatchBody = (args: OrganizationRoleArgs) => ({ name: args.name, description: args.description, type: args.type });

export async function fromLogto(role: LogtoOrganizationRole, scopes: Array<{ id: string }>, resourceScopes: LogtoResourceScope[]): Promise<Omit<OrganizationRoleArgs, "adoptId">> {
  return {
    name: role.name,
    description: role.description,
    type: role.type,
    permissions: scopes.map((scope) => scope.id).sort(),
    apiPermissions: await apiPermissionsOf(resourceScopes),
  };
}

async function apiPermissionsOf(resourceScopes: LogtoResourceScope[]): Promise<RolePermissions[]> {
  const byApi = new Map<string, string[]>();
  for (const scope of resourceScopes) {
    const api = (await apiCatalog.indicatorOf(scope.resourceId)) ?? scope.resourceId;
    byApi.set(api, [...(byApi.get(api) ?? []), scope.name]);
  }
  return [...byApi.keys()].sort().map((api) => ({ api, scopes: byApi.get(api)!.sort() }));
}
