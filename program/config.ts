import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { scopeNameSchema } from "../resources/api-resource/schema";
import { describeIssue } from "../resources/provider-kit/check";
import { customPhraseArgsSchema } from "../resources/custom-phrase/schema";
import { managedFieldsSchema as signInFields } from "../resources/sign-in-experience/schema";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

const webUrl = z
  .string()
  .url("must be an absolute URL such as https://app.example.com")
  .refine((url) => /^https?:\/\//.test(url), "must be an http(s) URL");

/** A URL, or undefined: zod runs refinements after a failed `.url()`, and `new URL` throws. */
const parsed = (url: string) => (URL.canParse(url) ? new URL(url) : undefined);

/** Browsers and IdPs need https for real users; plain http is fine on the developer's machine. */
const appUrl = webUrl
  .refine((url) => url.startsWith("https://") || loopbackHosts.has(parsed(url)?.hostname ?? ""), "must use https (http is only for localhost)")
  .refine((url) => !parsed(url)?.search && !parsed(url)?.hash, "must not have a query or fragment: give the base URL, e.g. https://shop.example.com")
  .transform((url) => url.replace(/\/+$/, ""));

const requiredText = (what: string) => z.string().trim().min(1, `is required: ${what}`);

/** `no-reply@acme.com`, or with a display name `Acme <no-reply@acme.com>`, as SES and Logto's SES connector take it. */
const sender = /^\s*(?:(.*?)\s*<([^<>\s]+)>|([^<>\s]+))\s*$/;

export function parseSender(text: string): { name?: string; address: string } {
  const [, name, bracketed, bare] = sender.exec(text) ?? [];
  return { ...(name && { name }), address: bracketed ?? bare ?? text };
}

const senderSchema = z
  .string()
  .refine((text) => sender.test(text) && z.string().email().safeParse(parseSender(text).address).success, 'must be an email address, or "Name <address>"')
  .refine((text) => /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]*$/.test(parseSender(text).name ?? ""), "has a display name with characters SES would need quoted: use letters, digits, spaces and !#$%&'*+-/=?^_`{|}~");

const organizationRoleSchema = z
  .object({
    description: z.string().max(256, "must be at most 256 characters").default(""),
    permissions: z.array(z.string()).default([]),
    apiPermissions: z.array(z.string()).default([]),
    default: z.boolean().default(false),
  })
  .strict();

const apiRoleSchema = z
  .object({
    description: z
      .string({ required_error: "is required: Logto keeps a description on every role" })
      .trim()
      .min(1, "is required: Logto keeps a description on every role")
      .max(128, "must be at most 128 characters"),
    permissions: z.array(z.string()).default([]),
    default: z.boolean().default(false),
  })
  .strict();

/** A structured key left at its default `{}` leaves Logto as it is. */
const unlessEmpty = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0 ? undefined : value), schema.optional());

const legalSchema = z
  .object({
    termsOfUseUrl: signInFields.shape.termsOfUseUrl,
    privacyPolicyUrl: signInFields.shape.privacyPolicyUrl,
    agreeToTermsPolicy: signInFields.shape.agreeToTermsPolicy,
  })
  .strict();

