import { z } from "zod";
import { cleanDeep } from "../logto/clean-deep";
import type { SecretRevisions } from "../provider-kit/secrets";

/** Connector instance ids are chosen by us so the callback URL is known before creation. */
export const connectorIdPattern = /^[a-z0-9][a-z0-9-]{0,127}$/;

const metadataSchema = z.object({
  target: z.string().min(1, "must not be empty").optional(),
  name: z.record(z.string()).optional(),
  logo: z.string().optional(),
  logoDark: z.string().nullish(),
});

export type ConnectorMetadata = z.infer<typeof metadataSchema>;

/** The fields of a Logto connector that the user owns through this resource. */
export interface ConnectorArgs {
  factoryId: string;
  connectorId: string;
  config: Record<string, unknown>;
  metadata: ConnectorMetadata;
  syncProfile: boolean;
  callbackUrl: string;
  /** Take over this existing connector (by id) when the resource is created. */
  adoptId?: string;
  /** Filled in by check: see `secretRevisions`. */
  secretRevisions?: SecretRevisions;
}

export const ownedFields = ["factoryId", "connectorId", "config", "metadata", "syncProfile"] as const satisfies ReadonlyArray<
  keyof ConnectorArgs
>;

/**
 * Shape checks only; the config is checked against the factory's own rules separately. Config
 * and metadata are cleaned as Logto cleans them before storing, so what we compare is what
 * Logto keeps.
 */
export const connectorArgsSchema: z.ZodType<ConnectorArgs, z.ZodTypeDef, unknown> = z.object({
  factoryId: z.string().min(1, "must name a connector factory, e.g. apple-universal, oidc, aws-ses-mail"),
  connectorId: z
    .string()
    .regex(connectorIdPattern, "must be 1-128 lower-case letters, digits and dashes, starting with a letter or digit"),
  config: z.record(z.unknown(), { invalid_type_error: "must be an object" }).transform(cleanDeep),
  metadata: metadataSchema.default({}).transform(cleanDeep),
  syncProfile: z.boolean().default(false),
  callbackUrl: z.string(),
  adoptId: z.string().min(1, "must not be empty").optional(),
});
