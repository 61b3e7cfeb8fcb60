import * as pulumi from "@pulumi/pulumi";
import { EmailTemplate, resolveTemplates } from "./templates";

/** The `config` of Logto's `aws-ses-mail` connector. A type alias, so it fits `Record<string, unknown>` inputs. */
export type SesConnectorConfig = {
  accessKeyId: string;
  accessKeySecret: string;
  region: string;
  /** `noreply@example.com` or `Example <noreply@example.com>` */
  emailAddress: string;
  templates: EmailTemplate[];
  configurationSetName?: string;
};

export interface SesConnectorConfigArgs {
  accessKeyId: pulumi.Input<string>;
  accessKeySecret: pulumi.Input<string>;
  /** The region of the SES identity that sends. */
  region: pulumi.Input<string>;
  emailAddress: pulumi.Input<string>;
  /** Replace the default template of the same usage type; see `resolveTemplates`. */
  templates?: readonly EmailTemplate[];
  configurationSetName?: pulumi.Input<string | undefined>;
}

/** The connector config as inputs: the access key secret alone is a secret, the rest shows in previews. */
export type SesConnectorConfigInputs = { [K in keyof SesConnectorConfig]: pulumi.Input<SesConnectorConfig[K]> };

/**
 * The connector config from credentials you already have: the same shape `AwsEmailSender`
 * produces. `accessKeySecret` is a secret, whether or not it was given as one.
 */
export function sesConnectorConfig(args: SesConnectorConfigArgs): SesConnectorConfigInputs {
  return {
    accessKeyId: args.accessKeyId,
    accessKeySecret: pulumi.secret(args.accessKeySecret),
    region: args.region,
    emailAddress: args.emailAddress,
    templates: resolveTemplates(args.templates),
    // An unset name is left out of the stored config, so it has no empty key to diff on.
    ...(args.configurationSetName !== undefined && { configurationSetName: args.configurationSetName as pulumi.Input<string> }),
  };
}
