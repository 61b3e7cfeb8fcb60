import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoEndpoint } from "../provider-kit/endpoint";
import { logtoResourceOptions } from "../provider-kit/options";
import { withSecretInputs } from "../provider-kit/secrets";
import { providerShim } from "../provider-kit/shim";
import type { ConnectorMetadata } from "./schema";
import { secretConfigPathsOf } from "./secret-fields";

export interface ConnectorInputs {
  /** Logto's connector factory, e.g. `apple-universal`, `oidc`, `aws-ses-mail`; changing it replaces the connector. */
  factoryId: pulumi.Input<string>;
  /**
   * The factory's config, checked with the factory's own rules at preview. Its secret values
   * (client secrets, keys, passwords) are stored and shown as secrets; the rest shows in previews.
   */
  config: pulumi.Input<Record<string, unknown>>;
  /** For standard connectors such as `oidc`: `target` (required, changing it replaces), name, logos. */
  metadata?: pulumi.Input<ConnectorMetadata>;
  /** Social connectors only: update the user's profile from the provider at every sign-in. */
  syncProfile?: pulumi.Input<boolean>;
  /** The connector's id in Logto; defaults to `<project>-<stack>-<resource name>`. */
  connectorId?: pulumi.Input<string>;
  /** Take over this existing connector (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A Logto social or passwordless connector. Its id is chosen here, so `callbackUrl`
 * (`<endpoint>/callback/<id>`, for Apple's Return URL or an OIDC provider's redirect URI) is
 * known at preview, before the connector exists.
 */
export class Connector extends pulumi.dynamic.Resource {
  declare readonly factoryId: pulumi.Output<string>;
  declare readonly connectorId: pulumi.Output<string>;
  declare readonly config: pulumi.Output<Record<string, unknown>>;
  declare readonly metadata: pulumi.Output<ConnectorMetadata>;
  declare readonly syncProfile: pulumi.Output<boolean>;
  declare readonly callbackUrl: pulumi.Output<string>;
  /** The sign-in experience refers to social connectors by target, e.g. `apple`. */
  declare readonly target: pulumi.Output<string>;
  declare readonly type: pulumi.Output<"Social" | "Email" | "Sms">;

  constructor(name: string, args: ConnectorInputs, opts?: pulumi.CustomResourceOptions) {
    const connectorId = args.connectorId ?? args.adoptId ?? defaultConnectorId(name);
    const endpoint = logtoEndpoint();
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      {
        ...args,
        connectorId,
        config: withSecretInputs(args.config, secretConfigPathsOf(args.factoryId)),
        callbackUrl: pulumi.interpolate`${endpoint}/callback/${connectorId}`,
        target: undefined,
        type: undefined,
      },
      logtoResourceOptions(opts),
      "logto",
      "Connector",
    );
  }
}

/** Unique per project, stack and resource, so review stacks sharing a tenant never collide. */
export function defaultConnectorId(name: string): string {
  return `${pulumi.getProject()}-${pulumi.getStack()}-${name}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 128);
}
