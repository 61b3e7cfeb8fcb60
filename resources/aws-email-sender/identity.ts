import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What SES verifies: a whole domain (send from any address @ it) or one address. */
export type SenderIdentity = { domain: string } | { emailAddress: string };

/** A DNS record to publish for a domain identity. `name` is fully qualified, without trailing dot. */
export interface DnsRecord {
  type: "TXT" | "CNAME";
  name: string;
  value: string;
}

const emailPattern = /^[^\s@<>"]+@([^\s@<>"]+)$/;
const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i;

const isEmailAddress = (value: unknown): value is string =>
  typeof value === "string" && domainPattern.test(emailPattern.exec(value)?.[1] ?? "");

function checkIdentity(identity: SenderIdentity): void {
  if (!identity || typeof identity !== "object" || !("domain" in identity || "emailAddress" in identity)) {
    throw new Error("identity: give { domain } or { emailAddress }");
  }
  if ("domain" in identity && "emailAddress" in identity) {
    throw new Error("identity: give either domain or emailAddress, not both");
  }
  if ("domain" in identity && !(typeof identity.domain === "string" && domainPattern.test(identity.domain))) {
    throw new Error(`identity.domain: ${JSON.stringify(identity.domain)} is not a domain name like example.com`);
  }
  if ("emailAddress" in identity && !isEmailAddress(identity.emailAddress)) {
    throw new Error(`identity.emailAddress: ${JSON.stringify(identity.emailAddress)} is not an email address`);
  }
}

/**
 * The From address the sender may use, checked against the identity. Errors name the argument
 * (`identity.domain`, `fromAddress`, …) so they point at the fix.
 */
export function checkSender(identity: SenderIdentity, fromAddress: string | undefined): string {
  checkIdentity(identity);
  if (fromAddress !== undefined && !isEmailAddress(fromAddress)) {
    throw new Error(`fromAddress: ${JSON.stringify(fromAddress)} is not an email address like noreply@example.com`);
  }
  if ("domain" in identity) {
    const { domain } = identity;
    if (fromAddress === undefined) throw new Error(`fromAddress: required with a domain identity (an address @${domain})`);
    const fromDomain = fromAddress.slice(fromAddress.lastIndexOf("@") + 1);
    if (fromDomain.toLowerCase() !== domain.toLowerCase()) {
      throw new Error(`fromAddress: ${fromAddress} is not an address @${domain}, the verified domain identity`);
    }
    return fromAddress;
  }
  const { emailAddress } = identity;
  if (fromAddress !== undefined && fromAddress.toLowerCase() !== emailAddress.toLowerCase()) {
    throw new Error(`fromAddress: ${fromAddress} differs from identity.emailAddress ${emailAddress}, the only verified address`);
  }
  return fromAddress ?? emailAddress;
}

// Easy DKIM keys live under a regional zone in a few regions (AWS General Reference, "Amazon SES
// endpoints and quotas", DKIM domains); everywhere else under dkim.amazonses.com.
const regionalDkimRegions = new Set([
  "af-south-1", "ap-northeast-3", "ap-south-2", "ap-southeast-3", "ap-southeast-5", "ca-west-1",
  "eu-central-2", "eu-south-1", "il-central-1", "me-central-1", "us-gov-east-1",
]);

export const dkimDomain = (region: string): string =>
  regionalDkimRegions.has(region) ? `dkim.${region}.amazonses.com` : "dkim.amazonses.com";

export interface CreatedIdentity {
  arn: pulumi.Output<string>;
  /** Where the identity lives: the given region or the aws provider's. */
  region: pulumi.Output<string>;
  dnsRecords: pulumi.Output<DnsRecord[]>;
}

/** The SES identity (with Easy DKIM for a domain) and the DNS records that verify it. */
export function createIdentity(
  name: string,
  identity: SenderIdentity,
  region: pulumi.Input<string> | undefined,
  opts: pulumi.CustomResourceOptions,
): CreatedIdentity {
  if ("emailAddress" in identity) {
    // SES verifies an address by mail: the owner clicks the link AWS sends it.
    const email = new aws.ses.EmailIdentity(`${name}-address`, { email: identity.emailAddress, region }, opts);
    return { arn: email.arn, region: email.region, dnsRecords: pulumi.output([]) };
  }
  const { domain } = identity;
  const domainIdentity = new aws.ses.DomainIdentity(`${name}-domain`, { domain, region }, opts);
  const dkim = new aws.ses.DomainDkim(`${name}-dkim`, { domain: domainIdentity.domain, region }, opts);
  const dnsRecords = pulumi
    .all([domainIdentity.verificationToken, dkim.dkimTokens, domainIdentity.region])
    .apply(([verificationToken, dkimTokens, identityRegion]): DnsRecord[] => [
      { type: "TXT", name: `_amazonses.${domain}`, value: verificationToken },
      ...dkimTokens.map((token): DnsRecord => ({
        type: "CNAME",
        name: `${token}._domainkey.${domain}`,
        value: `${token}.${dkimDomain(identityRegion)}`,
      })),
    ]);
  return { arn: domainIdentity.arn, region: domainIdentity.region, dnsRecords };
}
