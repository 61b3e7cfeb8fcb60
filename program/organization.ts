import type { ApiResource, SsoConnector } from "../resources";
import { Organization, OrganizationRole, OrganizationScope } from "../resources";
import type { StackConfig } from "./config";

/** The scopes Auth.js asks for to get organization claims (`organizations`, `organization_roles`) in the ID token. */
export const organizationClaimScopes = ["urn:logto:scope:organizations", "urn:logto:scope:organization_roles"];

/**
 * B2B: the organization template (organization permissions and roles, which may hold the app's
 * API permissions) and one organization for the enterprise customer. Its employees join it just
 * in time, with the default roles, when they sign in through the Okta connector or with a
 * verified email of the customer's domains.
 */
export function customerOrganization(config: StackConfig, okta: SsoConnector | undefined, api: ApiResource | undefined): Organization | undefined {
  if (!config.organization) return undefined;
  const permissions = Object.fromEntries(
    Object.entries(config.organizationPermissions).map(([name, description]) => [name, new OrganizationScope(`org-permission-${name}`, { name, description })]),
  );
  const roles = Object.entries(config.organizationRoles).map(([name, role]) => ({
    isDefault: role.default,
    role: new OrganizationRole(`org-role-${name}`, {
      name,
      description: role.description,
      permissions: role.permissions.map((permission) => permissions[permission]!),
      apiPermissions: api && role.apiPermissions.length ? [{ api, scopes: role.apiPermissions }] : [],
    }),
  }));
  const domains = config.organizationDomains.length ? config.organizationDomains : config.oktaDomains;
  return new Organization("customer", {
    name: config.organizationName,
    jit: {
      emailDomains: domains,
      ssoConnectors: okta ? [okta] : [],
      roles: roles.filter(({ isDefault }) => isDefault).map(({ role }) => role),
    },
  });
}
