import type * as pulumi from "@pulumi/pulumi";
import { AmbiguousWriteError, configureFromStack, managementClient } from "../logto";
import { permissionIds } from "../api-resource/catalog";
import { checkResource } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { fromLogto, rolePath, roleScopePath, roleScopesPath, rolesPath, toCreateBody, toPatchBody, type LogtoRole, type LogtoRoleScope } from "./api";
import { ownedFields, roleArgsSchema, type RoleArgs, type RoleArgsSchema, type RolePermissions } from "./schema";

export interface RoleOutputs extends RoleArgs {
  roleId: string;
}

/** Built once per process, for the tenant's Management API indicator. */
let argsSchema: { indicator: string | undefined; schema: RoleArgsSchema } | undefined;

function schemaForTenant(): RoleArgsSchema {
  let indicator: string | undefined;
  try {
    indicator = managementClient().connection.resource;
  } catch {
    indicator = undefined; // provider config incomplete: that is reported when a request is made
  }
  if (argsSchema?.indicator !== indicator || !argsSchema) argsSchema = { indicator, schema: roleArgsSchema(indicator) };
  return argsSchema.schema;
}

export const provider: pulumi.dynamic.ResourceProvider<RoleArgs, RoleOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(schemaForTenant(), olds, news);
  },

  async diff(_id, olds, news) {
    // Names are unique in Logto across both types: the old role must go before its replacement comes.
    return diffOwned(olds, news, ownedFields, ["type"], true);
  },

  async create(args) {
    const role = await createRole(args);
    return { id: role.id, outs: outputsOf(role, args) };
  },

  async read(id, props) {
    const client = managementClient();
    const role = await client.find<LogtoRole>(rolePath(id));
    if (!role) return {};
    const current = fromLogto(role, await client.get<LogtoRoleScope[]>(roleScopesPath(id)));
    const adopted = props?.adoptId === undefined ? {} : { adoptId: props.adoptId };
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: { ...current, ...adopted, roleId: id }, inputs: { ...current, ...adopted } as RoleOutputs };
  },

  async update(id, olds, news) {
    const role = ownedFields.some((field) => field !== "permissions" && olds[field] !== news[field])
      ? await managementClient().patch<LogtoRole>(rolePath(id), toPatchBody(news))
      : { id, ...news };
    await grant(id, news.permissions);
    return { outs: outputsOf(role, news) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(rolePath(id));
    rolesBeforeThisRun.forget(id);
  },
};

/**
 * Role names are unique in Logto, so the name identifies the role this resource manages: one
 * already there (an interrupted run's, say) is taken over, never duplicated. A new role is made
 * with its permissions in one request.
 */
async function createRole(args: RoleArgs): Promise<LogtoRole> {
  const client = managementClient();
  const existing = args.adoptId === undefined ? await rolesBeforeThisRun.find((role) => role.name === args.name) : await adoptable(args.adoptId);
  if (existing) {
    if (existing.type !== args.type) {
      const taken = args.adoptId === undefined ? `the name "${args.name}" is taken by` : `adoptId: ${existing.id} is`;
      throw new Error(`${taken} a ${existing.type} role; Logto cannot change a role's type: choose another name, or delete that role`);
    }
    const role = await client.patch<LogtoRole>(rolePath(existing.id), toPatchBody(args));
    await grant(role.id, args.permissions);
    return role;
  }
  const post = async () => client.post<LogtoRole>(rolesPath, toCreateBody(args, await permissionIds(args.permissions)));
  try {
    return await post();
  } catch (error) {
    // Logto makes the role before it checks the permissions, and an answer can be lost: the
    // role is looked up by its name, and given its permissions one by one if it is there.
    const named = (await client.getAllPages<LogtoRole>(rolesPath, { search: args.name })).find((role) => role.name === args.name);
    if (!named) {
      if (error instanceof AmbiguousWriteError) return post();
      throw error;
    }
    await grant(named.id, args.permissions);
    return named;
  }
}

async function adoptable(id: string): Promise<LogtoRole> {
  const role = await managementClient().find<LogtoRole>(rolePath(id));
  if (!role) throw new Error(`adoptId: Logto has no role ${id} to take over`);
  return role;
}

const rolesBeforeThisRun = new ListedBeforeThisRun(() => managementClient().getAllPages<LogtoRole>(rolesPath));

/** Makes the role's permissions exactly `permissions`: adds what is missing, removes the rest. */
async function grant(roleId: string, permissions: RolePermissions[]): Promise<void> {
  const client = managementClient();
  const wanted = new Set(await permissionIds(permissions));
  const held = async () => new Set((await client.get<LogtoRoleScope[]>(roleScopesPath(roleId))).map((scope) => scope.id));
  const current = await held();
  const missing = (has: Set<string>) => [...wanted].filter((id) => !has.has(id));
  if (missing(current).length) {
    await client.post(roleScopesPath(roleId), { scopeIds: missing(current) }).catch(async (error) => {
      // The answer was lost: what landed is not sent again (Logto refuses a scope the role has).
      if (!(error instanceof AmbiguousWriteError)) throw error;
      const still = missing(await held());
      if (still.length) await client.post(roleScopesPath(roleId), { scopeIds: still });
    });
  }
  await Promise.all([...current].filter((id) => !wanted.has(id)).map((id) => client.deleteIfExists(roleScopePath(roleId, id))));
}

function outputsOf(role: Pick<LogtoRole, "id">, args: RoleArgs): RoleOutputs {
  return { ...args, roleId: role.id };
}
