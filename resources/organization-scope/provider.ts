import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, managementClient } from "../logto";
import { checkResource } from "../provider-kit/check";
import { createUnique } from "../provider-kit/create-unique";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { fromLogto, organizationScopePath, organizationScopesPath, toBody, type LogtoOrganizationScope } from "./api";
import { organizationScopeArgsSchema, ownedFields, type OrganizationScopeArgs } from "./schema";

export interface OrganizationScopeOutputs extends OrganizationScopeArgs {
  organizationScopeId: string;
}

export const provider: pulumi.dynamic.ResourceProvider<OrganizationScopeArgs, OrganizationScopeOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(organizationScopeArgsSchema, olds, news);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ownedFields);
  },

  async create(args) {
    const scope = await createScope(args);
    return { id: scope.id, outs: outputsOf(scope, args) };
  },

  async read(id, props) {
    const scope = await managementClient().find<LogtoOrganizationScope>(organizationScopePath(id));
    if (!scope) return {};
    const adopted = props?.adoptId === undefined ? {} : { adoptId: props.adoptId };
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: outputsOf(scope, adopted), inputs: { ...fromLogto(scope), ...adopted } as OrganizationScopeOutputs };
  },

  async update(id, _olds, news) {
    return { outs: outputsOf(await managementClient().patch<LogtoOrganizationScope>(organizationScopePath(id), toBody(news)), news) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(organizationScopePath(id));
    scopesBeforeThisRun.forget(id);
  },
};

/** Names are unique in the organization template: one already there under ours is taken over. */
async function createScope(args: OrganizationScopeArgs): Promise<LogtoOrganizationScope> {
  const client = managementClient();
  const existing = args.adoptId === undefined ? await scopesBeforeThisRun.find(namedAs(args)) : await adoptable(args.adoptId);
  if (existing) return client.patch<LogtoOrganizationScope>(organizationScopePath(existing.id), toBody(args));
  return createUnique(
    () => client.post<LogtoOrganizationScope>(organizationScopesPath, toBody(args)),
    async () => (await listScopes()).find(namedAs(args)),
  );
}

const namedAs = (args: OrganizationScopeArgs) => (scope: LogtoOrganizationScope) => scope.name === args.name;

const listScopes = () => managementClient().get<LogtoOrganizationScope[]>(organizationScopesPath);

const scopesBeforeThisRun = new ListedBeforeThisRun(listScopes);

async function adoptable(id: string): Promise<LogtoOrganizationScope> {
  const scope = await managementClient().find<LogtoOrganizationScope>(organizationScopePath(id));
  if (!scope) throw new Error(`adoptId: Logto has no organization permission ${id} to take over`);
  return scope;
}

const outputsOf = (scope: LogtoOrganizationScope, args: Pick<OrganizationScopeArgs, "adoptId">): OrganizationScopeOutputs => ({
  ...fromLogto(scope),
  ...(args.adoptId !== undefined && { adoptId: args.adoptId }),
  organizationScopeId: scope.id,
});
