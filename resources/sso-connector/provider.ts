import type * as pulumi from "@pulumi/pulumi";
import { AmbiguousWriteError, configureFromStack, managementClient } from "../logto";
import { checkResource } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { withSecretConfig } from "../provider-kit/secrets";
import {
  explainConfigError,
  fromLogto,
  ssoConnectorPath,
  ssoConnectorsPath,
  toCreateBody,
  toPatchBody,
  type LogtoSsoConnector,
} from "./api";
import { publicEmailDomains } from "./public-domains";
import { ownedFields, ssoConnectorArgsSchema, type SsoConnectorArgs } from "./schema";
import { serviceProviderUrls } from "./urls";

export interface SsoConnectorOutputs extends SsoConnectorArgs {
  ssoConnectorId: string;
  callbackUrl: string;
  assertionConsumerServiceUrl?: string;
  spEntityId?: string;
}

const argsSchema = ssoConnectorArgsSchema(publicEmailDomains);

export const provider: pulumi.dynamic.ResourceProvider<SsoConnectorArgs, SsoConnectorOutputs> = {
  configure: configureFromStack,

  /** Only the config's secret values (the client secret) are marked secret, each with a plain revision; the rest shows in previews. */
  async check(olds, news) {
    const result = checkResource(argsSchema, olds, news, ["config"]);
    const inputs = result.inputs as SsoConnectorArgs;
    return { ...result, inputs: withSecretConfig(olds, inputs) };
  },

  async diff(_id, olds, news) {
    // connectorName is unique in Logto: the old connector must go before its replacement comes.
    return diffOwned(olds, news, ownedFields, ["providerName"], true);
  },

  async create(args) {
    const row = await createConnector(args).catch((error) => {
      throw explainConfigError(error, args);
    });
    return { id: row.id, outs: withSecretConfig(args, outputsOf(row, args)) };
  },

  async read(id, props) {
    const row = await managementClient().find<LogtoSsoConnector>(ssoConnectorPath(id));
    if (!row) return {};
    const adopted = props?.adoptId === undefined ? {} : { adoptId: props.adoptId };
    // Returning inputs makes refresh record drift (a rotated client secret, say), so `up` repairs it.
    const outs = withSecretConfig(props, outputsOf(row, adopted));
    return { id, props: outs, inputs: { ...fromLogto(row), ...adopted, config: outs.config, secretRevisions: outs.secretRevisions } as SsoConnectorOutputs };
  },

  async update(id, olds, news) {
    const row = await managementClient()
      .patch<LogtoSsoConnector>(ssoConnectorPath(id), toPatchBody(news, olds))
      .catch((error) => {
        throw explainConfigError(error, news);
      });
    return { outs: withSecretConfig(news, outputsOf(row, news)) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(ssoConnectorPath(id));
    ssoConnectorsBeforeThisRun.forget(id);
  },
};

/**
 * Connector names are unique in Logto, so the name identifies the connector this resource
 * manages: one already there under it (an interrupted run's, say) is taken over, never
 * duplicated. Logto has no idempotency keys: a create that gets no answer looks again.
 */
async function createConnector(args: SsoConnectorArgs): Promise<LogtoSsoConnector> {
  const client = managementClient();
  const existing = args.adoptId === undefined ? sameProvider(args, await ssoConnectorsBeforeThisRun.find(namedAs(args))) : await adoptable(args.adoptId, args);
  if (existing) return client.patch<LogtoSsoConnector>(ssoConnectorPath(existing.id), toPatchBody(args, {} as SsoConnectorArgs));
  try {
    return await client.post<LogtoSsoConnector>(ssoConnectorsPath, toCreateBody(args));
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    return sameProvider(args, (await listSsoConnectors()).find(namedAs(args))) ?? client.post<LogtoSsoConnector>(ssoConnectorsPath, toCreateBody(args));
  }
}

const listSsoConnectors = () => managementClient().get<LogtoSsoConnector[]>(ssoConnectorsPath);

const ssoConnectorsBeforeThisRun = new ListedBeforeThisRun(listSsoConnectors);

const namedAs = (args: SsoConnectorArgs) => (row: LogtoSsoConnector) => row.connectorName === args.connectorName;

function sameProvider(args: SsoConnectorArgs, named: LogtoSsoConnector | undefined): LogtoSsoConnector | undefined {
  if (named && named.providerName !== args.providerName) {
    throw new Error(`connectorName "${args.connectorName}" is taken by a ${named.providerName} SSO connector (${named.id}); choose another name`);
  }
  return named;
}

async function adoptable(id: string, args: SsoConnectorArgs): Promise<LogtoSsoConnector> {
  const row = await managementClient().find<LogtoSsoConnector>(ssoConnectorPath(id));
  if (!row) throw new Error(`adoptId: Logto has no SSO connector ${id} to take over`);
  if (row.providerName !== args.providerName) {
    throw new Error(`adoptId: SSO connector ${id} is a ${row.providerName} connector, not ${args.providerName}; its provider cannot change`);
  }
  return row;
}

/** The connector as Logto holds it, in plain values (see `withSecretConfig`). */
function outputsOf(row: LogtoSsoConnector, args: Pick<SsoConnectorArgs, "adoptId">): SsoConnectorOutputs {
  return {
    ...fromLogto(row),
    ...(args.adoptId !== undefined && { adoptId: args.adoptId }),
    ssoConnectorId: row.id,
    ...serviceProviderUrls(managementClient().connection.endpoint, row.id, row.providerName),
  };
}
