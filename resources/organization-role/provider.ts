import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { permissionIds } from "../api-resource/catalog";
import { configureFromStack, managementClient } from "../logto";
import { checkResource } from "../provider-kit/check";
import { createUnique } from "../provider-kit/create-unique";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import {
  fromLogto,
  organizationRolePath,
  organizationRoleResourceScopesPath,
  organizationRoleScopesPath,
  organizationRolesPath,
  toCreateBody,
  toPatchBody,
  type LogtoOrganizationRole,
  type LogtoResourceScope,
} from "./api";
import { organizationRoleArgsSchema, ownedFields, type OrganizationRoleArgs } from "./schema";

export interface OrganizationRoleOutputs extends OrganizationRoleArgs {
  organizationRoleId: string;
}

export const provider: pulumi.dynamic.ResourceProvider<OrganizationRoleArgs, OrganizationRoleOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(organizationRoleArgsSchema, olds, news);
  },

  async diff(_id, olds, news) {
    // Logto changes an organization role's type in place.
    return diffOwned(olds, news, ownedFields);
  },

  async create(args) {
    const role = await createRole(args);
    return { id: role.id, outs: { ...args, organizationRoleId: role.id } };
  },

  async read(id, props) {
    const client = managementClient();
    const role = await client.find<LogtoOrganizationRole>(organizationRolePath(id));
    if (!role) return {};
    const [scopes, resourceScopes] = await Promise.all([
      client.get<Array<{ id: string }>>(organizationRoleScopesPath(id)),
      client.get<LogtoResourceScope[]>(organizationRoleResourceScopesPath(id)),
    ]);
    const current = await fromLogto(role, scopes, resourceScopes);
    const adopted = props?.adoptId === undefined ? {} : { adoptId: props.adoptId };
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: { ...current, ...adopted, organizationRoleId: id }, inputs: { ...current, ...adopted } as OrganizationRoleOutputs };
  },

  async update(id, olds, news) {
    await converge(id, news, olds);
    return { outs: { ...news, organizationRoleId: id } };
  },

  async delete(id) {
    await managementClient().deleteIfExists(organizationRolePath(id));
    rolesBeforeThisRun.forget(id);
  },
};

/**
 * Names are unique in the organization template: one already there under ours (an interrupted
 * run's, say) is taken over. Logto's create sets the permissions in the same write (atomically).
 */
async function createRole(args: OrganizationRoleArgs): Promise<LogtoOrganizationRole> {
  const client = managementClient();
  const existing = args.adoptId === undefined ? await rolesBeforeThisRun.find(namedAs(args)) : await adoptable(args.adoptId);
  if (existing) {
    await converge(existing.id, args);
    return existing;
  }
  const resourceScopeIds = await permissionIds(args.apiPermissions, "apiPermissions");
  return createUnique(
    () => client.post<LogtoOrganizationRole>(organizationRolesPath, toCreateBody(args, resourceScopeIds)),
    async () => (await listRoles()).find(namedAs(args)),
  );
}

/** Sets what differs from `olds` (everything when unknown); the relation PUTs replace whole sets, atomically. */
async function converge(id: string, args: OrganizationRoleArgs, olds?: OrganizationRoleArgs): Promise<void> {
  const client = managementClient();
  const changed = (field: keyof OrganizationRoleArgs) => !olds || !isDeepStrictEqual(olds[field], args[field]);
  await Promise.all([
    (changed("name") || changed("description") || changed("type")) && client.patch(organizationRolePath(id), toPatchBody(args)),
    changed("permissions") && client.put(organizationRoleScopesPath(id), { organizationScopeIds: args.permissions }),
    changed("apiPermissions") && permissionIds(args.apiPermissions, "apiPermissions").then((scopeIds) => client.put(organizationRoleResourceScopesPath(id), { scopeIds })),
  ]);
}

const namedAs = (args: OrganizationRoleArgs) => (role: LogtoOrganizationRole) => role.name === args.name;

const listRoles = () => managementClient().getAllPages<LogtoOrganizationRole>(organizationRolesPath);

const rolesBeforeThisRun = new ListedBeforeThisRun(listRoles);

async function adoptable(id: string): Promise<LogtoOrganizationRole> {
  const role = await managementClient().find<LogtoOrganizationRole>(organizationRolePath(id));
  if (!role) throw new Error(`adoptId: Logto has no organization role ${id} to take over`);
  return role;
}
