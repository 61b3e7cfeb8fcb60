import { valueOf } from "./mocks";
import * as pulumi from "@pulumi/pulumi";
import {
  AwsEmailSender,
  type EmailTemplate,
  defaultTemplates,
  requiredUsageTypes,
  resolveTemplates,
  sesConnectorConfig,
} from "../../resources/aws-email-sender";
import { usageTypes } from "../../resources/aws-email-sender/templates";
import type { ConnectorInputs } from "../../resources/connector";

// Logto's packages are ES modules without type declarations.
const importEsm = (specifier: string): Promise<any> => import(specifier);

let configGuard: { safeParse(value: unknown): { success: boolean; error?: { message: string } } };
let connectorKit: any;

beforeAll(async () => {
  const createConnector = (await importEsm("@logto/connector-aws-ses")).default;
  ({ configGuard } = await createConnector({ getConfig: async () => ({}) }));
  connectorKit = await importEsm("@logto/connector-kit");
});

const existing = {
  accessKeyId: "AKIAEXISTING",
  accessKeySecret: "existing-secret",
  region: "us-east-1",
  emailAddress: "Shop <noreply@example.com>",
};

describe("sesConnectorConfig (existing credentials)", () => {
  test("keeps the access key secret secret even when given as a plain string, and nothing else", async () => {
    const config = sesConnectorConfig(existing);
    const secretKeys = [];
    for (const [key, value] of Object.entries(config)) if (await pulumi.isSecret(pulumi.output(value))) secretKeys.push(key);

    expect(secretKeys).toEqual(["accessKeySecret"]);
    expect(await valueOf(pulumi.output(config))).toEqual({ ...existing, templates: [...defaultTemplates] });
  });

  test("has the same shape as AwsEmailSender.connectorConfig", async () => {
    const sender = new AwsEmailSender("same-shape", {
      identity: { domain: "example.com" },
      fromAddress: "noreply@example.com",
      configurationSetName: "logto-mail",
    });
    const fromExisting = sesConnectorConfig({ ...existing, configurationSetName: "logto-mail" });
    // Checked by tsc: either one is a valid `config` for the Connector resource.
    [sender.connectorConfig, fromExisting] satisfies Array<ConnectorInputs["config"]>;
    const [created, given] = await Promise.all([valueOf(pulumi.output(sender.connectorConfig)), valueOf(pulumi.output(fromExisting))]);

    expect(Object.keys(given).sort()).toEqual(Object.keys(created).sort());
    expect(given.templates).toEqual(created.templates);
    expect(given.configurationSetName).toBe("logto-mail");
  });

  test("leaves configurationSetName out when there is none", async () => {
    expect("configurationSetName" in sesConnectorConfig(existing)).toBe(false);
    expect((await valueOf(pulumi.output(sesConnectorConfig({ ...existing, configurationSetName: pulumi.output(undefined) })))).configurationSetName).toBeUndefined();
  });
});

describe("templates", () => {
  test("an override replaces the default of its usage type and keeps the others", () => {
    const signIn: EmailTemplate = { usageType: "SignIn", subject: "Shop sign-in", content: "<p>Code: {{ code }}</p>" };
    const invitation: EmailTemplate = { usageType: "OrganizationInvitation", subject: "Join us", content: "<a href=\"{{link}}\">Join</a>" };
    const templates = resolveTemplates([signIn, invitation]);

    expect(templates.map((template) => template.usageType)).toEqual(["Register", "SignIn", "ForgotPassword", "Generic", "OrganizationInvitation"]);
    expect(templates[1]).toEqual(signIn);
  });

  test.each<[string, unknown, string]>([
    ["an unknown usage type", { usageType: "Signin", subject: "s", content: "{{code}}" }, "templates[0]: usageType must be one of Register, SignIn"],
    ["an empty subject", { usageType: "Register", subject: " ", content: "{{code}}" }, "templates[0]: subject must be a non-empty string"],
  ])("reject %s, naming the entry", (_case, template, message) => {
    expect(() => resolveTemplates([template as EmailTemplate])).toThrow(message);
  });

  test("reject a usage type given twice", () => {
    const register: EmailTemplate = { usageType: "Register", subject: "s", content: "{{code}}" };
    expect(() => resolveTemplates([register, register])).toThrow("templates[1]: usageType Register is given twice");
  });

  test("every default renders the code with Logto's own placeholder replacement", () => {
    for (const template of defaultTemplates) {
      const html = connectorKit.replaceSendMessageHandlebars(template.content, { code: "123456" });
      expect(html).toContain("<strong>123456</strong>");
      expect(html).not.toContain("{{");
    }
  });
});

describe("Logto's own aws-ses-mail configGuard", () => {
  test("accepts a sample config with the default templates", () => {
    const result = configGuard.safeParse({ ...existing, templates: defaultTemplates });

    expect(result.error?.message).toBeUndefined();
    expect(result.success).toBe(true);
  });

  test("accepts the config AwsEmailSender produces", async () => {
    const sender = new AwsEmailSender("guarded", { identity: { emailAddress: "team@example.org" }, configurationSetName: "logto" });

    expect(configGuard.safeParse(await valueOf(pulumi.output(sender.connectorConfig))).success).toBe(true);
  });

  test.each(requiredUsageTypes)("rejects a config missing the %s template", (missing) => {
    const templates = defaultTemplates.filter((template) => template.usageType !== missing);
    const result = configGuard.safeParse({ ...existing, templates });

    expect(result.success).toBe(false);
    expect(result.error?.message).toContain(`Template with UsageType (${missing}) should be provided!`);
  });

  test("requires exactly the usage types we call required, among exactly Logto's usage types", () => {
    const all = usageTypes.map((usageType) => ({ usageType, subject: "s", content: "{{code}}" }));
    const requiredByLogto = usageTypes.filter(
      (usageType) => !configGuard.safeParse({ ...existing, templates: all.filter((t) => t.usageType !== usageType) }).success,
    );

    expect(requiredByLogto).toEqual([...requiredUsageTypes]);
    expect([...usageTypes].sort()).toEqual(Object.values(connectorKit.TemplateType).sort());
  });
});
