import { AwsEmailSender, Connector, sesConnectorConfig } from "../resources";
import type { StackConfig } from "./config";

/**
 * Amazon SES email connector. `emailSender: aws` creates the SES identity and a send-only IAM
 * key; `existing` uses the key in stack config (teams that already have a sender).
 */
export function emailConnector(config: StackConfig): Connector | undefined {
  if (!config.email) return undefined;
  const connectorConfig =
    config.emailSender === "aws"
      ? new AwsEmailSender("email-sender", {
          identity: config.emailDomain ? { domain: config.emailDomain } : { emailAddress: config.emailFrom },
          fromAddress: config.emailFrom,
          region: config.sesRegion,
        }).connectorConfig
      : sesConnectorConfig({
          accessKeyId: config.sesAccessKeyId,
          accessKeySecret: config.sesAccessKeySecret!,
          region: config.sesRegion,
          emailAddress: config.emailFrom,
        });
  return new Connector("email", { factoryId: "aws-ses-mail", config: connectorConfig });
}
