import { Connector } from "../resources";
import { AwsEmailSender, sesConnectorConfig } from "../resources/aws-email-sender";
import { parseSender, type StackConfig } from "./config";

/**
 * Amazon SES email connector. `emailSender: aws` creates the SES identity and a send-only IAM
 * key; `existing` uses the key in stack config (teams that already have a sender).
 */
export function emailConnector(config: StackConfig): { connector: Connector; sender?: AwsEmailSender } | undefined {
  if (!config.email) return undefined;
  const from = parseSender(config.emailFrom);
  const sender =
    config.emailSender === "aws"
      ? new AwsEmailSender("email-sender", {
          // SES verifies the bare address; the display name only shows in the From header.
          identity: config.emailDomain ? { domain: config.emailDomain } : { emailAddress: from.address },
          fromAddress: from.address,
          fromName: from.name,
          region: config.sesRegion,
        })
      : undefined;
  const connectorConfig =
    sender?.connectorConfig ??
    sesConnectorConfig({
      accessKeyId: config.sesAccessKeyId,
      accessKeySecret: config.sesAccessKeySecret!,
      region: config.sesRegion,
      emailAddress: config.emailFrom,
    });
  return { connector: new Connector("email", { factoryId: "aws-ses-mail", config: connectorConfig }), sender };
}
