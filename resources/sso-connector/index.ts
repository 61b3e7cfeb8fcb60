import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import type { z } from "zod";
import { logtoEndpoint } from "../provider-kit/endpoint";
import { logtoResourceOptions } from "../provider-kit/options";
import { withSecretInputs } from "../provider-kit/secrets";
import { providerShim } from "../provider-kit/shim";
import type {
  googleWorkspaceConfigSchema,
  oidcConfigSchema,
  samlConfigSchema,
  SsoBranding,
  SsoConnectorConfig,
  SsoProviderName,
} from "./schema";
import { serviceProviderUrls } from "./urls";

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Okta, OIDC, AzureAdOidc: `issuer` without a trailing slash. */
export type OidcConfigInput = Inputs<z.input<typeof oidcConfigSchema>>;
export type GoogleWorkspaceConfigInput = Inputs<z.input<typeof googleWorkspaceConfigSchema>>;
/** SAML, AzureAD: `metadataUrl`, or `metadata` (XML), or `entityId` + `signInEndpoint` + `x509Certificate`. */
export type SamlConfigInput = Inputs<z.input<typeof samlConfigSchema>>;

export interface SsoConnectorInputs {
  /** Changing it replaces the connector (deleted first: names are unique). */
  providerName: pulumi.Input<SsoProviderName>;
  /** 1–128 characters, unique in the tenant. */
  connectorName: pulumi.Input<string>;
  /** Its client secret is stored and shown as a secret; the rest shows in previews. */
  config: pulumi.Input<OidcConfigInput | GoogleWorkspaceConfigInput | SamlConfigInput>;
  /** Email domains that sign in through this connector; no public domains such as gmail.com. */
  domains?: pulumi.Input<pulumi.Input<string>[]>;
  branding?: pulumi.Input<Inputs<SsoBranding>>;
  syncProfile?: pulumi.Input<boolean>;
  /** Take over this existing SSO connector (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

/** A Logto enterprise SSO connector (Okta, Entra ID, Google Workspace, any OIDC or SAML IdP). */
export class SsoConnector extends pulumi.dynamic.Resource {
  declare readonly providerName: pulumi.Output<SsoProviderName>;
  declare readonly connectorName: pulumi.Output<string>;
  declare readonly config: pulumi.Output<SsoConnectorConfig>;
  declare readonly domains: pulumi.Output<string[]>;
  declare readonly branding: pulumi.Output<SsoBranding>;
  declare readonly syncProfile: pulumi.Output<boolean>;
  // The id and the URLs made from it are known whenever the id is (an update's preview included).
  readonly ssoConnectorId: pulumi.Output<string>;
  /** The redirect URI to register at an OIDC IdP: `<endpoint>/callback/<ssoConnectorId>`. */
  readonly callbackUrl: pulumi.Output<string>;
  /** SAML only: the ACS URL to register at the IdP. */
  readonly assertionConsumerServiceUrl: pulumi.Output<string | undefined>;
  /** SAML only: the SP entity ID to register at the IdP. */
  readonly spEntityId: pulumi.Output<string | undefined>;

  constructor(name: string, args: SsoConnectorInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...args, config: withSecretInputs(args.config) },
      logtoResourceOptions(opts),
      "logto",
      "SsoConnector",
    );
    const endpoint = logtoEndpoint();
    const urls = pulumi.all([this.id, args.providerName]).apply(([id, providerName]) => serviceProviderUrls(endpoint, id, providerName));
    this.ssoConnectorId = this.id;
    this.callbackUrl = urls.callbackUrl;
    this.assertionConsumerServiceUrl = urls.apply((all) => ("assertionConsumerServiceUrl" in all ? all.assertionConsumerServiceUrl : undefined));
    this.spEntityId = urls.apply((all) => ("spEntityId" in all ? all.spEntityId : undefined));
  }
}
