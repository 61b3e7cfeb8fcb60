import * as pulumi from "@pulumi/pulumi";
import { ApiResource, Application, Role } from "../resources";
import type { StackConfig } from "./config";

export interface AppApi {
  api: ApiResource;
  roles: Role[];
  client?: Application;
  /** What Auth.js asks Logto for, to get access tokens for the API: its indicator and permissions. */
  resource: string;
  scopes: string[];
}

/**
 * The app's own API: an API resource with its permissions, user roles that hold them (default
 * roles are given to every new user), and optionally a machine-to-machine client (a backend
 * job) with a role of its own. Auth.js asks for every permission; Logto puts in the access
 * token those the user's roles hold.
 */
export function appApi(config: StackConfig): AppApi | undefined {
  if (!config.api) return undefined;
  const name = config.apiName ?? `API (${pulumi.getStack()})`;
  const api = new ApiResource("api", { name, indicator: config.apiIndicator, scopes: config.apiPermissions });
  const roles = Object.entries(config.apiRoles).map(
    ([roleName, role]) =>
      new Role(`api-role-${roleName}`, {
        name: roleName,
        description: role.description,
        isDefault: role.default,
        permissions: role.permissions.length ? [{ api, scopes: role.permissions }] : [],
      }),
  );
  const client = config.apiM2mClient ? machineClient(config, api, name) : undefined;
  return {
    api,
    roles,
    client,
    resource: config.apiIndicator,
    scopes: Object.keys(config.apiPermissions),
  };
}

function machineClient(config: StackConfig, api: ApiResource, apiName: string): Application {
  const role = new Role("api-client-role", {
    name: `${apiName} client`,
    description: `Machine-to-machine access to ${apiName}`.slice(0, 128),
    type: "MachineToMachine",
    permissions: [{ api, scopes: config.apiM2mPermissions }],
  });
  return new Application("api-client", { name: `${apiName} client`, type: "MachineToMachine", roles: [role] });
}
