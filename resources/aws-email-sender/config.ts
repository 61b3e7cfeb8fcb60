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

/**
 * The connector config from credentials you already have: the same shape `AwsEmailSender`
 * produces. The whole config is a secret, whether or not `accessKeySecret` was given as one.
 */
export function sesConnectorConfig(args: SesConnectorConfigArgs): pulumi.Output<SesConnectorConfig> {
  const templates = resolveTemplates(args.templates);
  return pulumi.secret(
    pulumi
      .all([args.accessKeyId, args.accessKeySecret, args.region, args.emailAddress, args.configurationSetName])
      .apply(([accessKeyId, accessKeySecret, region, emailAddress, configurationSetName]) => ({
        accessKeyId,
        accessKeySecret,
        region,
        emailAddress,
        templates,
        // Absent rather than undefined, so the stored config has no empty key to diff on.
        ...(configurationSetName ? { configurationSetName } : {}),
      })),
  );
}
