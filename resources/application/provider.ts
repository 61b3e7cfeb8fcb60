import type * as pulumi from "@pulumi/pulumi";
import { AmbiguousWriteError, configureFromStack, managementClient } from "../logto";
import { logtoRules } from "../logto/rules";
import { checkResource } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { isMarked } from "../provider-kit/managed-by";
import {
  currentSecret,
  fromLogto,
  toCreateBody,
  toPatchBody,
  type LogtoApplication,
  type LogtoApplicationSecret,
} from "./api";
import { applicationArgsSchema, ownedFields, type ApplicationArgs } from "./schema";
import { issuerOf, openidConfigurationUrlOf } from "./urls";

export interface ApplicationOutputs extends ApplicationArgs {
  appId: string;
  appSecret?: string;
  issuer: string;
  openidConfigurationUrl: string;
}

/** Built once per process: a zod schema costs more to build than to check 200 apps with. */
let argsSchema: Promise<ReturnType<typeof applicationArgsSchema>> | undefined;

const applicationPath = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export const provider: pulumi.dynamic.ResourceProvider<ApplicationArgs, ApplicationOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(await (argsSchema ??= logtoRules().then(applicationArgsSchema)), olds, news);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ownedFields, ["type"]);
  },

  async create(args) {
    const { app, made } = await createApplication(args);
    if (args.roles) await grantRoles(app.id, args.roles, made ? [] : undefined);
    return { id: app.id, outs: await outputsOf(app, args) };
  },

  async read(id, props) {
    const app = await managementClient().find<LogtoApplication>(applicationPath(id));
    if (!app) return {};
    const roles = props?.roles === undefined ? {} : { roles: await rolesOf(id) };
    const outs = await outputsOf(app, { ...props, ...roles });
    const { appId: _appId, appSecret: _appSecret, issuer: _issuer, openidConfigurationUrl: _url, ...inputs } = outs;
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: outs, inputs: inputs as ApplicationOutputs };
  },

  async update(id, _olds, args) {
    const app = await updateApplication(id, args);
    if (args.roles) await grantRoles(id, args.roles);
    return { outs: await outputsOf(app, args) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(applicationPath(id));
    appsBeforeThisRun.forget(id);
  },
};

async function updateApplication(id: string, args: ApplicationArgs): Promise<LogtoApplication> {
  const client = managementClient();
  const current = await client.get<LogtoApplication>(applicationPath(id));
  return client.patch<LogtoApplication>(applicationPath(id), toPatchBody(args, current));
}

/**
 * Logto has no idempotency keys and application names are not unique, so every application we
 * make carries its resource's `managedBy` mark, and a create first looks for it: an app that an
 * interrupted run or an unanswered POST made is taken over, never made twice.
 */
async function createApplication(args: ApplicationArgs): Promise<{ app: LogtoApplication; made: boolean }> {
  if (args.adoptId !== undefined) return { app: await adoptApplication(args.adoptId, args), made: false };
  const earlier = args.managedBy === undefined ? undefined : await appsBeforeThisRun.find(markedFor(args), args.type);
  if (earlier) return { app: await updateApplication(earlier.id, args), made: false };
  try {
    return { app: await managementClient().post<LogtoApplication>("/api/applications", toCreateBody(args)), made: true };
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError) || args.managedBy === undefined) throw error;
    // Not sent again: a slow create may still land. The next run finds it by its mark.
    const madeAfterAll = (await listApps(args.type)).find(markedFor(args));
    if (madeAfterAll) return { app: madeAfterAll, made: false };
    throw error;
  }
}

const markedFor = (args: ApplicationArgs) => isMarked(args.managedBy);

const listApps = (type: string) => managementClient().get<LogtoApplication[]>("/api/applications", { query: { types: type } });

const appsBeforeThisRun = new ListedBeforeThisRun(listApps);

async function adoptApplication(id: string, args: ApplicationArgs): Promise<LogtoApplication> {
  const existing = await managementClient().find<LogtoApplication>(applicationPath(id));
  if (!existing) throw new Error(`adoptId: Logto has no application ${id} to take over`);
  if (existing.type !== args.type) {
    throw new Error(`adoptId: application ${id} is a ${existing.type} app, not ${args.type}; Logto cannot change an app's type`);
  }
  return updateApplication(id, args);
}

const rolesPath = (id: string) => `${applicationPath(id)}/roles`;

const rolesOf = async (id: string): Promise<string[]> => (await managementClient().getAllPages<{ id: string }>(rolesPath(id))).map((role) => role.id).sort();

/**
 * Makes the app's roles exactly `roles` (`held`: what it holds, when known). Adding a role the
 * app has is a no-op in Logto, so a POST whose answer was lost is simply sent again; Logto's PUT
 * is avoided because it removes the old roles before it checks the new ones.
 */
async function grantRoles(id: string, roles: string[], held?: string[]): Promise<void> {
  const client = managementClient();
  const current = new Set(held ?? (await rolesOf(id)));
  const add = roles.filter((roleId) => !current.has(roleId));
  const post = () => client.post(rolesPath(id), { roleIds: add });
  if (add.length) await post().catch((error) => (error instanceof AmbiguousWriteError ? post() : Promise.reject(error)));
  const wanted = new Set(roles);
  await Promise.all([...current].filter((roleId) => !wanted.has(roleId)).map((roleId) => client.deleteIfExists(`${rolesPath(id)}/${encodeURIComponent(roleId)}`)));
}

/** Logto keeps client secrets for these types only (`hasSecrets` in @logto/schemas). */
const typesWithSecrets = new Set(["Traditional", "MachineToMachine"]);

async function outputsOf(app: LogtoApplication, args: Partial<ApplicationArgs>): Promise<ApplicationOutputs> {
  const client = managementClient();
  const { endpoint } = client.connection;
  const secrets = typesWithSecrets.has(app.type) ? await client.get<LogtoApplicationSecret[]>(`${applicationPath(app.id)}/secrets`) : [];
  const appSecret = currentSecret(secrets);
  return {
    ...fromLogto(app),
    ...(args.roles !== undefined && { roles: args.roles }),
    ...(args.managedBy !== undefined && { managedBy: args.managedBy }),
    ...(args.adoptId !== undefined && { adoptId: args.adoptId }),
    appId: app.id,
    ...(appSecret !== undefined && { appSecret }),
    issuer: issuerOf(endpoint),
    openidConfigurationUrl: openidConfigurationUrlOf(endpoint),
  };
}