const stackConfigSchema = z
  .object({
    appUrl,
    appName: z.string().trim().transform((name) => name || undefined),
    apple: z.boolean(),
    appleServicesId: z.string(),
    appleScope: z
      .string()
      .trim()
      .refine((scope) => scope.split(/\s+/).every((item) => item === "" || item === "name" || item === "email"), 'must be "name", "email", both separated by a space, or empty'),
    oidc: z.boolean(),
    oidcTarget: z.string().regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and dashes"),
    oidcDisplayName: z.string(),
    oidcIssuer: z.string(),
    oidcAuthorizationEndpoint: z.string(),
    oidcTokenEndpoint: z.string(),
    oidcJwksUri: z.string(),
    oidcClientId: z.string(),
    oidcScope: z.string(),
    okta: z.boolean(),
    oktaIssuer: z.string(),
    oktaClientId: z.string(),
    oktaConnectorName: z.string().trim().min(1, "must not be empty"),
    oktaDomains: z.array(z.string().toLowerCase()),
    email: z.boolean(),
    emailSender: z.enum(["existing", "aws"], { errorMap: () => ({ message: 'must be "existing" (credentials you have) or "aws" (create the SES sender)' }) }),
    emailFrom: z.string(),
    emailDomain: z.string(),
    sesRegion: z.string(),
    sesAccessKeyId: z.string(),
    api: z.boolean(),
    apiIndicator: z.string(),
    apiName: z.string().trim().transform((name) => name || undefined),
    apiPermissions: z.record(z.string(), z.string()),
    apiRoles: z.record(z.string(), apiRoleSchema),
    apiM2mClient: z.boolean(),
    apiM2mPermissions: z.array(z.string()),
    organization: z.boolean(),
    organizationName: z.string().trim(),
    organizationDomains: z.array(z.string().toLowerCase()),
    organizationPermissions: z.record(z.string(), z.string()),
    organizationRoles: z.record(z.string(), organizationRoleSchema),
    branding: unlessEmpty(signInFields.shape.branding),
    colors: unlessEmpty(signInFields.shape.color),
    legal: unlessEmpty(legalSchema),
    passwordPolicy: unlessEmpty(signInFields.shape.passwordPolicy),
    mfa: unlessEmpty(signInFields.shape.mfa),
    phrases: z.record(z.string(), customPhraseArgsSchema.shape.translation),
  })
  .superRefine((config, ctx) => {
    const require = (key: keyof typeof config, schema: z.ZodTypeAny, when: string) => {
      const result = schema.safeParse(config[key]);
      if (!result.success) ctx.addIssue({ code: "custom", path: [key], message: `${result.error.issues[0].message} (${when})` });
    };
    if (config.apple) require("appleServicesId", requiredText("the Apple Services ID"), "apple is true");
    if (config.oidc) {
      for (const key of ["oidcAuthorizationEndpoint", "oidcTokenEndpoint", "oidcJwksUri"] as const) require(key, webUrl, "oidc is true");
      require("oidcClientId", requiredText("the client ID at your OIDC provider"), "oidc is true");
      require("oidcScope", requiredText('e.g. "openid profile email"'), "oidc is true");
      if (config.oidcIssuer) require("oidcIssuer", webUrl, "oidc is true");
    }
    if (config.okta) {
      require("oktaIssuer", webUrl.refine((url) => !url.endsWith("/"), "must not end with /"), "okta is true");
      require("oktaClientId", requiredText("the Okta app's client ID"), "okta is true");
    }
    if (config.email) {
      require("emailFrom", senderSchema, "email is true");
      require("sesRegion", requiredText("the SES region, e.g. eu-west-1"), "email is true");
      if (config.emailSender === "existing") require("sesAccessKeyId", requiredText("the IAM access key id"), 'emailSender is "existing"');
    }
    if (config.organization) {
      require("organizationName", requiredText("the enterprise customer's name, e.g. Acme"), "organization is true");
      if (!config.okta && !config.organizationDomains.length) {
        ctx.addIssue({ code: "custom", path: ["organizationDomains"], message: "is required: the customer's email domains (organization is true and okta is not)" });
      }
      const declared = new Set(Object.keys(config.organizationPermissions));
      const apiDeclared = new Set(config.api ? Object.keys(config.apiPermissions) : []);
      for (const [role, { permissions, apiPermissions }] of Object.entries(config.organizationRoles)) {
        permissions.forEach((name, index) => {
          if (!declared.has(name)) ctx.addIssue({ code: "custom", path: ["organizationRoles", role, "permissions", index], message: `"${name}" is not in organizationPermissions` });
        });
        apiPermissions.forEach((name, index) => {
          if (!apiDeclared.has(name)) ctx.addIssue({ code: "custom", path: ["organizationRoles", role, "apiPermissions", index], message: `"${name}" is not in apiPermissions${config.api ? "" : " (api is false)"}` });
        });
      }
    }
    if (config.api) {
      require("apiIndicator", z.string().url("must be an absolute URI such as https://api.shop.example.com").refine((uri) => !uri.includes("#"), "must not have a fragment"), "api is true");
      const declared = new Set(Object.keys(config.apiPermissions));
      for (const name of declared) {
        const problem = scopeNameSchema.safeParse(name);
        if (!problem.success) ctx.addIssue({ code: "custom", path: ["apiPermissions", name], message: `permission name ${problem.error.issues[0]!.message}` });
      }
      const undeclared = (path: Array<string | number>, names: string[]) =>
        names.forEach((name, index) => {
          if (!declared.has(name)) ctx.addIssue({ code: "custom", path: [...path, index], message: `"${name}" is not in apiPermissions` });
        });
      for (const [role, { permissions }] of Object.entries(config.apiRoles)) undeclared(["apiRoles", role, "permissions"], permissions);
      if (config.apiM2mClient) {
        if (!config.apiM2mPermissions.length) ctx.addIssue({ code: "custom", path: ["apiM2mPermissions"], message: "is required: the permissions of the API's machine-to-machine client (apiM2mClient is true)" });
        undeclared(["apiM2mPermissions"], config.apiM2mPermissions);
      }
    }
  });

