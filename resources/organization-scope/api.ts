import type { OrganizationScopeArgs } from "./schema";

export const organizationScopesPath = "/api/organization-scopes";
export const organizationScopePath = (id: string) => `${organizationScopesPath}/${encodeURIComponent(id)}`;

export interface LogtoOrganizationScope {
  id: string;
  name: string;
  description: string | null;
}

export const toBody = (args: OrganizationScopeArgs) => ({ name: args.name, description: args.description });

export const fromLogto = (scope: LogtoOrganizationScope): Omit<OrganizationScopeArgs, "adoptId"> => ({ name: scope.name, description: scope.description });
