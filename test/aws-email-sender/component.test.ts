import { account, providerRegion, resourcesOf, valueOf } from "./mocks";
import * as pulumi from "@pulumi/pulumi";
import { AwsEmailSender, type AwsEmailSenderArgs } from "../../resources/aws-email-sender";

const domainSender: AwsEmailSenderArgs = { identity: { domain: "example.com" }, fromAddress: "noreply@example.com" };

/** The component, once every resource it makes is registered. */
async function deploy(name: string, args: AwsEmailSenderArgs) {
  const sender = new AwsEmailSender(name, args);
  await valueOf(pulumi.all([sender.connectorConfig, sender.dnsRecords]));
  return sender;
}

const policyOf = (component: string) => {
  const [policy] = resourcesOf(component, "aws:iam/userPolicy:UserPolicy");
  return { policy, document: JSON.parse(policy.inputs.policy) };
};

describe("AwsEmailSender IAM", () => {
  test("the policy allows only SendEmail and SendRawEmail, on the identity, from the from address", async () => {
    const sender = await deploy("least", domainSender);
    const { document } = policyOf("least");

    expect(document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SendFromIdentity",
          Effect: "Allow",
          Action: ["ses:SendEmail", "ses:SendRawEmail"],
          Resource: `arn:aws:ses:${providerRegion}:${account}:identity/example.com`,
          Condition: { StringEquals: { "ses:FromAddress": "noreply@example.com" } },
        },
      ],
    });
    expect(await valueOf(sender.identityArn)).toBe(document.Statement[0].Resource);
  });

  test("a configuration set adds its own ARN for the same two actions, never a wildcard", async () => {
    await deploy("tracked", { ...domainSender, configurationSetName: "logto-mail" });
    const { document } = policyOf("tracked");
    const statements: Array<{ Effect: string; Action: string[]; Resource: string }> = document.Statement;

    expect(statements.map((statement) => statement.Resource)).toEqual([
      `arn:aws:ses:${providerRegion}:${account}:identity/example.com`,
      `arn:aws:ses:${providerRegion}:${account}:configuration-set/logto-mail`,
    ]);
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.Action).toEqual(["ses:SendEmail", "ses:SendRawEmail"]);
    }
    expect(JSON.stringify(document)).not.toContain("*");
  });

  test("the policy and the access key belong to the user created with them", async () => {
    await deploy("owned", { ...domainSender, namePrefix: "shop-prod" });
    const [user] = resourcesOf("owned", "aws:iam/user:User");
    const [key] = resourcesOf("owned", "aws:iam/accessKey:AccessKey");
    const { policy } = policyOf("owned");

    expect(user.state.name).toBe("shop-prod-ses-sender");
    expect(policy.inputs).toMatchObject({ user: "shop-prod-ses-sender", name: "shop-prod-ses-send" });
    expect(key.inputs.user).toBe("shop-prod-ses-sender");
  });

  test("without namePrefix the IAM user is auto-named and still owns the key", async () => {
    await deploy("autonamed", domainSender);
    const [user] = resourcesOf("autonamed", "aws:iam/user:User");
    const [key] = resourcesOf("autonamed", "aws:iam/accessKey:AccessKey");

    expect(user.inputs.name).toBeUndefined();
    expect(key.inputs.user).toBe(user.state.name);
  });
});

