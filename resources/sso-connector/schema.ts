import { z } from "zod";
import type { SecretRevisions } from "../provider-kit/secrets";

/** Logto's enterprise SSO providers (`SsoProviderName` of @logto/schemas). */
export const ssoProviderNames = ["Okta", "OIDC", "AzureAdOidc", "GoogleWorkspace", "SAML", "AzureAD"] as const;
export type SsoProviderName = (typeof ssoProviderNames)[number];

export const isSamlProvider = (providerName: SsoProviderName) => providerName === "SAML" || providerName === "AzureAD";

/** Google Workspace's issuer is fixed; its config has none. */
export const googleIssuer = "https://accounts.google.com";

const isHttpUrl = (value: string) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

// Messages never quote the value: `config` is a secret as a whole.
const httpUrl = z.string().refine(isHttpUrl, "must be an http(s) URL");
const required = z.string().min(1, "must not be empty");

/** The config guards of Logto (packages/core/src/sso/types), strict so a typo is not silently dropped. */
const oidcFields = {
  clientId: required,
  clientSecret: required,
  scope: z.string().optional(),
  trustUnverifiedEmail: z.boolean().default(false),
};

export const oidcConfigSchema = z
  .object({
    issuer: httpUrl.refine(
      (issuer) => !issuer.endsWith("/"),
      'must not end with "/": Logto fetches `${issuer}/.well-known/openid-configuration` by appending to it',
    ),
    ...oidcFields,
  })
  .strict();

export const googleWorkspaceConfigSchema = z.object({ ...oidcFields, offlineAccess: z.boolean().optional() }).strict();

const attributeMapping = z
  .object({ id: z.string().optional(), email: z.string().optional(), name: z.string().optional() })
  .strict()
  .optional();

/** One of three forms; Logto keeps only the first form that matches, so mixing them is refused. */
export const samlConfigSchema = z.union(
  [
    z.object({ metadataUrl: httpUrl, attributeMapping }).strict(),
    z.object({ metadata: required, attributeMapping }).strict(),
    z.object({ entityId: required, signInEndpoint: httpUrl, x509Certificate: required, attributeMapping }).strict(),
  ],
  { errorMap: () => ({ message: "must hold either metadataUrl, or metadata (the IdP metadata XML), or entityId, signInEndpoint and x509Certificate" }) },
);

export type OidcConfig = z.output<typeof oidcConfigSchema>;
export type GoogleWorkspaceConfig = z.output<typeof googleWorkspaceConfigSchema>;
export type SamlConfig = z.output<typeof samlConfigSchema>;
export type SsoConnectorConfig = OidcConfig | GoogleWorkspaceConfig | SamlConfig;

export interface SsoBranding {
  displayName?: string;
  logo?: string;
  darkLogo?: string;
}

/** The fields of a Logto SSO connector that the user owns, as Logto stores them. */
export interface SsoConnectorArgs {
  providerName: SsoProviderName;
  connectorName: string;
  config: SsoConnectorConfig;
  domains: string[];
  branding: SsoBranding;
  syncProfile: boolean;
  /** Take over this existing SSO connector (by id) when the resource is created. */
  adoptId?: string;
  /** Filled in by check: see `secretRevisions`. */
  secretRevisions?: SecretRevisions;
}

export const ownedFields = [
  "providerName",
  "connectorName",
  "config",
  "domains",
  "branding",
  "syncProfile",
] as const satisfies ReadonlyArray<keyof SsoConnectorArgs>;

const configSchemaOf = (providerName: SsoProviderName) =>
  isSamlProvider(providerName) ? samlConfigSchema : providerName === "GoogleWorkspace" ? googleWorkspaceConfigSchema : oidcConfigSchema;

/** Lower-cased as Logto stores them; public and repeated domains refused as Logto does. */
function domainsSchema(publicDomains: ReadonlySet<string>) {
  return z
    .array(required.transform((domain) => domain.toLowerCase()))
    .default([])
    .superRefine((domains, ctx) =>
      domains.forEach((domain, index) => {
        if (publicDomains.has(domain)) {
          ctx.addIssue({ code: "custom", path: [index], message: `${domain} is a public email domain, which Logto refuses for SSO` });
        }
        const first = domains.indexOf(domain);
        if (first < index) {
          ctx.addIssue({ code: "custom", path: [index], message: `${domain} repeats domains[${first}] (compared lower-cased)` });
        }
      }),
    );
}

export function ssoConnectorArgsSchema(publicDomains: ReadonlySet<string>): z.ZodType<SsoConnectorArgs, z.ZodTypeDef, unknown> {
  const common = z.object({
    connectorName: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters"),
    domains: domainsSchema(publicDomains),
    branding: z
      .object({ displayName: z.string().optional(), logo: z.string().optional(), darkLogo: z.string().optional() })
      .strict()
      .default({}),
    syncProfile: z.boolean().default(false),
    adoptId: z.string().min(1, "must not be empty").optional(),
  });
  const [first, ...rest] = ssoProviderNames.map((providerName) =>
    common.extend({ providerName: z.literal(providerName), config: configSchemaOf(providerName) }),
  );
  return z.discriminatedUnion("providerName", [first!, ...rest], {
    errorMap: (issue, ctx) =>
      issue.code === "invalid_union_discriminator"
        ? { message: `must be one of ${ssoProviderNames.join(", ")}` }
        : { message: ctx.defaultError },
  });
}
