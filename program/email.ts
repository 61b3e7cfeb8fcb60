import { Connector } from "../resources";
import type { AwsEmailSender } from "../resources/aws-email-sender";
import { sesConnectorConfig } from "../resources/aws-email-sender/config";
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
      ? // Loaded only here: @pulumi/aws costs every other stack 0.2 s of CPU at start.
        new (require("../resources/aws-email-sender") as typeof import("../resources/aws-email-sender")).AwsEmailSender("email-sender", {
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
