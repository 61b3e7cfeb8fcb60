/** The actions Logto's SES connector needs: it calls SESv2 SendEmail (raw kept for SMTP-style clients). */
export const sendActions = ["ses:SendEmail", "ses:SendRawEmail"] as const;

export interface SendPolicyArgs {
  /** `arn:<partition>:ses:<region>:<account>:identity/<domain or address>` */
  identityArn: string;
  /** The only From address the credentials may use (without display name). */
  fromAddress: string;
  configurationSetName?: string;
}

/** The ARN of a configuration set in the same partition, region and account as the identity. */
export function configurationSetArn(identityArn: string, configurationSetName: string): string {
  const match = /^(arn:[^:]+:ses:[^:]+:[^:]+:)identity\/.+$/.exec(identityArn);
  if (!match) throw new Error(`not an SES identity ARN: ${identityArn}`);
  return `${match[1]}configuration-set/${configurationSetName}`;
}

/** Least-privilege IAM policy document: send from `fromAddress` through one identity, nothing else. */
export function sesSendPolicy({ identityArn, fromAddress, configurationSetName }: SendPolicyArgs) {
  const statements: object[] = [
    {
      Sid: "SendFromIdentity",
      Effect: "Allow",
      Action: [...sendActions],
      Resource: identityArn,
      // ses:FromAddress is the bare address: a "Name <address>" From still matches.
      Condition: { StringEquals: { "ses:FromAddress": fromAddress } },
    },
  ];
  if (configurationSetName) {
    // SESv2 also authorizes the send against the configuration set named in the request.
    statements.push({
      Sid: "SendWithConfigurationSet",
      Effect: "Allow",
      Action: [...sendActions],
      Resource: configurationSetArn(identityArn, configurationSetName),
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
