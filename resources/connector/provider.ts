import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { AmbiguousWriteError, configureFromStack, managementClient } from "../logto";
import { withFailures } from "../provider-kit/adopt";
import { checkFailures, checkResource, containsUnknown, unknownValue } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { unmarked, withSecretConfig } from "../provider-kit/secrets";
import { connectorPath, fromLogto, toCreateBody, toPatchBody, type LogtoConnector } from "./api";
import { findFactory, type ConnectorFactory } from "./factories";
import { connectorArgsSchema, ownedFields, type ConnectorArgs } from "./schema";
import { secretConfigPathsOf } from "./secret-fields";

/** The config holds client secrets and keys: check failures must not make the engine print it (see checkInputs). */
const secretProperties = ["config"];

export interface ConnectorOutputs extends ConnectorArgs {
  target: string;
  type: LogtoConnector["type"];
}

export const provider: pulumi.dynamic.ResourceProvider<ConnectorArgs, ConnectorOutputs> = {
  configure: configureFromStack,

  /**
   * Besides checking, fills in what the factory decides (`type`, and the `target` of an existing
   * connector): as inputs they are known at preview, so the sign-in experience that names a
   * target shows no change while its connector is updated. Only the config's secret values are marked secret, and each has a
   * plain revision so that a preview shows it changed (see `secretRevisions`).
   */
  async check(olds, news) {
    const result = checkResource(connectorArgsSchema, olds, news, secretProperties);
    const inputs = result.inputs as ConnectorArgs;
    const checked = withSecretConfig(olds, inputs, secretConfigPathsOf(inputs.factoryId));
    if (result.failures?.length || typeof news.factoryId !== "string" || news.factoryId === unknownValue) return { ...result, inputs: checked };
    const factory = await findFactory(news.factoryId);
    const filled = { ...checked, ...(factory && chosenByFactory(inputs, olds, factory)) };
    return withFailures({ ...result, inputs: asStateHasIt(filled, olds) }, factoryFailures(inputs, factory));
  },

  async diff(_id, olds, news) {
    const targetChanged = (olds.metadata?.target ?? undefined) !== (news.metadata?.target ?? undefined);
    const diff = diffOwned(olds, news, ownedFields, ["factoryId", "connectorId"], true);
    if (!targetChanged) return diff;
    // Logto cannot change a standard connector's target, and allows one connector per target.
    return { ...diff, changes: true, replaces: [...(diff.replaces ?? []), "metadata"], deleteBeforeReplace: true };
  },

  async create(args) {
    const connector = await createConnector(args, await requireFactory(args.factoryId));
    return { id: connector.id, outs: withSecretConfig(args, outputsOf(connector, args), secretConfigPathsOf(args.factoryId)) };
  },

  async read(id, props) {
    const connector = await managementClient().find<LogtoConnector>(connectorPath(id));
    if (!connector) return {};
    const outs = withSecretConfig(props, outputsOf(connector, { callbackUrl: props?.callbackUrl ?? "", adoptId: props?.adoptId }), secretConfigPathsOf(connector.connectorId));
    return { id, props: outs, inputs: outs };
  },

  async update(id, _olds, args) {
    const body = toPatchBody(args, await requireFactory(args.factoryId));
    const connector = await managementClient().patch<LogtoConnector>(connectorPath(id), body);
    return { outs: withSecretConfig(args, outputsOf(connector, args), secretConfigPathsOf(args.factoryId)) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(connectorPath(id));
    connectorsBeforeThisRun.forget(id);
  },
};

/** The factory's own rules, checked before anything is written. */
function factoryFailures(args: ConnectorArgs, factory: ConnectorFactory | undefined): pulumi.dynamic.CheckFailure[] {
  if (!factory) {
    return [{ property: "factoryId", reason: `factoryId: Logto has no connector factory "${args.factoryId}" (GET /api/connector-factories lists them)` }];
  }
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const target = args.metadata.target;
  if (factory.isStandard && !target) {
    failures.push({ property: "metadata", reason: `metadata.target is required: ${factory.id} is a standard connector and Logto needs a target (e.g. "okta-oidc") to tell it apart` });
  }
  if (!factory.isStandard && Object.keys(args.metadata).length > 0) {
    failures.push({ property: "metadata", reason: `metadata: ${factory.id} is not a standard connector; Logto rejects metadata for it` });
  }
  if (factory.type !== "Social" && args.syncProfile) {
    failures.push({ property: "syncProfile", reason: `syncProfile: only social connectors sync profiles; ${factory.id} is an ${factory.type} connector` });
  }
  if (factory.configGuard && !containsUnknown(args.config)) {
    const parsed = factory.configGuard.safeParse(args.config);
    if (!parsed.success) failures.push(...checkFailures(parsed.error, "config", secretProperties));
    if (factory.id === "oidc") failures.push(...endpointFailures(args.config));
  }
  return failures;
}

/**
 * Logto's OAuth2/OIDC guards take any string for an endpoint, and a typo only shows when the
 * first user signs in: endpoints must be absolute http(s) URLs.
 */
const endpointPaths = [["authorizationEndpoint"], ["tokenEndpoint"], ["userInfoEndpoint"], ["idTokenVerificationConfig", "jwksUri"]];

function endpointFailures(config: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
  return endpointPaths.flatMap((path) => {
    const value = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
    if (typeof value !== "string" || /^https?:\/\/[^/]/.test(value)) return [];
    return [{ property: "", reason: `config.${path.join(".")}: must be an http(s) URL such as https://idp.example.com/${path.at(-1)}` }];
  });
}

/**
 * The type, and the target of a connector that exists and keeps it. A target Logto does not
 * have yet (a connector still to be created, or taking a new target) stays unknown at preview,
 * as the sign-in experience's check skips unknown targets and refuses ones Logto lacks.
 */
function chosenByFactory(inputs: ConnectorArgs, olds: Partial<ConnectorArgs>, factory: ConnectorFactory): Pick<ConnectorOutputs, "type"> & Partial<Pick<ConnectorOutputs, "target">> {
  const target = targetOf(inputs, factory);
  const kept = olds.factoryId === inputs.factoryId && target !== undefined && targetOf(olds, factory) === target;
  return { type: factory.type, ...(kept && { target }) };
}

/**
 * A connector created while its target was unknown has none in state's inputs. Filled in where
 * nothing else changes, the inputs would differ from state's at every preview and up, and the
 * engine would rewrite the whole state for this connector each time: the target is filled in
 * only with a change (an update, whose preview shows it), after which state holds it.
 */
function asStateHasIt(inputs: ConnectorArgs & { target?: string }, olds: Partial<ConnectorArgs> & { target?: string }) {
  if (olds.target !== undefined || inputs.target === undefined) return inputs;
  const { target: _filled, ...withoutTarget } = inputs;
  const withoutProvider = ({ __provider: _provider, ...rest }: Record<string, unknown>) => rest;
  return isDeepStrictEqual(unmarked(withoutProvider(withoutTarget)), withoutProvider(olds)) ? withoutTarget : inputs;
}

/** A standard connector's target is its metadata's, any other the factory's; undefined while the metadata is unknown. */
function targetOf(args: Partial<ConnectorArgs>, factory: ConnectorFactory): string | undefined {
  const metadata = args.metadata as unknown;
  const declared = metadata && typeof metadata === "object" ? (metadata as ConnectorArgs["metadata"]).target : undefined;
  if (metadata === unknownValue || declared === unknownValue) return undefined;
  return (factory.isStandard && declared) || factory.target;
}

async function requireFactory(id: string): Promise<ConnectorFactory> {
  const factory = await findFactory(id);
  if (!factory) throw new Error(`Logto has no connector factory "${id}"`);
  return factory;
}

const connectorsBeforeThisRun = new ListedBeforeThisRun(() => managementClient().get<LogtoConnector[]>("/api/connectors"));

/**
 * The id is ours, so a connector already there under it is one an interrupted earlier run
 * created (or, with `adoptId`, the one to take over): take it over rather than fail or
 * duplicate it.
 */
async function createConnector(args: ConnectorArgs, factory: ConnectorFactory): Promise<LogtoConnector> {
  const client = managementClient();
  if (args.adoptId !== undefined && args.adoptId !== args.connectorId) {
    throw new Error(`adoptId ${args.adoptId} and connectorId ${args.connectorId} differ: give only adoptId`);
  }
  const existing =
    args.adoptId === undefined
      ? await connectorsBeforeThisRun.find((connector) => connector.id === args.connectorId)
      : await client.find<LogtoConnector>(connectorPath(args.adoptId));
  if (!existing && args.adoptId !== undefined) throw new Error(`adoptId: Logto has no connector ${args.adoptId} to take over`);
  if (existing && existing.connectorId !== args.factoryId) {
    throw new Error(`connector id "${args.connectorId}" is taken by a ${existing.connectorId} connector; choose another connectorId`);
  }
  if (existing) return client.patch<LogtoConnector>(connectorPath(existing.id), toPatchBody(args, factory));
  const post = () => client.post<LogtoConnector>("/api/connectors", toCreateBody(args, factory));
  try {
    return await post();
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    // Sending again is safe: Logto refuses a second connector under our id.
    const find = () => client.find<LogtoConnector>(connectorPath(args.connectorId));
    const made = await find();
    if (made) return made;
    try {
      return await post();
    } catch (retryError) {
      const late = await find();
      if (late) return late;
      throw retryError;
    }
  }
}

/** The connector as Logto holds it, in plain values (see `withSecretConfig`). */
function outputsOf(connector: LogtoConnector, args: Pick<ConnectorArgs, "callbackUrl" | "adoptId">): ConnectorOutputs {
  return {
    ...fromLogto(connector, args.callbackUrl),
    ...(args.adoptId !== undefined && { adoptId: args.adoptId }),
    target: connector.target,
    type: connector.type,
  };
}
