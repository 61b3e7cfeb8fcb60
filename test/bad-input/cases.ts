// The "bad input" table: invalid inputs for every resource and for the stack config, each with
// the failure a person should see. Used twice: check.test.ts runs every case on its own through
// the provider's check (no engine, milliseconds), and the engine tests preview them for real.
//
// Why batches. The engine reports every check failure of ONE resource, but stops the preview at
// the first resource that has any (pkg/resource/deploy/step_generator.go: `invalid` bails). So
// a batch is one resource: a valid baseline with several bad inputs applied to disjoint paths,
// and one `pulumi preview` must print exactly the failures of all its cases, nothing else. The
// unit test proves the other half: the baseline alone passes, and each case alone fails with
// exactly its own failure(s). The stack config is read by one function that reports all its
// problems at once, in three stages (types and enums, then settings needed by a feature, then
// secrets), so its batches follow those stages.
import { randomBytes } from "node:crypto";

export type Kind =
  | "Application"
  | "Connector"
  | "SsoConnector"
  | "SignInExperience"
  | "CustomPhrase"
  | "ApiResource"
  | "Role"
  | "OrganizationScope"
  | "OrganizationRole"
  | "Organization";

/**
 * One failure: `property` is the input the engine names (`property <name> value … has a
 * problem`), or "" for a secret input (`config`), which the provider names in the reason only
 * (see resources/provider-kit/check.ts). `reason` is matched against the reason text.
 */
export interface Expected {
  property: string;
  reason: RegExp;
}

export interface ResourceCase {
  title: string;
  /** Dotted paths into the baseline's inputs (digits index arrays); `remove` deletes the key. */
  set: Record<string, unknown>;
  expect: Expected[];
  /**
   * A check that is missing or unhelpful today: `expect` is the failure we want. The unit test
   * runs it as `test.failing`; the engine batches leave it out until the check exists.
   */
  wanted?: string;
}

export interface ResourceBatch {
  /** Resource name in the preview; also the batch's name in test titles. */
  name: string;
  kind: Kind;
  baseline: keyof typeof baselines;
  cases: ResourceCase[];
}

/** Deletes the key at a path. */
export const remove = Symbol("remove");

/** Random per run; a value "$secret:<key>" in an input stands for secrets[key]. */
export const secrets = {
  oidcClientSecret: `oidc-secret-${randomBytes(8).toString("hex")}`,
  sesAccessKeySecret: `ses-secret-${randomBytes(8).toString("hex")}`,
  smtpPassword: `smtp-pass-${randomBytes(8).toString("hex")}`,
  oktaClientSecret: `okta-secret-${randomBytes(8).toString("hex")}`,
  googleClientSecret: `google-secret-${randomBytes(8).toString("hex")}`,
};

const sesTemplates = ["Register", "SignIn", "ForgotPassword", "Generic"].map((usageType) => ({
  usageType,
  subject: "Your code",
  content: "<p>Your code is {{code}}</p>",
}));

const orders = "https://api.shop.example.com/orders";
const billing = "https://api.shop.example.com/billing";
const managementApi = "https://default.logto.app/api";

/** Valid inputs for each resource: every batch starts from one of these. */
export const baselines = {
  api: {
    kind: "ApiResource",
    args: { name: "Orders API", indicator: orders, accessTokenTtl: 900, scopes: { "read:orders": "Read orders", "write:orders": "Change orders" } },
  },
  role: {
    kind: "Role",
    args: {
      name: "Order clerk",
      description: "Works the order queue",
      permissions: [
        { api: orders, scopes: ["read:orders", "write:orders"] },
        { api: billing, scopes: ["read:invoices"] },
      ],
    },
  },
  orgScope: { kind: "OrganizationScope", args: { name: "invite:members", description: "Invite members" } },
  orgRole: {
    kind: "OrganizationRole",
    args: { name: "Member", description: "Every employee", permissions: ["org-scope-invite", "org-scope-billing"], apiPermissions: [{ api: orders, scopes: ["read:orders"] }] },
  },
  /** As the Organization class takes it: ids of roles, SSO connectors and apps managed elsewhere. */
  organization: {
    kind: "Organization",
    args: {
      name: "Acme",
      description: "Enterprise customer",
      customData: { tier: "gold" },
      isMfaRequired: false,
      color: { primaryColor: "#5b21b6" },
      branding: { logoUrl: "https://acme.example.com/logo.svg" },
      customCss: ".logo { width: 120px }",
      jit: { emailDomains: ["acme.com", "acme.org", "acme.net"], ssoConnectors: ["sso-acme"], roles: ["org-role-member", "org-role-admin"] },
      applications: [
        { app: "app-sync", roles: ["org-role-automation"] },
        { app: "app-backup", roles: [] },
      ],
    },
  },
  m2mApp: {
    kind: "Application",
    args: {
      name: "Fulfilment job",
      type: "MachineToMachine",
      // Ids of roles managed elsewhere (a Role of the program is a program batch below).
      roles: ["role-fulfilment", "role-backup", "role-reports"],
    },
  },
  app: {
    kind: "Application",
    args: {
      name: "Shop",
      type: "Traditional",
      redirectUris: ["https://shop.example.com/api/auth/callback/logto", "https://admin.example.com/api/auth/callback/logto"],
      postLogoutRedirectUris: ["https://shop.example.com", "https://admin.example.com"],
      corsAllowedOrigins: ["https://shop.example.com", "https://admin.example.com", "https://www.example.com"],
    },
  },
  apple: {
    kind: "Connector",
    args: { factoryId: "apple-universal", config: { clientId: "com.example.shop.web", scope: "email name" } },
  },
  oidc: {
    kind: "Connector",
    args: {
      factoryId: "oidc",
      metadata: { target: "corp-oidc", name: { en: "Corp" } },
      config: {
        authorizationEndpoint: "https://idp.example.com/authorize",
        tokenEndpoint: "https://idp.example.com/token",
        clientId: "shop",
        clientSecret: "$secret:oidcClientSecret",
        scope: "openid profile email",
        idTokenVerificationConfig: { jwksUri: "https://idp.example.com/jwks" },
      },
    },
  },
  ses: {
    kind: "Connector",
    args: {
      factoryId: "aws-ses-mail",
      config: {
        accessKeyId: "AKIAEXAMPLE",
        accessKeySecret: "$secret:sesAccessKeySecret",
        region: "eu-west-1",
        emailAddress: "no-reply@example.com",
        templates: sesTemplates,
      },
    },
  },
  smtp: {
    kind: "Connector",
    args: {
      factoryId: "simple-mail-transfer-protocol",
      config: {
        host: "smtp.example.com",
        port: 587,
        auth: { user: "mailer", pass: "$secret:smtpPassword" },
        fromEmail: "no-reply@example.com",
        templates: sesTemplates.map((template) => ({ ...template, contentType: "text/html" })),
      },
    },
  },
  okta: {
    kind: "SsoConnector",
    args: {
      providerName: "Okta",
      connectorName: "Acme Okta",
      config: {
        issuer: "https://acme.okta.com",
        clientId: "okta-client",
        clientSecret: "$secret:oktaClientSecret",
        scope: "openid profile email",
      },
      domains: ["acme.com", "acme.org", "acme.net"],
      branding: { displayName: "Acme" },
    },
  },
  saml: {
    kind: "SsoConnector",
    args: {
      providerName: "SAML",
      connectorName: "Corp SAML",
      config: { metadataUrl: "https://idp.example.com/saml/metadata" },
      domains: ["corp.example.com"],
    },
  },
  samlEntity: {
    kind: "SsoConnector",
    args: {
      providerName: "SAML",
      connectorName: "Corp SAML (manual)",
      config: { entityId: "urn:corp:idp", signInEndpoint: "https://idp.example.com/saml/sso", x509Certificate: "MIICmzCCAYMCBgGA" },
    },
  },
  google: {
    kind: "SsoConnector",
    args: {
      providerName: "GoogleWorkspace",
      connectorName: "Google",
      config: { clientId: "google-client", clientSecret: "$secret:googleClientSecret" },
      domains: ["example.org"],
    },
  },
  signIn: {
    kind: "SignInExperience",
    args: { signInMode: "SignInAndRegister", singleSignOnEnabled: true, termsOfUseUrl: "https://shop.example.com/terms" },
  },
  /** Email sign-up and sign-in, with the email connector passed as Logto requires. */
  emailSignIn: {
    kind: "SignInExperience",
    args: {
      emailConnector: "bad-input-mail",
      signUp: { identifiers: ["email"], password: true, verify: true },
      signIn: { methods: [{ identifier: "email", password: true, verificationCode: true, isPasswordPrimary: true }] },
    },
  },
  /** Every field of the sign-in page a team sets in the Console. */
  signInPage: {
    kind: "SignInExperience",
    args: {
      color: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
      branding: { logoUrl: "https://shop.example.com/logo.svg", favicon: "https://shop.example.com/favicon.ico" },
      languageInfo: { autoDetect: true, fallbackLanguage: "fr" },
      termsOfUseUrl: "https://shop.example.com/terms",
      privacyPolicyUrl: "https://shop.example.com/privacy",
      agreeToTermsPolicy: "ManualRegistrationOnly",
      supportEmail: "help@shop.example.com",
      supportWebsiteUrl: "https://shop.example.com/help",
      customCss: ".logto_main-content { border-radius: 0 }",
      socialSignIn: { automaticAccountLinking: true },
      passwordPolicy: { length: { min: 10, max: 64 }, characterTypes: { min: 2 }, rejects: { pwned: true, words: ["shop"] } },
      mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
      sentinelPolicy: { maxAttempts: 10, lockoutDuration: 30 },
      verificationCodePolicy: { expirationDuration: 600, maxRetryAttempts: 5 },
      emailBlocklistPolicy: { blockSubaddressing: true, customBlocklist: ["@spam.test"] },
      passkeySignIn: { enabled: false },
    },
  },
  phrases: {
    kind: "CustomPhrase",
    args: { languageTag: "fr", translation: { action: { sign_in: "Connexion", continue: "Continuer" }, input: { username: "Identifiant" } } },
  },
} satisfies Record<string, { kind: Kind; args: Record<string, unknown> }>;