describe("AwsEmailSender outputs", () => {
  test("accessKeySecret and connectorConfig's accessKeySecret are secrets, with the key's values", async () => {
    const sender = await deploy("secrets", domainSender);

    expect(await pulumi.isSecret(sender.accessKeySecret)).toBe(true);
    expect(await pulumi.isSecret(pulumi.output(sender.connectorConfig.accessKeySecret))).toBe(true);
    expect(await pulumi.isSecret(pulumi.output(sender.connectorConfig.accessKeyId))).toBe(false);
    expect(await valueOf(sender.accessKeySecret)).toBe("secret-of-secrets-key");
    expect(await valueOf(pulumi.output(sender.connectorConfig))).toMatchObject({
      accessKeyId: "AKIA-secrets-key",
      accessKeySecret: "secret-of-secrets-key",
      region: providerRegion,
      emailAddress: "noreply@example.com",
    });
  });

  test("connectorConfig is exactly the connector's config, built from the other outputs", async () => {
    const sender = await deploy("shape", { ...domainSender, fromName: "Shop" });
    const [config, accessKeyId, region, emailAddress, templates] = await Promise.all([
      valueOf(pulumi.output(sender.connectorConfig)),
      valueOf(sender.accessKeyId),
      valueOf(sender.region),
      valueOf(sender.emailAddress),
      valueOf(sender.templates),
    ]);

    expect(emailAddress).toBe("Shop <noreply@example.com>");
    expect(config).toEqual({ accessKeyId, accessKeySecret: "secret-of-shape-key", region, emailAddress, templates });
    expect(templates.map((template) => template.usageType)).toEqual(["Register", "SignIn", "ForgotPassword", "Generic"]);
  });

  test("a domain identity exposes its verification TXT and DKIM CNAME records", async () => {
    const sender = await deploy("records", domainSender);

    expect(await valueOf(sender.dnsRecords)).toEqual([
      { type: "TXT", name: "_amazonses.example.com", value: "token-of-example.com" },
      { type: "CNAME", name: "dkim1._domainkey.example.com", value: "dkim1.dkim.amazonses.com" },
      { type: "CNAME", name: "dkim2._domainkey.example.com", value: "dkim2.dkim.amazonses.com" },
      { type: "CNAME", name: "dkim3._domainkey.example.com", value: "dkim3.dkim.amazonses.com" },
    ]);
  });

  test("an explicit region places the SES identity there and picks that region's DKIM zone", async () => {
    const sender = await deploy("capetown", { ...domainSender, region: "af-south-1" });
    const [identity] = resourcesOf("capetown", "aws:ses/domainIdentity:DomainIdentity");
    const [dkim] = resourcesOf("capetown", "aws:ses/domainDkim:DomainDkim");

    expect([identity.inputs.region, dkim.inputs.region]).toEqual(["af-south-1", "af-south-1"]);
    expect(await valueOf(sender.region)).toBe("af-south-1");
    expect((await valueOf(pulumi.output(sender.connectorConfig))).region).toBe("af-south-1");
    expect((await valueOf(sender.dnsRecords))[1].value).toBe("dkim1.dkim.af-south-1.amazonses.com");
  });

  test("an email address identity sends from that address and needs no DNS record", async () => {
    const sender = await deploy("single", { identity: { emailAddress: "team@example.org" } });
    const [identity] = resourcesOf("single", "aws:ses/emailIdentity:EmailIdentity");
    const { document } = policyOf("single");

    expect(identity.inputs.email).toBe("team@example.org");
    expect(await valueOf(sender.emailAddress)).toBe("team@example.org");
    expect(await valueOf(sender.dnsRecords)).toEqual([]);
    expect(document.Statement[0].Resource).toBe(`arn:aws:ses:${providerRegion}:${account}:identity/team@example.org`);
    expect(resourcesOf("single", "aws:ses/domainIdentity:DomainIdentity")).toEqual([]);
  });
});

describe("AwsEmailSender argument checks", () => {
  test.each<[string, AwsEmailSenderArgs, string]>([
    ["a from address outside the domain", { ...domainSender, fromAddress: "noreply@example.org" },
      "AwsEmailSender bad: fromAddress: noreply@example.org is not an address @example.com, the verified domain identity"],
    ["a from address in a subdomain", { ...domainSender, fromAddress: "noreply@mail.example.com" },
      "fromAddress: noreply@mail.example.com is not an address @example.com"],
    ["a domain identity without fromAddress", { identity: { domain: "example.com" } },
      "fromAddress: required with a domain identity (an address @example.com)"],
    ["a from address that is not an address", { ...domainSender, fromAddress: "Shop <noreply@example.com>" },
      "fromAddress: \"Shop <noreply@example.com>\" is not an email address"],
    ["another address than the email identity", { identity: { emailAddress: "team@example.org" }, fromAddress: "ops@example.org" },
      "fromAddress: ops@example.org differs from identity.emailAddress team@example.org"],
    ["both kinds of identity", { identity: { domain: "example.com", emailAddress: "a@example.com" } as never, fromAddress: "a@example.com" },
      "identity: give either domain or emailAddress, not both"],
    ["an invalid domain", { identity: { domain: "example" }, fromAddress: "a@example" },
      "identity.domain: \"example\" is not a domain name"],
    ["a display name needing quotes", { ...domainSender, fromName: "Shop, Inc." }, "fromName:"],
    ["an IAM-invalid name prefix", { ...domainSender, namePrefix: "shop prod" }, "namePrefix:"],
    ["a template without the code", { ...domainSender, templates: [{ usageType: "SignIn", subject: "Hi", content: "Welcome" }] },
      "templates[0]: content of the SignIn template must contain {{code}}"],
  ])("reject %s, naming the argument, before creating anything", (_case, args, message) => {
    expect(() => new AwsEmailSender("bad", args)).toThrow(message);
    expect(resourcesOf("bad", "aws:iam/user:User")).toEqual([]);
  });
});
