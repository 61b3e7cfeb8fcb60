import type * as pulumi from "@pulumi/pulumi";
import { AmbiguousWriteError, configureLogto, managementClient } from "../logto";
import { logtoRules } from "../logto/rules";
import { checkInputs } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import {
  currentSecret,
  fromLogto,
  toCreateBody,
  toPatchBody,
  type LogtoApplication,
  type LogtoApplicationSecret,
} from "./api";
import { applicationArgsSchema, ownedFields, type ApplicationArgs } from "./schema";

export interface ApplicationOutputs extends ApplicationArgs {
  appId: string;
  appSecret?: string;
  issuer: string;
  openidConfigurationUrl: string;
}

const applicationPath = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export const provider: pulumi.dynamic.ResourceProvider<ApplicationArgs, ApplicationOutputs> = {
  async configure(req) {
    configureLogto((key) => req.config.get(key));
  },

  async check(_olds, news) {
    return checkInputs(applicationArgsSchema(await logtoRules()), news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ownedFields, ["type"]);
  },

  async create(args) {
    const app = await createApplication(args);
    return { id: app.id, outs: await outputsOf(app) };
  },

  async read(id) {
    const app = await managementClient().find<LogtoApplication>(applicationPath(id));
    if (!app) return {};
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: await outputsOf(app), inputs: fromLogto(app) as ApplicationOutputs };
  },

  async update(id, _olds, args) {
    const client = managementClient();
    const current = await client.get<LogtoApplication>(applicationPath(id));
    const app = await client.patch<LogtoApplication>(applicationPath(id), toPatchBody(args, current));
    return { outs: await outputsOf(app) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(applicationPath(id));
  },
};

/**
 * Logto has no idempotency keys and application names are not unique, so when a create gets
 * no answer we look for the application it would have made (same name and type, created since
 * we sent it) before giving up, rather than risk a duplicate on the next run.
 */
async function createApplication(args: ApplicationArgs): Promise<LogtoApplication> {
  const client = managementClient();
  const sentAt = Date.now();
  try {
    return await client.post<LogtoApplication>("/api/applications", toCreateBody(args));
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    const apps = await client.get<LogtoApplication[]>("/api/applications", { query: { types: args.type } });
    const made = apps.filter((app) => app.name === args.name && app.createdAt >= sentAt - 60_000);
    if (made.length === 1) return made[0];
    throw error;
  }
}

async function outputsOf(app: LogtoApplication): Promise<ApplicationOutputs> {
  const client = managementClient();
  const { endpoint } = client.connection;
  const secrets = await client.get<LogtoApplicationSecret[]>(`${applicationPath(app.id)}/secrets`);
  const appSecret = currentSecret(secrets);
  return {
    ...fromLogto(app),
    appId: app.id,
    ...(appSecret !== undefined && { appSecret }),
    issuer: `${endpoint}/oidc`,
    openidConfigurationUrl: `${endpoint}/oidc/.well-known/openid-configuration`,
  };
}
