import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type SesConnectorConfigInputs, sesConnectorConfig } from "./config";
import { type DnsRecord, type SenderIdentity, checkSender, createIdentity } from "./identity";
import { sesSendPolicy } from "./policy";
import { type EmailTemplate, resolveTemplates } from "./templates";

export { type SesConnectorConfig, type SesConnectorConfigArgs, type SesConnectorConfigInputs, sesConnectorConfig } from "./config";
export type { DnsRecord, SenderIdentity } from "./identity";
export { sesSendPolicy } from "./policy";
export { type EmailTemplate, type UsageType, defaultTemplates, requiredUsageTypes, resolveTemplates } from "./templates";

export interface AwsEmailSenderArgs {
  identity: SenderIdentity;
  /** The address mail comes from: required, @ the domain, for a domain identity; the identity's address otherwise. */
  fromAddress?: string;
  /** Display name: mail then comes from `fromName <fromAddress>`. */
  fromName?: string;
  /** The SES region; defaults to the aws provider's. */
  region?: pulumi.Input<string>;
  /** Replace the default template of the same usage type. */
  templates?: readonly EmailTemplate[];
  /** An existing SES configuration set to send through (event tracking). */
  configurationSetName?: string;
  /** IAM names become `<namePrefix>-ses-sender` (user) and `<namePrefix>-ses-send` (policy); otherwise auto-named. */
  namePrefix?: string;
}

// An unquoted RFC 5322 display name: atoms and spaces, so SES needs no quoting or encoding.
const displayNamePattern = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/;
const namePrefixPattern = /^[\w+=,.@-]{1,53}$/;

function checkArgs(name: string, args: AwsEmailSenderArgs) {
  try {
    if (!args) throw new Error("args: required");
    const fromAddress = checkSender(args.identity, args.fromAddress);
    const { fromName, namePrefix, configurationSetName } = args;
    if (fromName !== undefined && !(displayNamePattern.test(fromName) && fromName.trim())) {
      throw new Error("fromName: use letters, digits, spaces and !#$%&'*+-/=?^_`{|}~ only");
    }
    if (namePrefix !== undefined && !namePrefixPattern.test(namePrefix)) {
      throw new Error("namePrefix: 1 to 53 characters among letters, digits and _+=,.@-");
    }
    if (configurationSetName !== undefined && !/^[\w-]{1,64}$/.test(configurationSetName)) {
      throw new Error("configurationSetName: 1 to 64 letters, digits, _ or -");
    }
    return {
      fromAddress,
      emailAddress: fromName ? `${fromName.trim()} <${fromAddress}>` : fromAddress,
      templates: resolveTemplates(args.templates),
    };
  } catch (error) {
    throw new Error(`AwsEmailSender ${name}: ${(error as Error).message}`);
  }
}

/**
 * An SES identity and an IAM user whose access key can only send from `fromAddress` through it:
 * everything Logto's `aws-ses-mail` connector needs, in `connectorConfig`.
 */
export class AwsEmailSender extends pulumi.ComponentResource {
  readonly accessKeyId: pulumi.Output<string>;
  readonly accessKeySecret: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  /** The connector's `emailAddress`: `fromAddress`, with `fromName` when given. */
  readonly emailAddress: pulumi.Output<string>;
  readonly identityArn: pulumi.Output<string>;
  /** For a domain identity: the verification TXT and the DKIM CNAMEs to publish; empty otherwise. */
  readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  readonly templates: pulumi.Output<EmailTemplate[]>;
  /** The whole `config` of Logto's `aws-ses-mail` connector; its access key secret is a secret. */
  readonly connectorConfig: SesConnectorConfigInputs;

  constructor(name: string, args: AwsEmailSenderArgs, opts?: pulumi.ComponentResourceOptions) {
    const checked = checkArgs(name, args);
    super("logto:aws:EmailSender", name, {}, opts);
    const { namePrefix, configurationSetName } = args;
    const parent = { parent: this };

    const identity = createIdentity(name, args.identity, args.region, parent);
    const user = new aws.iam.User(`${name}-sender`, { name: namePrefix && `${namePrefix}-ses-sender` }, parent);
    const policy = new aws.iam.UserPolicy(
      `${name}-send`,
      {
        user: user.name,
        name: namePrefix && `${namePrefix}-ses-send`,
        policy: identity.arn.apply((identityArn) =>
          JSON.stringify(sesSendPolicy({ identityArn, fromAddress: checked.fromAddress, configurationSetName })),
        ),
      },
      parent,
    );
    // After the policy, so the key never exists without its (only) permission.
    const key = new aws.iam.AccessKey(`${name}-key`, { user: user.name }, { parent: this, dependsOn: [policy] });

    this.accessKeyId = key.id;
    this.accessKeySecret = pulumi.secret(key.secret);
    this.region = identity.region;
    this.emailAddress = pulumi.output(checked.emailAddress);
    this.identityArn = identity.arn;
    this.dnsRecords = identity.dnsRecords;
    this.templates = pulumi.output(checked.templates);
    this.connectorConfig = sesConnectorConfig({
      accessKeyId: key.id,
      accessKeySecret: key.secret,
      region: identity.region,
      emailAddress: checked.emailAddress,
      templates: args.templates,
      configurationSetName,
    });
    this.registerOutputs({
      accessKeyId: this.accessKeyId,
      accessKeySecret: this.accessKeySecret,
      region: this.region,
      emailAddress: this.emailAddress,
      identityArn: this.identityArn,
      dnsRecords: this.dnsRecords,
      templates: this.templates,
      connectorConfig: this.connectorConfig,
    });
  }
}