export type StackConfig = z.infer<typeof stackConfigSchema> & {
  oidcClientSecret?: pulumi.Output<string>;
  oktaClientSecret?: pulumi.Output<string>;
  sesAccessKeySecret?: pulumi.Output<string>;
};

/** Secrets come only from secret stack config: each is required when its feature is on. */
const secretKeys = {
  oidcClientSecret: (config: StackConfig) => config.oidc,
  oktaClientSecret: (config: StackConfig) => config.okta,
  sesAccessKeySecret: (config: StackConfig) => config.email && config.emailSender === "existing",
} as const;

/**
 * Reads and validates the stack's own config (declared with defaults in Pulumi.yaml). Every
 * problem names its config key and what to do, and nothing is created while one remains.
 */
export function readStackConfig(config = new pulumi.Config()): StackConfig {
  const raw = Object.fromEntries(
    Object.keys(stackConfigSchema.innerType().shape).map((key) => [key, readValue(config, key)]),
  );
  const parsed = stackConfigSchema.safeParse(raw);
  // One line per key: a value wrong in several ways (an empty URL is neither a URL nor https) says the first.
  const firstPerKey = (parsed.success ? [] : parsed.error.issues).filter((issue, index, issues) => issues.findIndex((other) => other.path[0] === issue.path[0]) === index);
  const problems = firstPerKey.map((issue) => `${config.name}:${issue.path.join(".")} ${describeIssue(issue)}`);
  const result = (parsed.success ? parsed.data : {}) as StackConfig;

  for (const [key, needed] of Object.entries(secretKeys)) {
    if (!parsed.success || !needed(result)) continue;
    if (config.get(key) === undefined) {
      problems.push(`${config.name}:${key} is not set: pulumi config set --secret ${key} <value>`);
    } else if (!isSecretInConfig(`${config.name}:${key}`)) {
      problems.push(`${config.name}:${key} is stored in plain text: set it again with pulumi config set --secret ${key} <value>`);
    } else {
      result[key as keyof typeof secretKeys] = config.requireSecret(key);
    }
  }
  if (problems.length) throw new pulumi.RunError(`Invalid stack config:\n  ${problems.join("\n  ")}`);
  return result;
}

/** Booleans, lists and maps arrive as text or JSON; the project schema in Pulumi.yaml gives defaults. */
function readValue(config: pulumi.Config, key: string): unknown {
  const text = config.get(key);
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text);
    return typeof value === "boolean" || (typeof value === "object" && value !== null) ? value : text;
  } catch {
    return text;
  }
}

function isSecretInConfig(fullKey: string): boolean {
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (key: string) => boolean };
  return runtimeConfig.isConfigSecret?.(fullKey) ?? true;
}
