/** Usage types Logto's connector-kit knows (`TemplateType`); any other is never chosen by Logto. */
export const usageTypes = [
  "Register",
  "SignIn",
  "ForgotPassword",
  "Generic",
  "OrganizationInvitation",
  "UserPermissionValidation",
  "BindNewIdentifier",
  "MfaVerification",
  "BindMfa",
] as const;

export type UsageType = (typeof usageTypes)[number];

/** The ones Logto's SES connector requires; the others fall back to `Generic` when absent. */
export const requiredUsageTypes = ["Register", "SignIn", "ForgotPassword", "Generic"] as const;

/** One entry of the SES connector's `templates`. `content` is HTML; `{{code}}` is the one-time code. */
export interface EmailTemplate {
  usageType: UsageType;
  subject: string;
  content: string;
}

const codeEmail = (usageType: UsageType, subject: string, purpose: string): EmailTemplate => ({
  usageType,
  subject,
  content:
    `<p>Your ${purpose} code is <strong>{{code}}</strong>.</p>` +
    "<p>It expires in 10 minutes. If you did not ask for it, you can ignore this email.</p>",
});

export const defaultTemplates: readonly EmailTemplate[] = Object.freeze([
  codeEmail("Register", "Confirm your email address", "sign-up verification"),
  codeEmail("SignIn", "Your sign-in code", "sign-in verification"),
  codeEmail("ForgotPassword", "Reset your password", "password reset"),
  codeEmail("Generic", "Your verification code", "verification"),
]);

// The same placeholder syntax as connector-kit's replaceSendMessageHandlebars.
const codePlaceholder = /{{\s*code\s*}}/;

/**
 * The defaults with `overrides` replacing the template of the same usage type. Throws, naming
 * `templates[i]`, on an unknown usage type, a duplicate, an empty subject or content, or a
 * required template without `{{code}}` (the user would receive no code).
 */
export function resolveTemplates(overrides: readonly EmailTemplate[] = []): EmailTemplate[] {
  const byType = new Map<string, EmailTemplate>(defaultTemplates.map((template) => [template.usageType, template]));
  const seen = new Set<string>();
  overrides.forEach((template, index) => {
    const fail = (reason: string) => {
      throw new Error(`templates[${index}]: ${reason}`);
    };
    const { usageType, subject, content } = template ?? {};
    if (!usageTypes.includes(usageType)) fail(`usageType must be one of ${usageTypes.join(", ")}; got ${JSON.stringify(usageType)}`);
    if (seen.has(usageType)) fail(`usageType ${usageType} is given twice`);
    if (typeof subject !== "string" || !subject.trim()) fail("subject must be a non-empty string");
    if (typeof content !== "string" || !content.trim()) fail("content must be a non-empty string");
    if ((requiredUsageTypes as readonly string[]).includes(usageType) && !codePlaceholder.test(content)) {
      fail(`content of the ${usageType} template must contain {{code}}`);
    }
    seen.add(usageType);
    byType.set(usageType, { usageType, subject, content });
  });
  return [...byType.values()].map((template) => ({ ...template }));
}
