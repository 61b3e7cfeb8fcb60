import type * as pulumi from "@pulumi/pulumi";
import { AmbiguousWriteError, LogtoApiError, configureLogto, managementClient } from "../logto";
import { checkInputs } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import {
  explainConfigError,
  fromLogto,
  serviceProviderUrls,
  ssoConnectorPath,
  ssoConnectorsPath,
  toCreateBody,
  toPatchBody,
  type LogtoSsoConnector,
} from "./api";
import { publicEmailDomains } from "./public-domains";
import { ownedFields, ssoConnectorArgsSchema, type SsoConnectorArgs } from "./schema";

export interface SsoConnectorOutputs extends SsoConnectorArgs {
  ssoConnectorId: string;
  callbackUrl: string;
  assertionConsumerServiceUrl?: string;
  spEntityId?: string;
}

export const provider: pulumi.dynamic.ResourceProvider<SsoConnectorArgs, SsoConnectorOutputs> = {
  async configure(req) {
    configureLogto((key) => req.config.get(key));
  },

  async check(_olds, news) {
    return checkInputs(ssoConnectorArgsSchema(await publicEmailDomains()), news as unknown as Record<string, unknown>, ["config"]);
  },

  async diff(_id, olds, news) {
    // connectorName is unique in Logto: the old connector must go before its replacement comes.
    return diffOwned(olds, news, ownedFields, ["providerName"], true);
  },

  async create(args) {
    const row = await createConnector(args).catch((error) => {
      throw explainConfigError(error, args);
    });
    return { id: row.id, outs: outputsOf(row) };
  },

  async read(id) {
    const row = await managementClient().find<LogtoSsoConnector>(ssoConnectorPath(id));
    if (!row) return {};
    // Returning inputs makes refresh record drift (a rotated client secret, say), so `up` repairs it.
    return { id, props: outputsOf(row), inputs: fromLogto(row) as SsoConnectorOutputs };
  },

  async update(id, olds, news) {
    const row = await managementClient()
      .patch<LogtoSsoConnector>(ssoConnectorPath(id), toPatchBody(news, olds))
      .catch((error) => {
        throw explainConfigError(error, news);
      });
    return { outs: outputsOf(row) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(ssoConnectorPath(id));
  },
};

/**
 * Logto has no idempotency keys, but connector names are unique. So when a create gets no
 * answer we look for a connector of that name made since we sent it; if there is none, sending
 * again cannot make a duplicate: a late first create turns the second into a 409, and then we
 * look again.
 */
async function createConnector(args: SsoConnectorArgs): Promise<LogtoSsoConnector> {
  const client = managementClient();
  const sentAt = Date.now();
  const post = () => client.post<LogtoSsoConnector>(ssoConnectorsPath, toCreateBody(args));
  const findMade = async () => {
    const rows = await client.get<LogtoSsoConnector[]>(ssoConnectorsPath);
    return rows.find(
      (row) => row.connectorName === args.connectorName && row.providerName === args.providerName && row.createdAt >= sentAt - 60_000,
    );
  };
  try {
    return await post();
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    const made = await findMade();
    if (made) return made;
    try {
      return await post();
    } catch (retryError) {
      const nameTaken = retryError instanceof LogtoApiError && retryError.code === "single_sign_on.duplicate_connector_name";
      const late = nameTaken ? await findMade() : undefined;
      if (late) return late;
      throw retryError;
    }
  }
}

function outputsOf(row: LogtoSsoConnector): SsoConnectorOutputs {
  return {
    ...fromLogto(row),
    ssoConnectorId: row.id,
    ...serviceProviderUrls(managementClient().connection.endpoint, row),
  };
}
