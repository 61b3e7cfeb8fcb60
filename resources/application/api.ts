import { managedByKey } from "../provider-kit/managed-by";
import type { ApplicationArgs } from "./schema";

/** The parts of Logto's application response this resource reads. */
export interface LogtoApplication {
  id: string;
  name: string;
  description: string | null;
  type: string;
  oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] } & Record<string, unknown>;
  customClientMetadata: { corsAllowedOrigins?: string[] } & Record<string, unknown>;
  customData: Record<string, unknown>;
  createdAt: number;
}


const markOf = (args: ApplicationArgs, current: Record<string, unknown> = {}) =>
  args.managedBy === undefined ? {} : { customData: { ...current, [managedByKey]: args.managedBy } };

export interface LogtoApplicationSecret {
  name: string;
  value: string;
  expiresAt: number | null;
}

export function toCreateBody(args: ApplicationArgs) {
  return {
    name: args.name,
    type: args.type,
    ...(args.description !== null && { description: args.description }),
    oidcClientMetadata: {
      redirectUris: args.redirectUris,
      postLogoutRedirectUris: args.postLogoutRedirectUris,
    },
    customClientMetadata: { corsAllowedOrigins: args.corsAllowedOrigins },
    ...markOf(args),
  };
}

/**
 * Logto replaces JSON fields whole on PATCH, so the metadata objects are sent complete: what
 * the user owns from `args`, everything else as Logto has it now (set in the Console, say).
 */
export function toPatchBody(args: ApplicationArgs, current: LogtoApplication) {
  return {
    name: args.name,
    description: args.description,
    oidcClientMetadata: {
      ...current.oidcClientMetadata,
      redirectUris: args.redirectUris,
      postLogoutRedirectUris: args.postLogoutRedirectUris,
    },
    customClientMetadata: { ...current.customClientMetadata, corsAllowedOrigins: args.corsAllowedOrigins },
    ...markOf(args, current.customData),
  };
}

export function fromLogto(app: LogtoApplication): ApplicationArgs {
  return {
    name: app.name,
    description: app.description ?? null,
    type: app.type as ApplicationArgs["type"],
    redirectUris: app.oidcClientMetadata.redirectUris,
    postLogoutRedirectUris: app.oidcClientMetadata.postLogoutRedirectUris,
    corsAllowedOrigins: app.customClientMetadata.corsAllowedOrigins ?? [],
  };
}

/** The client secret Auth.js uses: Logto's "Default secret", else the newest unexpired one. */
export function currentSecret(secrets: LogtoApplicationSecret[]): string | undefined {
  const usable = secrets.filter((secret) => secret.expiresAt === null || secret.expiresAt > Date.now());
  return (usable.find((secret) => secret.name === "Default secret") ?? usable.at(-1))?.value;
}
