import type * as pulumi from "@pulumi/pulumi";
import { configureFromStack, managementClient } from "../logto";
import { checkResource } from "../provider-kit/check";
import { createUnique } from "../provider-kit/create-unique";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import {
  fromLogto,
  planScopes,
  resourcePath,
  resourcesPath,
  scopeBody,
  scopeIdsOf,
  scopePath,
  scopesPath,
  toCreateBody,
  toPatchBody,
  type LogtoResource,
  type LogtoScope,
} from "./api";
import { apiCatalog } from "./catalog";
import { apiResourceArgsSchema, managementApiId, ownedFields, type ApiResourceArgs } from "./schema";

export interface ApiResourceOutputs extends ApiResourceArgs {
  resourceId: string;
  /** Permission name → scope id. */
  scopeIds: Record<string, string>;
}

export const provider: pulumi.dynamic.ResourceProvider<ApiResourceArgs, ApiResourceOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(apiResourceArgsSchema, olds, news);
  },

  async diff(_id, olds, news) {
    // The indicator is unique in Logto: the old API resource must go before its replacement comes.
    return diffOwned(olds, news, ownedFields, ["indicator"], true);
  },

  async create(args) {
    const { resource, scopes } = await createResource(args);
    return { id: resource.id, outs: await converge(resource, scopes, args) };
  },

  async read(id, props) {
    const resource = await managementClient().find<LogtoResource>(resourcePath(id));
    if (!resource) return {};
    const scopes = await scopesOf(id);
    const outs = outputsOf(resource, scopes, props ?? {});
    const { resourceId: _id, scopeIds: _scopeIds, ...inputs } = outs;
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: outs, inputs: inputs as ApiResourceOutputs };
  },

  async update(id, olds, news) {
    const client = managementClient();
    const resource =
      olds.name !== news.name || olds.accessTokenTtl !== news.accessTokenTtl
        ? await client.patch<LogtoResource>(resourcePath(id), toPatchBody(news))
        : { id, indicator: news.indicator, name: news.name, accessTokenTtl: news.accessTokenTtl, isDefault: olds.isDefault };
    return { outs: await converge(resource, await scopesOf(id), news) };
  },

  async delete(id, props) {
    await managementClient().deleteIfExists(resourcePath(id));
    resourcesBeforeThisRun.forget(id);
    if (props?.indicator) apiCatalog.forget(props.indicator);
  },
};

/**
 * Indicators are unique in Logto, so the indicator identifies the API resource this resource
 * manages: one already there (an interrupted run's, say) is taken over, never duplicated.
 */
async function createResource(args: ApiResourceArgs): Promise<{ resource: LogtoResource; scopes: LogtoScope[] }> {
  if (args.adoptId !== undefined) return adopt(args.adoptId, args);
  const existing = await resourcesBeforeThisRun.find((resource) => resource.indicator === args.indicator);
  if (existing) return { resource: await managementClient().patch<LogtoResource>(resourcePath(existing.id), toPatchBody(args)), scopes: existing.scopes ?? [] };
  const resource = await createUnique(
    () => managementClient().post<LogtoResource>(resourcesPath, toCreateBody(args)),
    async () => (await listResources()).find((listed) => listed.indicator === args.indicator),
  );
  return { resource, scopes: resource.scopes ?? [] };
}

async function adopt(id: string, args: ApiResourceArgs) {
  const resource = await managementClient().find<LogtoResource>(resourcePath(id));
  if (!resource) throw new Error(`adoptId: Logto has no API resource ${id} to take over`);
  if (resource.indicator !== args.indicator) {
    throw new Error(`adoptId: API resource ${id} has the indicator ${resource.indicator}, not ${args.indicator}; Logto cannot change an indicator`);
  }
  return { resource: await managementClient().patch<LogtoResource>(resourcePath(id), toPatchBody(args)), scopes: await scopesOf(id) };
}

/** Brings the permissions and the default flag to what `args` declare; answers the outputs. */
async function converge(resource: LogtoResource, current: LogtoScope[], args: ApiResourceArgs): Promise<ApiResourceOutputs> {
  const client = managementClient();
  const plan = planScopes(current, args.scopes);
  const [added, described] = await Promise.all([
    Promise.all(plan.add.map(([name, description]) => createScope(resource.id, name, description))),
    Promise.all(plan.describe.map(({ scope, description }) => client.patch<LogtoScope>(scopePath(resource.id, scope.id), { description: description || null }))),
    Promise.all(plan.remove.map((scope) => client.deleteIfExists(scopePath(resource.id, scope.id)))),
  ]);
  const kept = current.filter((scope) => scope.name in args.scopes && !described.some((changed) => changed.id === scope.id));
  const scopes = [...kept, ...described, ...added];
  const isDefault = resource.isDefault === args.isDefault ? resource : await setDefault(resource.id, args.isDefault);
  const outs = outputsOf({ ...resource, isDefault: isDefault.isDefault }, scopes, args);
  apiCatalog.record(resource, outs.scopeIds);
  return outs;
}

function createScope(resourceId: string, name: string, description: string): Promise<LogtoScope> {
  return createUnique(
    () => managementClient().post<LogtoScope>(scopesPath(resourceId), scopeBody(name, description)),
    async () => (await scopesOf(resourceId)).find((scope) => scope.name === name),
  );
}

/** Logto keeps one default API: making this one the default takes the flag from any other. */
const setDefault = (id: string, isDefault: boolean) => managementClient().patch<LogtoResource>(`${resourcePath(id)}/is-default`, { isDefault });

const scopesOf = (resourceId: string) => managementClient().getAllPages<LogtoScope>(scopesPath(resourceId));

const listResources = () => managementClient().get<LogtoResource[]>(resourcesPath, { query: { includeScopes: "true" } });

const resourcesBeforeThisRun = new ListedBeforeThisRun(async () => (await listResources()).filter((resource) => resource.id !== managementApiId));

function outputsOf(resource: LogtoResource, scopes: LogtoScope[], args: Partial<ApiResourceArgs>): ApiResourceOutputs {
  return {
    ...fromLogto(resource, scopes),
    ...(args.adoptId !== undefined && { adoptId: args.adoptId }),
    resourceId: resource.id,
    scopeIds: scopeIdsOf(scopes),
  };
}