const p = (property: string, reason: RegExp): Expected => ({ property, reason });
/** A failure inside the secret `config`: the engine names no property, the reason starts with the path. */
const secret = (reason: RegExp): Expected => ({ property: "", reason });
const long = (length: number) => "x".repeat(length);
const noFactor = { identifier: "username", password: false, verificationCode: false, isPasswordPrimary: true };

export const resourceBatches: ResourceBatch[] = [
  {
    name: "app-shapes",
    kind: "Application",
    baseline: "app",
    cases: [
      { title: "an empty (blank) name", set: { name: "  " }, expect: [p("name", /^name: must not be empty$/)] },
      { title: "an unknown application type", set: { type: "Mainframe" }, expect: [p("type", /^type: must be one of Traditional, SPA, Native, MachineToMachine$/)] },
      { title: "a redirect URI that is not a URL", set: { "redirectUris.0": "not a url" }, expect: [p("redirectUris", /^redirectUris\[0\]: is not a valid redirect URI: use an http\(s\) URL/)] },
      { title: "a redirect URI without a scheme", set: { "redirectUris.1": "shop.example.com/api/auth/callback/logto" }, expect: [p("redirectUris", /^redirectUris\[1\]: is not a valid redirect URI/)] },
      { title: "a post-logout redirect URI that is not a URL", set: { "postLogoutRedirectUris.0": "back to shop" }, expect: [p("postLogoutRedirectUris", /^postLogoutRedirectUris\[0\]: is not a valid redirect URI/)] },
      { title: "a CORS origin with a path", set: { "corsAllowedOrigins.0": "https://shop.example.com/app" }, expect: [p("corsAllowedOrigins", /^corsAllowedOrigins\[0\]: must be an origin such as https:\/\/app\.example\.com \(scheme, host and port, no path\)$/)] },
      { title: "a CORS origin with a trailing slash", set: { "corsAllowedOrigins.1": "https://admin.example.com/" }, expect: [p("corsAllowedOrigins", /^corsAllowedOrigins\[1\]: must be an origin/)] },
      { title: "a CORS origin without a scheme", set: { "corsAllowedOrigins.2": "www.example.com" }, expect: [p("corsAllowedOrigins", /^corsAllowedOrigins\[2\]: must be an origin/)] },
      { title: "a description that is not text", set: { description: 42 }, expect: [p("description", /^description: Expected string, received number$/)] },
    ],
  },
  {
    name: "app-types",
    kind: "Application",
    baseline: "app",
    cases: [
      { title: "a name over 256 characters", set: { name: long(257) }, expect: [p("name", /^name: must be at most 256 characters$/)] },
      { title: "redirect URIs given as one string, not a list", set: { redirectUris: "https://shop.example.com/api/auth/callback/logto" }, expect: [p("redirectUris", /^redirectUris: Expected array, received string$/)] },
      { title: "CORS origins given as a wildcard string", set: { corsAllowedOrigins: "*" }, expect: [p("corsAllowedOrigins", /^corsAllowedOrigins: Expected array, received string$/)] },
    ],
  },
  {
    // Shape failures come first: the factory's rules are not applied until the shape is right.
    name: "connector-shapes",
    kind: "Connector",
    baseline: "apple",
    cases: [
      { title: "a connector id with capitals", set: { connectorId: "Shop_Apple" }, expect: [p("connectorId", /^connectorId: must be 1-128 lower-case letters, digits and dashes/)] },
      { title: "an empty factory id", set: { factoryId: "" }, expect: [p("factoryId", /^factoryId: must name a connector factory, e\.g\. apple-universal, oidc, aws-ses-mail$/)] },
      { title: "syncProfile given as text", set: { syncProfile: "yes" }, expect: [p("syncProfile", /^syncProfile: Expected boolean, received string$/)] },
      { title: "an empty metadata target", set: { metadata: { target: "" } }, expect: [p("metadata", /^metadata\.target: must not be empty$/)] },
      { title: "a config that is a string, not an object", set: { config: "clientId=com.example.shop.web" }, expect: [secret(/^config: must be an object$/)] },
    ],
  },
  {
    name: "apple",
    kind: "Connector",
    baseline: "apple",
    cases: [
      { title: "Apple without its Services ID (config.clientId)", set: { "config.clientId": remove }, expect: [secret(/^config\.clientId: is required$/)] },
      { title: "Apple with a scope that is not text", set: { "config.scope": ["email", "name"] }, expect: [secret(/^config\.scope: Expected string, received array$/)] },
      { title: "metadata on a connector that is not standard", set: { metadata: { target: "apple" } }, expect: [p("metadata", /^metadata: apple-universal is not a standard connector; Logto rejects metadata for it$/)] },
    ],
  },
  {
    name: "oidc",
    kind: "Connector",
    baseline: "oidc",
    cases: [
      { title: "OIDC without metadata.target", set: { "metadata.target": remove }, expect: [p("metadata", /^metadata\.target is required: oidc is a standard connector and Logto needs a target/)] },
      { title: "OIDC without its client secret", set: { "config.clientSecret": remove }, expect: [secret(/^config\.clientSecret: is required$/)] },
      { title: "OIDC without a token endpoint", set: { "config.tokenEndpoint": remove }, expect: [secret(/^config\.tokenEndpoint: is required$/)] },
      {
        title: "OIDC token verification without a JWKS URI",
        set: { "config.idTokenVerificationConfig": { issuer: "https://idp.example.com" } },
        expect: [secret(/^config\.idTokenVerificationConfig\.jwksUri: is required$/)],
      },
      { title: "OIDC with an unknown token endpoint auth method", set: { "config.tokenEndpointAuthMethod": "basic" }, expect: [secret(/^config\.tokenEndpointAuthMethod: Invalid enum value\. Expected 'client_secret_basic' \| 'client_secret_post' \| 'client_secret_jwt', received 'basic'$/)] },
      {
        title: "OIDC with an authorization endpoint that is not a URL",
        set: { "config.authorizationEndpoint": "idp.example.com/authorize" },
        expect: [secret(/^config\.authorizationEndpoint: must be an http\(s\) URL/)],
      },
    ],
  },
  {
    name: "ses",
    kind: "Connector",
    baseline: "ses",
    cases: [
      { title: "SES without the Generic template", set: { "config.templates": sesTemplates.slice(0, 3) }, expect: [secret(/^config\.templates: Template with UsageType \(Generic\) should be provided!$/)] },
      { title: "SES without a region", set: { "config.region": remove }, expect: [secret(/^config\.region: is required$/)] },
      { title: "SES without an access key id", set: { "config.accessKeyId": remove }, expect: [secret(/^config\.accessKeyId: is required$/)] },
      { title: "syncProfile on an email connector", set: { syncProfile: true }, expect: [p("syncProfile", /^syncProfile: only social connectors sync profiles; aws-ses-mail is an Email connector$/)] },
      { title: "metadata on an email connector", set: { metadata: { name: { en: "Mail" } } }, expect: [p("metadata", /^metadata: aws-ses-mail is not a standard connector/)] },
      {
        title: "SES with a sender that is not an email address",
        set: { "config.emailAddress": "no-reply" },
        expect: [secret(/^config\.emailAddress: must be an email address/)],
        wanted: "Logto's SES guard takes any string; SES refuses it at the first email",
      },
    ],
  },
  {
    name: "smtp",
    kind: "Connector",
    baseline: "smtp",
    cases: [
      { title: "SMTP with the port as a string", set: { "config.port": "587" }, expect: [secret(/^config\.port: Expected number, received string$/)] },
      { title: "SMTP without templates", set: { "config.templates": remove }, expect: [secret(/^config\.templates: is required$/)] },
      { title: "SMTP without a from address", set: { "config.fromEmail": remove }, expect: [secret(/^config\.fromEmail: is required$/)] },
      {
        title: "SMTP with a password that is not text",
        set: { "config.auth.pass": 12345 },
        expect: [secret(/^config\.auth\.pass: Expected string, received number$/)],
        wanted: "accepted today: the OAuth2-token form of Logto's SMTP auth union is not strict, matches { user } and drops pass",
      },
      {
        title: "SMTP auth with `password` instead of `pass`",
        set: { "config.auth.pass": remove, "config.auth.password": "$secret:smtpPassword" },
        expect: [secret(/^config\.auth: .*\bpassword\b/)],
        wanted: "accepted today, for the same reason: the connector would log in without a password",
      },
    ],
  },
  {
    // Asks Logto (a read) for a factory it does not bundle.
    name: "unknown-factory",
    kind: "Connector",
    baseline: "apple",
    cases: [
      { title: "an unknown connector factory", set: { factoryId: "facebook-classic" }, expect: [p("factoryId", /^factoryId: Logto has no connector factory "facebook-classic" \(GET \/api\/connector-factories lists them\)$/)] },
    ],
  },
  {
    name: "okta",
    kind: "SsoConnector",
    baseline: "okta",
    cases: [
      { title: "an Okta issuer with a trailing slash", set: { "config.issuer": "https://acme.okta.com/" }, expect: [secret(/^config\.issuer: must not end with "\/": Logto fetches `\$\{issuer\}\/\.well-known\/openid-configuration`/)] },
      { title: "SSO without a client secret", set: { "config.clientSecret": remove }, expect: [secret(/^config\.clientSecret: is required$/)] },
      { title: "a public email domain (gmail.com)", set: { "domains.1": "gmail.com" }, expect: [p("domains", /^domains\[1\]: gmail\.com is a public email domain, which Logto refuses for SSO$/)] },
      { title: "a domain listed twice (case-insensitive)", set: { "domains.2": "ACME.com" }, expect: [p("domains", /^domains\[2\]: acme\.com repeats domains\[0\] \(compared lower-cased\)$/)] },
      { title: "an empty connector name", set: { connectorName: "" }, expect: [p("connectorName", /^connectorName: must not be empty$/)] },
      { title: "an unknown branding field", set: { "branding.color": "#ff0000" }, expect: [p("branding", /^branding: unknown properties color$/)] },
      { title: "SSO syncProfile given as text", set: { syncProfile: "true" }, expect: [p("syncProfile", /^syncProfile: Expected boolean, received string$/)] },
    ],
  },
  {
    name: "okta-types",
    kind: "SsoConnector",
    baseline: "okta",
    cases: [
      { title: "an issuer that is not a URL", set: { "config.issuer": "acme.okta.com" }, expect: [secret(/^config\.issuer: must be an http\(s\) URL$/)] },
      { title: "a misspelt config key (clientSecrets)", set: { "config.clientSecrets": "$secret:oktaClientSecret" }, expect: [secret(/^config: unknown properties clientSecrets$/)] },
      { title: "domains given as one string, not a list", set: { domains: "acme.com" }, expect: [p("domains", /^domains: Expected array, received string$/)] },
      { title: "a connector name over 128 characters", set: { connectorName: long(129) }, expect: [p("connectorName", /^connectorName: must be at most 128 characters$/)] },
    ],
  },
  {
    name: "sso-provider",
    kind: "SsoConnector",
    baseline: "okta",
    cases: [
      { title: "an unknown SSO provider", set: { providerName: "Auth0" }, expect: [p("providerName", /^providerName: must be one of Okta, OIDC, AzureAdOidc, GoogleWorkspace, SAML, AzureAD$/)] },
    ],
  },
  {
    name: "saml",
    kind: "SsoConnector",
    baseline: "saml",
    cases: [
      {
        // Logto keeps only the first form that matches. Today's reason names the extra key
        // (`config: unknown properties metadata`); the wanted case below asks for a clearer one.
        title: "SAML with two forms (metadataUrl and metadata)",
        set: { "config.metadata": "<EntityDescriptor/>" },
        expect: [secret(/^config: .*\bmetadata\b/)],
      },
      {
        title: "SAML with two forms, told which forms it got",
        set: { "config.metadata": "<EntityDescriptor/>" },
        expect: [secret(/^config: (?!unknown properties).*\bmetadataUrl\b.*\bmetadata\b/)],
        wanted:
          "the union of the three SAML forms answers with the first form's strictness: `config: unknown properties metadata` (or, over the entityId form, `unknown properties entityId, signInEndpoint, x509Certificate`), which calls valid keys unknown",
      },
      { title: "a public email domain (outlook.com) for SAML", set: { "domains.0": "Outlook.com" }, expect: [p("domains", /^domains\[0\]: outlook\.com is a public email domain/)] },
    ],
  },
  {
    name: "saml-fields",
    kind: "SsoConnector",
    baseline: "samlEntity",
    cases: [
      { title: "SAML with a sign-in endpoint that is not a URL", set: { "config.signInEndpoint": "corp/sso" }, expect: [secret(/^config\.signInEndpoint: must be an http\(s\) URL$/)] },
      { title: "SAML with an empty certificate", set: { "config.x509Certificate": "" }, expect: [secret(/^config\.x509Certificate: must not be empty$/)] },
    ],
  },
  {
    name: "google",
    kind: "SsoConnector",
    baseline: "google",
    cases: [
      { title: "Google Workspace with an issuer (Google's is fixed)", set: { "config.issuer": "https://accounts.google.com" }, expect: [secret(/^config: unknown properties issuer$/)] },
      { title: "Google Workspace offlineAccess given as text", set: { "config.offlineAccess": "yes" }, expect: [secret(/^config\.offlineAccess: Expected boolean, received string$/)] },
    ],
  },
  {
    // Shape failures come first: Logto's coupling rules are not applied until the shape is right.
    name: "sign-in-shapes",
    kind: "SignInExperience",
    baseline: "signIn",
    cases: [
      { title: "an unknown sign-in mode", set: { signInMode: "Everything" }, expect: [p("signInMode", /^signInMode: Invalid enum value\. Expected 'SignIn' \| 'Register' \| 'SignInAndRegister', received 'Everything'$/)] },
      { title: "terms of use that are not a URL", set: { termsOfUseUrl: "terms.html" }, expect: [p("termsOfUseUrl", /^termsOfUseUrl: must be an absolute URL$/)] },
      { title: "singleSignOnEnabled given as text", set: { singleSignOnEnabled: "yes" }, expect: [p("singleSignOnEnabled", /^singleSignOnEnabled: Expected boolean, received string$/)] },
      { title: "an empty social target", set: { socialSignInConnectorTargets: [""] }, expect: [p("socialSignInConnectorTargets", /^socialSignInConnectorTargets\[0\]: must not be empty$/)] },
      {
        title: "an unknown sign-up identifier",
        set: { signUp: { identifiers: ["mail"], password: true, verify: true } },
        expect: [p("signUp", /^signUp\.identifiers\[0\]: Invalid enum value\. Expected 'username' \| 'email' \| 'phone', received 'mail'$/)],
      },
      {
        title: "a sign-in method without isPasswordPrimary",
        set: { signIn: { methods: [{ identifier: "username", password: true, verificationCode: false }] } },
        expect: [p("signIn", /^signIn\.methods\[0\]\.isPasswordPrimary: is required$/)],
      },
      {
        title: "a logo that is not a URL",
        set: { branding: { logoUrl: "logo.png" } },
        expect: [p("branding", /^branding\.logoUrl: must be an absolute URL/)],
      },
    ],
  },
  {
    name: "sign-in-rules",
    kind: "SignInExperience",
    baseline: "emailSignIn",
    cases: [
      {
        title: "passwordless verified sign-up with a sign-in method without a code",
        set: { "signUp.password": false, "signIn.methods.0.verificationCode": false },
        expect: [p("signIn", /^signIn\.methods\[0\] \(email\): verificationCode must be true when sign-up verifies without a password$/)],
      },
      {
        title: "a sign-up identifier listed as primary and secondary",
        set: { "signUp.secondaryIdentifiers": [{ identifier: "email", verify: true }] },
        expect: [p("signUp", /^signUp: an identifier is listed twice \(primary and secondary together\) \(Logto: sign_in_experiences\.duplicated_sign_up_identifiers\)$/)],
      },
      { title: "a sign-in method with no factor", set: { "signIn.methods.1": noFactor }, expect: [p("signIn", /^signIn\.methods\[1\] \(username\): enable password or verificationCode$/)] },
      { title: "an unknown social target", set: { socialSignInConnectorTargets: ["facebook"] }, expect: [p("socialSignInConnectorTargets", /^socialSignInConnectorTargets\[0\] "facebook": Logto has no social connector with this target, and would drop it silently/)] },
    ],
  },
  {
    name: "sign-up-rules",
    kind: "SignInExperience",
    baseline: "emailSignIn",
    cases: [
      { title: "email sign-up without verification", set: { "signUp.verify": false }, expect: [p("signUp", /^signUp\.verify must be true: Logto verifies email and phone identifiers at sign-up$/)] },
      {
        title: "email sign-up without an email connector",
        set: { emailConnector: remove },
        expect: [p("signUp", /^email sign-up or sign-in by code needs an Email connector: create one .* and pass its connectorId as emailConnector/)],
      },
      {
        title: "phone sign-in by code without an SMS connector",
        set: { "signIn.methods.0": { identifier: "phone", password: true, verificationCode: true, isPasswordPrimary: true } },
        expect: [p("signIn", /^phone sign-in by code needs an SMS connector in Logto$/)],
      },
      { title: "a social target given as a factory id", set: { socialSignInConnectorTargets: ["apple-universal"] }, expect: [p("socialSignInConnectorTargets", /^socialSignInConnectorTargets\[0\] "apple-universal": Logto has no social connector with this target/)] },
    ],
  },
  {
    name: "sign-in-page-shapes",
    kind: "SignInExperience",
    baseline: "signInPage",
    cases: [
      { title: "a brand color that is not hex", set: { "color.primaryColor": "teal" }, expect: [p("color", /^color\.primaryColor: must be a hex color such as #6139F6$/)] },
      { title: "a misspelt color key Logto would drop without a word", set: { "color.accentColor": "#000000" }, expect: [p("color", /^color: unknown properties accentColor$/)] },
      { title: "a favicon that is not a URL", set: { "branding.favicon": "favicon.ico" }, expect: [p("branding", /^branding\.favicon: must be an absolute URL$/)] },
      { title: "language auto-detection given as text", set: { "languageInfo.autoDetect": "yes" }, expect: [p("languageInfo", /^languageInfo\.autoDetect: Expected boolean, received string$/)] },
      { title: "a privacy policy that is not a URL", set: { privacyPolicyUrl: "privacy.html" }, expect: [p("privacyPolicyUrl", /^privacyPolicyUrl: must be an absolute URL$/)] },
      { title: "an agreement policy Logto does not have", set: { agreeToTermsPolicy: "Always" }, expect: [p("agreeToTermsPolicy", /^agreeToTermsPolicy: Invalid enum value\. Expected 'Automatic' \| 'ManualRegistrationOnly' \| 'Manual', received 'Always'$/)] },
      { title: "a support email that is no address", set: { supportEmail: "help" }, expect: [p("supportEmail", /^supportEmail: must be an email address$/)] },
      { title: "a support website that is not a URL", set: { supportWebsiteUrl: "help" }, expect: [p("supportWebsiteUrl", /^supportWebsiteUrl: must be an absolute URL$/)] },
      { title: "custom CSS given as a number", set: { customCss: 42 }, expect: [p("customCss", /^customCss: Expected string, received number$/)] },
      { title: "account linking given as text", set: { "socialSignIn.automaticAccountLinking": "yes" }, expect: [p("socialSignIn", /^socialSignIn\.automaticAccountLinking: Expected boolean, received string$/)] },
      { title: "passwords of zero characters", set: { "passwordPolicy.length.min": 0 }, expect: [p("passwordPolicy", /^passwordPolicy\.length\.min: must be at least 1$/)] },
      { title: "a fractional maximum password length", set: { "passwordPolicy.length.max": 64.5 }, expect: [p("passwordPolicy", /^passwordPolicy\.length\.max: must be a whole number$/)] },
      { title: "five kinds of characters", set: { "passwordPolicy.characterTypes.min": 5 }, expect: [p("passwordPolicy", /^passwordPolicy\.characterTypes\.min: must be 1 to 4$/)] },
      { title: "forbidden words given as one text", set: { "passwordPolicy.rejects.words": "shop" }, expect: [p("passwordPolicy", /^passwordPolicy\.rejects\.words: Expected array, received string$/)] },
      { title: "an MFA factor Logto does not have", set: { "mfa.factors.0": "Sms" }, expect: [p("mfa", /^mfa\.factors\[0\]: Invalid enum value\. Expected 'Totp' \| 'WebAuthn' \| 'BackupCode' \| 'EmailVerificationCode' \| 'PhoneVerificationCode', received 'Sms'$/)] },
      { title: "an MFA policy Logto does not have", set: { "mfa.policy": "Always" }, expect: [p("mfa", /^mfa\.policy: Invalid enum value\. Expected 'UserControlled' .*, received 'Always'$/)] },
      { title: "a lockout threshold given as text", set: { "sentinelPolicy.maxAttempts": "10" }, expect: [p("sentinelPolicy", /^sentinelPolicy\.maxAttempts: Expected number, received string$/)] },
      { title: "codes valid for 30 seconds", set: { "verificationCodePolicy.expirationDuration": 30 }, expect: [p("verificationCodePolicy", /^verificationCodePolicy\.expirationDuration: must be 60 to 3600 seconds$/)] },
      { title: "101 code attempts", set: { "verificationCodePolicy.maxRetryAttempts": 101 }, expect: [p("verificationCodePolicy", /^verificationCodePolicy\.maxRetryAttempts: must be 1 to 100$/)] },
      { title: "passkeys enabled as text", set: { "passkeySignIn.enabled": "yes" }, expect: [p("passkeySignIn", /^passkeySignIn\.enabled: Expected boolean, received string$/)] },
      { title: "password expiry without its period", set: { passwordExpiration: { enabled: true } }, expect: [p("passwordExpiration", /^passwordExpiration\.validPeriodDays: is required when enabled is true$/)] },
    ],
  },
  {
    // Logto's coupling rules, applied once every field has the right shape.
    name: "sign-in-page-rules",
    kind: "SignInExperience",
    baseline: "signInPage",
    cases: [
      { title: "an MFA factor listed twice", set: { "mfa.factors.1": "Totp" }, expect: [p("mfa", /^mfa\.factors: a factor is listed twice \(Logto: sign_in_experiences\.duplicated_mfa_factors\)$/)] },
      { title: "an MFA prompt that cannot be skipped, without adaptive MFA", set: { "mfa.policy": "PromptOnlyAtSignInMandatory" }, expect: [p("mfa", /^mfa\.policy PromptOnlyAtSignInMandatory cannot be skipped and needs adaptiveMfa\.enabled: true.*non_adaptive_mfa_requires_skippable_policy\)$/)] },
      { title: "password reset by SMS without an SMS connector", set: { forgotPasswordMethods: ["PhoneVerificationCode"] }, expect: [p("forgotPasswordMethods", /^forgotPasswordMethods\[0\] PhoneVerificationCode needs an SMS connector in Logto \(Logto: sign_in_experiences\.forgot_password_method_requires_connector\)$/)] },
      { title: "password expiry with no way to reset a password", set: { passwordExpiration: { enabled: true, validPeriodDays: 90 } }, expect: [p("passwordExpiration", /^passwordExpiration needs a way to reset a password.*password_expiration_requires_forgot_password\)$/)] },
      { title: "a fallback language without phrases (sv)", set: { "languageInfo.fallbackLanguage": "sv" }, expect: [p("languageInfo", /^languageInfo\.fallbackLanguage "sv": Logto has no built-in phrases for it .*declare a CustomPhrase for "sv"/)] },
      { title: "a blocklist entry that is neither an address nor a domain", set: { "emailBlocklistPolicy.customBlocklist.0": "spam" }, expect: [p("emailBlocklistPolicy", /^emailBlocklistPolicy\.customBlocklist\[0\] "spam": must be an email address or a domain such as @example\.com/)] },
      { title: "blocking disposable addresses, a Logto Cloud feature", set: { "emailBlocklistPolicy.blockDisposableAddresses": true }, expect: [p("emailBlocklistPolicy", /^emailBlocklistPolicy\.blockDisposableAddresses is only available in Logto Cloud$/)] },
    ],
  },
  {
    name: "sign-in-page-rules-2",
    kind: "SignInExperience",
    baseline: "signInPage",
    cases: [
      { title: "adaptive MFA with a prompt users may skip", set: { adaptiveMfa: { enabled: true } }, expect: [p("adaptiveMfa", /^adaptive MFA \(on in adaptiveMfa\) needs mfa\.policy PromptAtSignInAndSignUpMandatory or PromptOnlyAtSignInMandatory.*adaptive_mfa_requires_non_skippable_policy\)$/)] },
      { title: "backup codes as the only MFA factor", set: { "mfa.factors": ["BackupCode"] }, expect: [p("mfa", /^mfa\.factors: BackupCode cannot be the only factor \(Logto: sign_in_experiences\.backup_code_cannot_be_enabled_alone\)$/)] },
      { title: "a fallback language Logto does not know", set: { "languageInfo.fallbackLanguage": "xx-invalid" }, expect: [p("languageInfo", /^languageInfo\.fallbackLanguage "xx-invalid": is not a language tag Logto knows/)] },
      { title: "a blocklist entry listed twice", set: { "emailBlocklistPolicy.customBlocklist.1": "@spam.test" }, expect: [p("emailBlocklistPolicy", /^emailBlocklistPolicy\.customBlocklist\[1\] "@spam\.test" is listed twice \(Logto would drop it\)$/)] },
    ],
  },
  {
    name: "phrases-shapes",
    kind: "CustomPhrase",
    baseline: "phrases",
    cases: [
      { title: "a phrase that is not text", set: { "translation.action.sign_in": 1 }, expect: [p("translation", /^translation\.action\.sign_in: must be text \(a phrase\) or a group of phrases$/)] },
      { title: "a phrase list instead of a phrase", set: { "translation.input.username": ["Identifiant"] }, expect: [p("translation", /^translation\.input\.username: must be text \(a phrase\) or a group of phrases$/)] },
    ],
  },
  {
    name: "phrases-keys",
    kind: "CustomPhrase",
    baseline: "phrases",
    cases: [
      { title: "a language tag Logto does not know", set: { languageTag: "french" }, expect: [p("languageTag", /^languageTag "french": is not a language tag Logto knows/)] },
      { title: "a phrase key Logto's sign-in page does not have", set: { "translation.action.sign_on": "Connexion" }, expect: [p("translation", /^translation: Logto's sign-in page has no phrase action\.sign_on \(keys are those of/)] },
    ],
  },
  {
    name: "api-shapes",
    kind: "ApiResource",
    baseline: "api",
    cases: [
      { title: "an indicator that is not an absolute URI", set: { indicator: "orders-api" }, expect: [p("indicator", /^indicator: must be an absolute URI without a fragment, e\.g\. https:\/\/api\.example\.com$/)] },
      { title: "a blank API name", set: { name: " " }, expect: [p("name", /^name: must not be empty$/)] },
      { title: "a permission name with whitespace", set: { "scopes.read orders": "Read orders" }, expect: [p("scopes", /^scopes\.read orders: permission name must not contain whitespace \(Logto refuses it\), e\.g\. read:orders$/)] },
      { title: "a permission name over 256 characters", set: { [`scopes.${long(257)}`]: "Too long" }, expect: [p("scopes", /^scopes\.x{257}: permission name must be at most 256 characters$/)] },
      { title: "an empty permission name", set: { "scopes.": "Nameless" }, expect: [p("scopes", /^scopes\.: permission name must not be empty$/)] },
      { title: "an access token lifetime of 0", set: { accessTokenTtl: 0 }, expect: [p("accessTokenTtl", /^accessTokenTtl: must be at least 1 second$/)] },
      { title: "isDefault given as text", set: { isDefault: "yes" }, expect: [p("isDefault", /^isDefault: Expected boolean, received string$/)] },
      { title: "adopting the Logto Management API", set: { adoptId: "management-api" }, expect: [p("adoptId", /^adoptId: the Logto Management API cannot be changed or deleted, so it cannot be adopted$/)] },
    ],
  },
  {
    name: "api-types",
    kind: "ApiResource",
    baseline: "api",
    cases: [
      { title: "an indicator with a fragment", set: { indicator: `${orders}#v1` }, expect: [p("indicator", /^indicator: must be an absolute URI without a fragment/)] },
      { title: "an access token lifetime in fractions of a second", set: { accessTokenTtl: 1.5 }, expect: [p("accessTokenTtl", /^accessTokenTtl: must be a whole number of seconds$/)] },
      { title: "permissions given as a list of names", set: { scopes: ["read:orders"] }, expect: [p("scopes", /^scopes: Expected object, received array$/)] },
      { title: "an API without a name", set: { name: remove }, expect: [p("name", /^name: is required$/)] },
    ],
  },
  {
    name: "api-permission-text",
    kind: "ApiResource",
    baseline: "api",
    cases: [{ title: "a permission description that is not text", set: { "scopes.read:orders": 5 }, expect: [p("scopes", /^scopes\.read:orders: Expected string, received number$/)] }],
  },
  {
    name: "role-shapes",
    kind: "Role",
    baseline: "role",
    cases: [
      { title: "a role without a description", set: { description: remove }, expect: [p("description", /^description: is required: Logto keeps a description on every role$/)] },
      { title: "a role name in Logto's reserved #internal: space", set: { name: "#internal:admin" }, expect: [p("name", /^name: must not start with #internal: \(Logto reserves it\)$/)] },
      { title: "an unknown role type", set: { type: "Service" }, expect: [p("type", /^type: must be one of User, MachineToMachine$/)] },
      { title: "a permission entry naming no permission", set: { "permissions.1.scopes": [] }, expect: [p("permissions", /^permissions\[1\]\.scopes: must name at least one permission$/)] },
      { title: "a permission listed twice in a role", set: { "permissions.0.scopes": ["read:orders", "read:orders"] }, expect: [p("permissions", /^permissions\[0\]\.scopes\[1\]: "read:orders" is listed twice$/)] },
      { title: "isDefault given as text", set: { isDefault: "true" }, expect: [p("isDefault", /^isDefault: Expected boolean, received string$/)] },
    ],
  },
  {
    name: "role-rules",
    kind: "Role",
    baseline: "role",
    cases: [
      { title: "a default MachineToMachine role", set: { type: "MachineToMachine", isDefault: true }, expect: [p("isDefault", /^isDefault: only User roles can be default roles \(given to new users\)$/)] },
      { title: "one API in two permission entries", set: { "permissions.1.api": orders }, expect: [p("permissions", /^permissions\[1\]\.api: https:\/\/api\.shop\.example\.com\/orders is listed twice: give its permissions in one entry$/)] },
    ],
  },
  {
    name: "role-management-api",
    kind: "Role",
    baseline: "role",
    cases: [
      { title: "Management API permissions on a User role", set: { "permissions.1": { api: managementApi, scopes: ["all"] } }, expect: [p("permissions", /^permissions\[1\]\.api: Logto gives Management API permissions to MachineToMachine roles only$/)] },
      { title: "a role name over 128 characters", set: { name: long(129) }, expect: [p("name", /^name: must be at most 128 characters$/)] },
    ],
  },
  {
    name: "m2m-roles",
    kind: "Application",
    baseline: "m2mApp",
    cases: [
      { title: "a role given twice to an app", set: { "roles.2": "role-fulfilment" }, expect: [p("roles", /^roles\[2\]\.id: this role is listed twice$/)] },
      { title: "an empty role id", set: { "roles.1": "" }, expect: [p("roles", /^roles\[1\]\.id: must not be empty$/)] },
    ],
  },
  {
    name: "spa-roles",
    kind: "Application",
    baseline: "m2mApp",
    cases: [{ title: "roles on a single-page app", set: { type: "SPA" }, expect: [p("type", /^type: is SPA, but roles are given: only MachineToMachine apps hold roles in Logto$/)] }],
  },
  {
    name: "org-shapes",
    kind: "Organization",
    baseline: "organization",
    cases: [
      { title: "a blank organization name", set: { name: " " }, expect: [p("name", /^name: must not be empty$/)] },
      { title: "an organization description over 256 characters", set: { description: long(257) }, expect: [p("description", /^description: must be at most 256 characters$/)] },
      { title: "customData given as a list", set: { customData: ["gold"] }, expect: [p("customData", /^customData: Expected object, received array$/)] },
      { title: "a brand color that is not hex", set: { "color.primaryColor": "purple" }, expect: [p("color", /^color\.primaryColor: must be a hex color such as #5b21b6$/)] },
      { title: "a logo that is not a URL", set: { "branding.logoUrl": "logo.svg" }, expect: [p("branding", /^branding\.logoUrl: must be an absolute URL$/)] },
      { title: "an unknown branding field", set: { "branding.logo": "https://acme.example.com/logo.svg" }, expect: [p("branding", /^branding: unknown properties logo$/)] },
      { title: "isMfaRequired given as text", set: { isMfaRequired: "yes" }, expect: [p("isMfaRequired", /^isMfaRequired: Expected boolean, received string$/)] },
      { title: "custom CSS that is not text", set: { customCss: 42 }, expect: [p("customCss", /^customCss: Expected string, received number$/)] },
      { title: "a JIT email domain with an @", set: { "jit.emailDomains.0": "@acme.com" }, expect: [p("jitEmailDomains", /^jitEmailDomains\[0\]: must be an email domain such as acme\.com \(no @, no spaces\)$/)] },
      { title: "a public JIT email domain (gmail.com)", set: { "jit.emailDomains.1": "gmail.com" }, expect: [p("jitEmailDomains", /^jitEmailDomains\[1\]: gmail\.com is a public email domain: every user with an address there would join the organization$/)] },
      { title: "an empty JIT SSO connector id", set: { "jit.ssoConnectors.0": "" }, expect: [p("jitSsoConnectors", /^jitSsoConnectors\[0\]: must not be empty$/)] },
    ],
  },
  {
    name: "org-lists",
    kind: "Organization",
    baseline: "organization",
    cases: [
      { title: "a JIT email domain listed twice (case-insensitive)", set: { "jit.emailDomains.2": "ACME.com" }, expect: [p("jitEmailDomains", /^jitEmailDomains\[2\]: this domain \(compared lower-cased\) repeats \[0\]$/)] },
      { title: "a JIT role listed twice", set: { "jit.roles.1": "org-role-member" }, expect: [p("jitRoles", /^jitRoles\[1\]\.id: this organization role repeats \[0\]$/)] },
      { title: "a member app listed twice", set: { "applications.1.app": "app-sync" }, expect: [p("applications", /^applications\[1\]\.id: this app repeats \[0\]$/)] },
      { title: "customData holding this resource's mark", set: { "customData.pulumi:managedBy": "someone/else/acme" }, expect: [p("customData", /^customData: must not hold pulumi:managedBy: this resource keeps its mark there$/)] },
    ],
  },
  {
    name: "org-scope-shapes",
    kind: "OrganizationScope",
    baseline: "orgScope",
    cases: [
      { title: "a blank organization permission name", set: { name: "" }, expect: [p("name", /^name: must not be empty$/)] },
      { title: "an organization permission description over 256 characters", set: { description: long(257) }, expect: [p("description", /^description: must be at most 256 characters$/)] },
    ],
  },
  {
    name: "org-role-shapes",
    kind: "OrganizationRole",
    baseline: "orgRole",
    cases: [
      { title: "an unknown organization role type", set: { type: "Admin" }, expect: [p("type", /^type: must be one of User, MachineToMachine$/)] },
      { title: "an organization permission listed twice", set: { "permissions.1": "org-scope-invite" }, expect: [p("permissions", /^permissions\[1\]: this organization permission is listed twice$/)] },
      { title: "an organization role name over 128 characters", set: { name: long(129) }, expect: [p("name", /^name: must be at most 128 characters$/)] },
      { title: "an API permission with whitespace in an organization role", set: { "apiPermissions.0.scopes": ["read orders"] }, expect: [p("apiPermissions", /^apiPermissions\[0\]\.scopes\[0\]: must not contain whitespace/)] },
    ],
  },
];

/**
 * Rules across resources of one program, found where the resources are declared (see
 * resources/provider-kit/program-checks.ts). Engine only: each batch is a small program whose
 * one failing resource must fail at preview with exactly `expect`, and nothing is written.
 * In `args`, "$ref:<name>" stands for the resource of that name declared before it.
 */
export interface ProgramBatch {
  name: string;
  title: string;
  resources: Array<{ kind: Kind; name: string; args: Record<string, unknown> }>;
  failing: { kind: Kind; name: string };
  expect: Expected[];
}

const api = (name: string, args: Record<string, unknown> = {}) => ({ kind: "ApiResource" as const, name, args: { ...baselines.api.args, ...args } });
const role = (name: string, args: Record<string, unknown>) => ({ kind: "Role" as const, name, args: { description: "A role", ...args } });

const orgRole = (name: string, args: Record<string, unknown>) => ({ kind: "OrganizationRole" as const, name, args: { name, ...args } });
const organization = (args: Record<string, unknown>) => ({ kind: "Organization" as const, name: "acme", args: { name: "Acme", ...args } });

export const programBatches: ProgramBatch[] = [
  {
    name: "same-indicator",
    title: "two API resources with one indicator",
    resources: [api("orders-a"), api("orders-b", { name: "Orders API again" })],
    failing: { kind: "ApiResource", name: "orders-b" },
    expect: [p("indicator", /^indicator: ApiResource "orders-a" has the same indicator; Logto keeps indicators unique$/)],
  },
  {
    name: "two-defaults",
    title: "two default API resources",
    resources: [api("orders", { isDefault: true }), api("billing", { indicator: billing, isDefault: true })],
    failing: { kind: "ApiResource", name: "billing" },
    expect: [p("isDefault", /^isDefault: ApiResource "orders" is the default API already; a tenant has one$/)],
  },
  {
    name: "undeclared-permission",
    title: "a role naming a permission its API does not declare",
    resources: [api("orders"), role("clerk", { name: "Clerk", permissions: [{ api: "$ref:orders", scopes: ["read:orders", "delete:orders"] }] })],
    failing: { kind: "Role", name: "clerk" },
    expect: [p("permissions", /^permissions\[0\]\.scopes\[1\]: "delete:orders" is not a permission of the API https:\/\/api\.shop\.example\.com\/orders \(it declares read:orders, write:orders\)$/)],
  },
  {
    name: "same-role-name",
    title: "two roles with one name",
    resources: [role("clerk-a", { name: "Clerk" }), role("clerk-b", { name: "Clerk" })],
    failing: { kind: "Role", name: "clerk-b" },
    expect: [p("name", /^name: Role "clerk-a" has the same name; Logto keeps role names unique$/)],
  },
  {
    name: "user-role-on-m2m-app",
    title: "a User Role of the program given to a machine-to-machine app",
    resources: [role("clerk", { name: "Clerk" }), { kind: "Application", name: "job", args: { name: "Job", type: "MachineToMachine", roles: ["$ref:clerk"] } }],
    failing: { kind: "Application", name: "job" },
    expect: [p("roles", /^roles\[0\]\.type: a User role: Logto gives machine-to-machine apps MachineToMachine roles only$/)],
  },
  {
    name: "role-on-web-app",
    title: "a Role of the program given to a Traditional web app",
    resources: [role("service", { name: "Service", type: "MachineToMachine" }), { kind: "Application", name: "web", args: { name: "Web", type: "Traditional", roles: ["$ref:service"] } }],
    failing: { kind: "Application", name: "web" },
    expect: [p("type", /^type: is Traditional, but roles are given: only MachineToMachine apps hold roles in Logto$/)],
  },
  {
    name: "m2m-org-role-for-jit",
    title: "a MachineToMachine organization role for just-in-time provisioning (a user-only slot)",
    resources: [orgRole("Automation", { type: "MachineToMachine" }), organization({ jit: { emailDomains: ["acme.com"], roles: ["$ref:Automation"] } })],
    failing: { kind: "Organization", name: "acme" },
    expect: [p("jitRoles", /^jitRoles\[0\]\.type: a MachineToMachine organization role: just-in-time provisioning gives roles to users; give a User role$/)],
  },
  {
    name: "user-org-role-for-app",
    title: "a User organization role for a member app",
    resources: [orgRole("Member", {}), { kind: "Application", name: "job", args: { name: "Job", type: "MachineToMachine" } }, organization({ applications: [{ app: "$ref:job", roles: ["$ref:Member"] }] })],
    failing: { kind: "Organization", name: "acme" },
    expect: [p("applications", /^applications\[0\]\.roles\[0\]\.type: a User organization role: member apps take MachineToMachine organization roles only$/)],
  },
  {
    name: "web-app-as-member",
    title: "a Traditional web app as an organization member",
    resources: [{ kind: "Application", name: "web", args: { name: "Web", type: "Traditional" } }, organization({ applications: [{ app: "$ref:web" }] })],
    failing: { kind: "Organization", name: "acme" },
    expect: [p("applications", /^applications\[0\]\.type: a Traditional app: Logto takes machine-to-machine apps only as organization members$/)],
  },
  {
    name: "social-connector-for-jit",
    title: "a social connector where just-in-time provisioning takes an SSO connector",
    resources: [{ kind: "Connector", name: "apple", args: baselines.apple.args }, organization({ jit: { ssoConnectors: ["$ref:apple"] } })],
    failing: { kind: "Organization", name: "acme" },
    expect: [p("jitSsoConnectors", /^jit\.ssoConnectors\[0\]: a social or email Connector; just-in-time provisioning takes enterprise SsoConnectors$/)],
  },
  {
    name: "tenant-role-for-jit",
    title: "a tenant Role where an organization role goes",
    resources: [role("clerk", { name: "Clerk" }), organization({ jit: { emailDomains: ["acme.com"], roles: ["$ref:clerk"] } })],
    failing: { kind: "Organization", name: "acme" },
    expect: [p("jitRoles", /^jit\.roles\[0\]: a tenant Role; organizations take OrganizationRoles$/)],
  },
  {
    name: "same-org-role-name",
    title: "two organization roles with one name",
    resources: [{ kind: "OrganizationRole", name: "member-a", args: { name: "Member" } }, { kind: "OrganizationRole", name: "member-b", args: { name: "Member" } }],
    failing: { kind: "OrganizationRole", name: "member-b" },
    expect: [p("name", /^name: OrganizationRole "member-a" has the same name; Logto keeps organization role names unique$/)],
  },
  {
    name: "same-org-scope-name",
    title: "two organization permissions with one name",
    resources: [{ kind: "OrganizationScope", name: "invite-a", args: { name: "invite:members" } }, { kind: "OrganizationScope", name: "invite-b", args: { name: "invite:members" } }],
    failing: { kind: "OrganizationScope", name: "invite-b" },
    expect: [p("name", /^name: OrganizationScope "invite-a" has the same name; Logto keeps organization permission names unique$/)],
  },
  {
    name: "org-role-undeclared-api-permission",
    title: "an organization role naming a permission its API does not declare",
    resources: [api("orders"), orgRole("Member", { apiPermissions: [{ api: "$ref:orders", scopes: ["refund:orders"] }] })],
    failing: { kind: "OrganizationRole", name: "Member" },
    expect: [p("apiPermissions", /^apiPermissions\[0\]\.scopes\[0\]: "refund:orders" is not a permission of the API https:\/\/api\.shop\.example\.com\/orders/)],
  },
];

// ---------------------------------------------------------------------------------------------
// Stack config (program/config.ts through index.ts, the real project).

export const configSecrets = {
  oidcClientSecret: `cfg-oidc-${randomBytes(8).toString("hex")}`,
  oktaClientSecret: `cfg-okta-${randomBytes(8).toString("hex")}`,
  sesAccessKeySecret: `cfg-ses-${randomBytes(8).toString("hex")}`,
};

/** A config value; `secret` ones are set with `--secret`. */
export type ConfigValue = string | { secret: string };

/** Valid stack config with every feature on (secrets set as secrets), the start of each batch. */
export const configBaseline: Record<string, ConfigValue> = {
  appUrl: "https://shop.example.com",
  apple: "true",
  appleServicesId: "com.example.shop.web",
  oidc: "true",
  oidcTarget: "corp-oidc",
  oidcAuthorizationEndpoint: "https://idp.example.com/authorize",
  oidcTokenEndpoint: "https://idp.example.com/token",
  oidcJwksUri: "https://idp.example.com/jwks",
  oidcClientId: "shop",
  oidcClientSecret: { secret: configSecrets.oidcClientSecret },
  okta: "true",
  oktaIssuer: "https://acme.okta.com",
  oktaClientId: "okta-client",
  oktaClientSecret: { secret: configSecrets.oktaClientSecret },
  oktaDomains: '["acme.com"]',
  email: "true",
  emailSender: "existing",
  emailFrom: "no-reply@example.com",
  sesRegion: "eu-west-1",
  sesAccessKeyId: "AKIAEXAMPLE",
  sesAccessKeySecret: { secret: configSecrets.sesAccessKeySecret },
  api: "true",
  apiIndicator: "https://api.shop.example.com",
  apiPermissions: '{"read:orders": "Read orders", "write:orders": "Change orders"}',
  apiRoles: '{"Order clerk": {"description": "Works the order queue", "permissions": ["read:orders", "write:orders"], "default": true}}',
  apiM2mClient: "true",
  apiM2mPermissions: '["read:orders"]',
  organization: "true",
  organizationName: "Acme",
  organizationPermissions: '{"invite:members": "Invite members"}',
  organizationRoles: '{"Member": {"description": "Every employee", "permissions": ["invite:members"], "apiPermissions": ["read:orders"], "default": true}}',
};

export interface ConfigCase {
  title: string;
  /** Keys to change; `remove` unsets one. */
  set: Record<string, ConfigValue | typeof remove>;
  /** Matched against the whole error output; names the key. */
  expect: RegExp;
  wanted?: string;
}

export interface ConfigBatch {
  name: string;
  /** "engine": refused by the pulumi CLI from the types in Pulumi.yaml, before the program runs. */
  by: "engine" | "program";
  cases: ConfigCase[];
}

const key = (name: string) => `logto-pulumi:${name}`;
const problem = (name: string, text: string) => new RegExp(`^  ${key(name)} ${text}$`, "m");

export const configBatches: ConfigBatch[] = [
  // The engine stops at the first one, so each is a preview of its own (they fail in half a second).
  { name: "type-apple", by: "engine", cases: [{ title: "apple: \"yes\" (not a boolean)", set: { apple: "yes" }, expect: /configuration key 'apple' must be of type 'boolean'/ }] },
  { name: "type-okta-domains", by: "engine", cases: [{ title: "oktaDomains not a list", set: { oktaDomains: "acme.com" }, expect: /configuration key 'oktaDomains' must be of type 'array<string>'/ }] },
  { name: "missing-app-url", by: "engine", cases: [{ title: "appUrl not set", set: { appUrl: remove }, expect: /is missing configuration value 'appUrl'/ }] },
  {
    name: "config-values",
    by: "program",
    cases: [
      { title: "an http app URL for production", set: { appUrl: "http://shop.example.com" }, expect: problem("appUrl", "must use https \\(http is only for localhost\\)") },
      { title: "an OIDC target with capitals", set: { oidcTarget: "Corp_OIDC" }, expect: problem("oidcTarget", "must be lower-case letters, digits and dashes") },
      { title: "a blank Okta connector name", set: { oktaConnectorName: " " }, expect: problem("oktaConnectorName", "must not be empty") },
      { title: "an unknown email sender", set: { emailSender: "smtp" }, expect: problem("emailSender", 'must be "existing" \\(credentials you have\\) or "aws" \\(create the SES sender\\)') },
    ],
  },
  {
    name: "config-features",
    by: "program",
    cases: [
      { title: "apple on without a Services ID", set: { appleServicesId: "" }, expect: problem("appleServicesId", "is required: the Apple Services ID \\(apple is true\\)") },
      { title: "an OIDC authorization endpoint without a scheme", set: { oidcAuthorizationEndpoint: "idp.example.com/authorize" }, expect: problem("oidcAuthorizationEndpoint", "must be an absolute URL such as https://app.example.com \\(oidc is true\\)") },
      { title: "an OIDC token endpoint that is not http(s)", set: { oidcTokenEndpoint: "ftp://idp.example.com/token" }, expect: problem("oidcTokenEndpoint", "must be an http\\(s\\) URL \\(oidc is true\\)") },
      { title: "oidc on without a client id", set: { oidcClientId: "" }, expect: problem("oidcClientId", "is required: the client ID at your OIDC provider \\(oidc is true\\)") },
      { title: "a blank OIDC scope", set: { oidcScope: " " }, expect: problem("oidcScope", 'is required: e.g. "openid profile email" \\(oidc is true\\)') },
      { title: "an Okta issuer with a trailing slash", set: { oktaIssuer: "https://acme.okta.com/" }, expect: problem("oktaIssuer", "must not end with / \\(okta is true\\)") },
      { title: "an email sender address that is not an address", set: { emailFrom: "no-reply" }, expect: problem("emailFrom", 'must be an email address, or "Name <address>" \\(email is true\\)') },
      { title: "email on without an SES region", set: { sesRegion: "" }, expect: problem("sesRegion", "is required: the SES region, e.g. eu-west-1 \\(email is true\\)") },
      { title: "existing SES credentials without a key id", set: { sesAccessKeyId: "" }, expect: problem("sesAccessKeyId", 'is required: the IAM access key id \\(emailSender is "existing"\\)') },
      {
        title: "a public Okta domain (gmail.com)",
        set: { oktaDomains: '["acme.com", "gmail.com"]' },
        expect: problem("oktaDomains", "\\[1\\] gmail.com is a public email domain.*"),
        wanted: "caught only later, by the SsoConnector check, which names the resource's property domains, not this key",
      },
      {
        title: "an OIDC issuer that is not a URL",
        set: { oidcIssuer: "corp-idp" },
        expect: problem("oidcIssuer", "must be an absolute URL.*"),
      },
    ],
  },
  {
    name: "config-api",
    by: "program",
    cases: [
      { title: "an API indicator that is not an absolute URI", set: { apiIndicator: "shop-api" }, expect: problem("apiIndicator", "must be an absolute URI such as https://api.shop.example.com \\(api is true\\)") },
      { title: "a permission name with whitespace", set: { apiPermissions: '{"read orders": "Read orders", "read:orders": "Read orders", "write:orders": "Change orders"}' }, expect: problem("apiPermissions.read orders", "permission name must not contain whitespace.*") },
      { title: "a role naming a permission the API does not have", set: { apiRoles: '{"Order clerk": {"description": "Clerk", "permissions": ["read:orders", "refund:orders"]}}' }, expect: problem("apiRoles.Order clerk.permissions.1", '"refund:orders" is not in apiPermissions') },
      { title: "a machine-to-machine client without permissions", set: { apiM2mPermissions: "[]" }, expect: problem("apiM2mPermissions", "is required: the permissions of the API's machine-to-machine client \\(apiM2mClient is true\\)") },
    ],
  },
  {
    name: "config-api-roles",
    by: "program",
    cases: [
      { title: "a role without a description", set: { apiRoles: '{"Order clerk": {"permissions": ["read:orders"]}}' }, expect: problem("apiRoles.Order clerk.description", "is required: Logto keeps a description on every role") },
    ],
  },
  { name: "type-api-permissions", by: "engine", cases: [{ title: "apiPermissions given as a list", set: { apiPermissions: '["read:orders"]' }, expect: /configuration key 'apiPermissions' must be of type 'object'/ }] },
  {
    name: "config-organization",
    by: "program",
    cases: [
      { title: "organization on without the customer's name", set: { organizationName: "" }, expect: problem("organizationName", "is required: the enterprise customer's name, e.g. Acme \\(organization is true\\)") },
      { title: "an organization role naming an undeclared organization permission", set: { organizationRoles: '{"Member": {"permissions": ["invite:members", "delete:everything"], "default": true}}' }, expect: problem("organizationRoles.Member.permissions.1", '"delete:everything" is not in organizationPermissions') },
    ],
  },
  {
    name: "config-organization-api",
    by: "program",
    cases: [
      { title: "an organization role naming an API permission the API lacks", set: { organizationRoles: '{"Member": {"apiPermissions": ["refund:orders"], "default": true}}' }, expect: problem("organizationRoles.Member.apiPermissions.0", '"refund:orders" is not in apiPermissions') },
    ],
  },
  {
    name: "config-sign-in-page",
    by: "program",
    cases: [
      { title: "a logo that is not a URL", set: { branding: '{"logoUrl": "logo.svg"}' }, expect: problem("branding.logoUrl", "must be an absolute URL") },
      { title: "colors without the dark-mode color", set: { colors: '{"primaryColor": "#0F766E", "isDarkModeEnabled": true}' }, expect: problem("colors.darkPrimaryColor", "is required") },
      { title: "a terms link that is not a URL", set: { legal: '{"termsOfUseUrl": "shop.example.com/terms"}' }, expect: problem("legal.termsOfUseUrl", "must be an absolute URL") },
      { title: "a misspelt password policy part", set: { passwordPolicy: '{"lenght": {"min": 10}}' }, expect: problem("passwordPolicy", "unknown properties lenght") },
      { title: "MFA without its policy", set: { mfa: '{"factors": ["Totp"]}' }, expect: problem("mfa.policy", "is required") },
      { title: "phrases of a language given as one text", set: { phrases: '{"fr": "Connexion"}' }, expect: problem("phrases.fr", "Expected object, received string") },
    ],
  },
  { name: "type-mfa", by: "engine", cases: [{ title: "mfa given as a list of factors", set: { mfa: '["Totp"]' }, expect: /configuration key 'mfa' must be of type 'object'/ }] },
  {
    name: "config-secrets",
    by: "program",
    cases: [
      { title: "oidc on without oidcClientSecret", set: { oidcClientSecret: remove }, expect: problem("oidcClientSecret", "is not set: pulumi config set --secret oidcClientSecret <value>") },
      { title: "oktaClientSecret stored in plain text", set: { oktaClientSecret: configSecrets.oktaClientSecret }, expect: problem("oktaClientSecret", "is stored in plain text: set it again with pulumi config set --secret oktaClientSecret <value>") },
      { title: "existing SES credentials without sesAccessKeySecret", set: { sesAccessKeySecret: remove }, expect: problem("sesAccessKeySecret", "is not set: pulumi config set --secret sesAccessKeySecret <value>") },
    ],
  },
];
