import { awsOutputsOf } from "../aws-email-sender/mocks";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../program/config";
import { mission } from "../../program/mission";
import { secretPathsOf } from "../../resources/provider-kit/secrets";
import { declaredConfigDefaults } from "../support/project-config";
import { asTheEngineSendsIt } from "../support/provider";

const endpoint = "https://tenant.logto.app";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  state: Record<string, any>;
}

/** What our dynamic providers would answer (the id Logto gives, the outputs), enough for the program's wiring. */
function logtoAnswerOf(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, any> } {
  switch (type) {
    case "pulumi-nodejs:dynamic/logto:Application":
      return { id: `${name}-app-id`, state: { ...inputs, appId: `${name}-app-id`, appSecret: "app-secret-value", issuer: `${endpoint}/oidc` } };
    case "pulumi-nodejs:dynamic/logto:Connector":
      return { id: inputs.connectorId, state: { ...inputs, target: inputs.factoryId === "apple-universal" ? "apple" : (inputs.metadata?.target ?? "aws-ses") } };
    case "pulumi-nodejs:dynamic/logto:SsoConnector":
      return { id: "sso123", state: { ...inputs, ssoConnectorId: "sso123", callbackUrl: `${endpoint}/callback/sso123` } };
    default:
      return { id: `${name}-id`, state: inputs };
  }
}


const baseConfig: Record<string, string> = {
  ...declaredConfigDefaults,
  "logto:endpoint": endpoint,
  "logto-pulumi:appUrl": "https://shop.example.com",
  "logto-pulumi:apple": "true",
  "logto-pulumi:appleServicesId": "com.example.shop.web",
  "logto-pulumi:oidc": "true",
  "logto-pulumi:oidcTarget": "corp-oidc",
  "logto-pulumi:oidcAuthorizationEndpoint": "https://idp.example.com/authorize",
  "logto-pulumi:oidcTokenEndpoint": "https://idp.example.com/token",
  "logto-pulumi:oidcJwksUri": "https://idp.example.com/jwks",
  "logto-pulumi:oidcClientId": "shop",
  "logto-pulumi:oidcClientSecret": "oidc-secret",
  "logto-pulumi:okta": "true",
  "logto-pulumi:oktaIssuer": "https://acme.okta.com",
  "logto-pulumi:oktaClientId": "okta-client",
  "logto-pulumi:oktaClientSecret": "okta-secret",
  "logto-pulumi:oktaDomains": '["acme.com"]',
  "logto-pulumi:email": "true",
  "logto-pulumi:emailSender": "aws",
  "logto-pulumi:emailFrom": "no-reply@example.com",
  "logto-pulumi:sesRegion": "eu-west-1",
};
const secretKeys = ["logto-pulumi:oidcClientSecret", "logto-pulumi:oktaClientSecret", "logto-pulumi:sesAccessKeySecret"];

let run = 0;
/** Runs the stack program under Pulumi's mocks with `config` and returns what it registered. */
async function deploy(config: Record<string, string>) {
  const registered: Registered[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource({ type, name, inputs }) {
        const answer = type.startsWith("aws:") ? awsOutputsOf(type, name, inputs) : logtoAnswerOf(type, name, inputs);
        registered.push({ type, name, inputs, state: answer.state });
        return answer;
      },
      call: ({ token }) => {
        throw new Error(`unexpected call ${token}`);
      },
    },
    "logto-pulumi",
    `wiring-${++run}`,
    false,
  );
  pulumi.runtime.setAllConfig(config, secretKeys);
  const outputs = mission(readStackConfig());
  const values = await settle(pulumi.output(outputs));
  // The sign-in experience is registered last, once the connectors it names exist.
  while (!registered.some((r) => r.type.endsWith("logto:SignInExperience"))) await new Promise((resolve) => setImmediate(resolve));
  const find = (type: string, name?: string) => registered.find((r) => r.type.endsWith(type) && (!name || r.name === name));
  return { outputs, values, registered, find };
}

const settle = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

/** How the mock monitor hands over a secret input: in the engine's secret form. */
const revealed = asTheEngineSendsIt;
const isSecret = (output: pulumi.Output<unknown>) => (output as unknown as { isSecret: Promise<boolean> }).isSecret;

describe("the stack program, wired under Pulumi's mocks", () => {
  test("creates the Auth.js app with its callback and outputs what Auth.js needs", async () => {
    const { find, values } = await deploy(baseConfig);

    expect(find("logto:Application")?.inputs).toMatchObject({
      type: "Traditional",
      redirectUris: ["https://shop.example.com/api/auth/callback/logto"],
      postLogoutRedirectUris: ["https://shop.example.com"],
    });
    expect(values).toMatchObject({ AUTH_LOGTO_ID: "authjs-app-id", AUTH_LOGTO_ISSUER: `${endpoint}/oidc` });
    expect(values.authjsEnv).toBe(`AUTH_LOGTO_ID=authjs-app-id\nAUTH_LOGTO_SECRET=app-secret-value\nAUTH_LOGTO_ISSUER=${endpoint}/oidc\n`);
  });

  test("the SES connector sends with the IAM access key made for it", async () => {
    const { find } = await deploy(baseConfig);
    const accessKey = find("aws:iam/accessKey:AccessKey")!;

    expect(revealed(find("logto:Connector", "email")?.inputs.config)).toMatchObject({
      accessKeyId: "AKIA-email-sender-key",
      accessKeySecret: accessKey.state.secret,
      region: "eu-west-1",
      emailAddress: "no-reply@example.com",
    });
    expect(accessKey.inputs.user).toBe(find("aws:iam/user:User")!.state.name);
  });

  test("the IAM policy allows sending from the SES identity only", async () => {
    const { find } = await deploy(baseConfig);
    const policy = JSON.parse(find("aws:iam/userPolicy:UserPolicy")!.inputs.policy);
    const identity = find("aws:ses/emailIdentity:EmailIdentity")!;

    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: "Allow", Action: ["ses:SendEmail", "ses:SendRawEmail"], Resource: identity.state.arn }),
    ]);
  });

  test("the sign-in experience offers Apple and OIDC, SSO, and verified email sign-up", async () => {
    const { find } = await deploy(baseConfig);

    expect(find("logto:SignInExperience")?.inputs).toMatchObject({
      socialSignInConnectorTargets: ["apple", "corp-oidc"],
      singleSignOnEnabled: true,
      emailConnector: "logto-pulumi-wiring-4-email",
      signUp: { identifiers: ["email"], password: true, verify: true },
    });
  });

  test("callback URLs are known from the chosen connector ids", async () => {
    const { values } = await deploy(baseConfig);

    expect(values.appleReturnUrl).toBe(`${endpoint}/callback/logto-pulumi-wiring-5-apple`);
    expect(values.oidcRedirectUri).toBe(`${endpoint}/callback/logto-pulumi-wiring-5-oidc`);
    expect(values.oktaRedirectUri).toBe(`${endpoint}/callback/sso123`);
  });

  // The mock monitor lifts a nested secret to the whole object it is in (the real engine keeps it
  // where it is: see test/engine/pull-request-previews.test.ts), so here a config holding a secret is secret.
  test("secrets stay secret: client secrets, the SES key and the Auth.js env; a config without one is plain", async () => {
    const { outputs, find } = await deploy(baseConfig);

    expect(await isSecret(outputs.authjsEnv)).toBe(true);
    expect(secretPathsOf(find("logto:Connector", "oidc")?.inputs.config)).toEqual([""]);
    expect(revealed(find("logto:Connector", "oidc")?.inputs.config).clientSecret).toBe("oidc-secret");
    expect(secretPathsOf(find("logto:SsoConnector")?.inputs.config)).toEqual([""]);
    expect(revealed(find("logto:SsoConnector")?.inputs.config).clientSecret).toBe("okta-secret");
    expect(secretPathsOf(find("logto:Connector", "email")?.inputs.config)).toEqual([""]);
    expect(find("logto:Connector", "apple")?.inputs.config).toEqual({ clientId: "com.example.shop.web", scope: "email name" });
  });

  test("Sign in with Apple asks for what appleScope says (default: email name)", async () => {
    const { find } = await deploy({ ...baseConfig, "logto-pulumi:appleScope": "name" });

    expect(revealed(find("logto:Connector", "apple")?.inputs.config)).toEqual({ clientId: "com.example.shop.web", scope: "name" });
  });

  test("turning Apple off removes its connector and its sign-in target", async () => {
    const { registered, find } = await deploy({ ...baseConfig, "logto-pulumi:apple": "false" });

    expect(registered.filter((r) => r.type.endsWith("logto:Connector")).map((r) => r.name).sort()).toEqual(["email", "oidc"]);
    expect(find("logto:SignInExperience")?.inputs.socialSignInConnectorTargets).toEqual(["corp-oidc"]);
  });

  test("with everything off, only the app and the SSO switch are managed", async () => {
    const { registered, find } = await deploy({
      ...baseConfig,
      "logto-pulumi:apple": "false",
      "logto-pulumi:oidc": "false",
      "logto-pulumi:okta": "false",
      "logto-pulumi:email": "false",
    });

    expect(registered.map((r) => r.type)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/Connector|aws:/)]),
    );
    const { __provider, ...signIn } = find("logto:SignInExperience")!.inputs;
    expect(signIn).toEqual({ socialSignInConnectorTargets: [], singleSignOnEnabled: false });
  });

  test('a sender with a display name ("Acme <no-reply@acme.test>"): SES verifies the bare address, mail shows the name', async () => {
    const { find } = await deploy({ ...baseConfig, "logto-pulumi:emailFrom": "Acme Shop <no-reply@acme.test>" });

    expect(find("aws:ses/emailIdentity:EmailIdentity")?.inputs.email).toBe("no-reply@acme.test");
    expect(JSON.parse(find("aws:iam/userPolicy:UserPolicy")!.inputs.policy).Statement[0].Condition).toEqual({ StringEquals: { "ses:FromAddress": "no-reply@acme.test" } });
    expect(revealed(find("logto:Connector", "email")?.inputs.config).emailAddress).toBe("Acme Shop <no-reply@acme.test>");
  });

  test("existing SES credentials from secret config feed the connector instead", async () => {
    const { registered, find } = await deploy({
      ...baseConfig,
      "logto-pulumi:emailSender": "existing",
      "logto-pulumi:sesAccessKeyId": "existing-key-id",
      "logto-pulumi:sesAccessKeySecret": "existing-key-secret",
    });

    expect(registered.some((r) => r.type.startsWith("aws:"))).toBe(false);
    expect(revealed(find("logto:Connector", "email")?.inputs.config)).toMatchObject({ accessKeyId: "existing-key-id", accessKeySecret: "existing-key-secret" });
  });

  test("the app's API: its permissions, roles that hold them, and a machine-to-machine client with its own role", async () => {
    const indicator = "https://api.shop.example.com";
    const { registered, find, values } = await deploy({
      ...baseConfig,
      "logto-pulumi:api": "true",
      "logto-pulumi:apiIndicator": indicator,
      "logto-pulumi:apiName": "Shop API",
      "logto-pulumi:apiPermissions": JSON.stringify({ "read:orders": "Read orders", "write:orders": "Change orders" }),
      "logto-pulumi:apiRoles": JSON.stringify({ "Order clerk": { description: "Works the queue", permissions: ["write:orders", "read:orders"], default: true } }),
      "logto-pulumi:apiM2mClient": "true",
      "logto-pulumi:apiM2mPermissions": JSON.stringify(["read:orders"]),
    });

    expect(find("logto:ApiResource")?.inputs).toMatchObject({ name: "Shop API", indicator, scopes: { "read:orders": "Read orders", "write:orders": "Change orders" } });
    expect(find("logto:Role", "api-role-Order clerk")?.inputs).toMatchObject({
      name: "Order clerk",
      isDefault: true,
      permissions: [{ api: indicator, scopes: ["write:orders", "read:orders"] }],
    });
    expect(find("logto:Role", "api-client-role")?.inputs).toMatchObject({ type: "MachineToMachine", permissions: [{ api: indicator, scopes: ["read:orders"] }] });
    expect(find("logto:Application", "api-client")?.inputs).toMatchObject({ type: "MachineToMachine", roles: [{ id: "api-client-role-id", type: "MachineToMachine" }] });
    expect(registered.filter((r) => r.type.endsWith("logto:Role"))).toHaveLength(2);
    expect(values.authjsAuthorizationParams).toEqual({ resource: indicator, scope: "openid offline_access profile email read:orders write:orders" });
    expect(values.apiClientId).toBe("api-client-app-id");
  });

  test("B2B: the customer's organization joined just in time through Okta and its domains, with the default role", async () => {
    const { find, registered, values } = await deploy({
      ...baseConfig,
      "logto-pulumi:organization": "true",
      "logto-pulumi:organizationName": "Acme",
      "logto-pulumi:organizationPermissions": JSON.stringify({ "invite:members": "Invite members" }),
      "logto-pulumi:organizationRoles": JSON.stringify({ Member: { permissions: ["invite:members"], default: true }, Admin: { permissions: ["invite:members"] } }),
    });

    expect(find("logto:OrganizationScope")?.inputs).toMatchObject({ name: "invite:members", description: "Invite members" });
    expect(find("logto:OrganizationRole", "org-role-Member")?.inputs).toMatchObject({ name: "Member", permissions: ["org-permission-invite:members-id"] });
    expect(registered.filter((r) => r.type.endsWith("logto:OrganizationRole"))).toHaveLength(2);
    expect(find("logto:Organization")?.inputs).toMatchObject({
      name: "Acme",
      jitEmailDomains: ["acme.com"],
      jitSsoConnectors: ["sso123"],
      jitRoles: [{ id: "org-role-Member-id", type: "User" }],
    });
    expect(values.authjsAuthorizationParams).toEqual({ scope: "openid offline_access profile email urn:logto:scope:organizations urn:logto:scope:organization_roles" });
  });

  test("the sign-in page's branding, colors, legal links, password policy and MFA come from structured config", async () => {
    const { find } = await deploy({
      ...baseConfig,
      "logto-pulumi:branding": '{"logoUrl": "https://shop.example.com/logo.svg"}',
      "logto-pulumi:colors": '{"primaryColor": "#0F766E", "isDarkModeEnabled": true, "darkPrimaryColor": "#2DD4BF"}',
      "logto-pulumi:legal": '{"termsOfUseUrl": "https://shop.example.com/terms", "agreeToTermsPolicy": "Manual"}',
      "logto-pulumi:passwordPolicy": '{"length": {"min": 10}}',
      "logto-pulumi:mfa": '{"factors": ["Totp", "BackupCode"], "policy": "PromptAtSignInAndSignUp"}',
    });

    expect(find("logto:SignInExperience")?.inputs).toMatchObject({
      branding: { logoUrl: "https://shop.example.com/logo.svg" },
      color: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
      termsOfUseUrl: "https://shop.example.com/terms",
      agreeToTermsPolicy: "Manual",
      passwordPolicy: { length: { min: 10 } },
      mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
    });
  });

  test("sign-in page keys left unset leave Logto's values alone: the resource does not own them", async () => {
    const { find } = await deploy(baseConfig);

    expect(Object.keys(find("logto:SignInExperience")!.inputs)).toEqual(expect.not.arrayContaining(["branding", "color", "termsOfUseUrl", "privacyPolicyUrl", "agreeToTermsPolicy", "passwordPolicy", "mfa"]));
  });

  test("phrases make one CustomPhrase per language", async () => {
    const { registered } = await deploy({ ...baseConfig, "logto-pulumi:phrases": '{"en": {"action": {"sign_in": "Log in"}}, "fr": {"action": {"sign_in": "Connexion"}}}' });

    const phrases = registered.filter((r) => r.type.endsWith("logto:CustomPhrase"));
    expect(phrases.map(({ name, inputs: { languageTag, translation } }) => ({ name, languageTag, translation }))).toEqual([
      { name: "phrases-en", languageTag: "en", translation: { action: { sign_in: "Log in" } } },
      { name: "phrases-fr", languageTag: "fr", translation: { action: { sign_in: "Connexion" } } },
    ]);
  });

  test("without api, no API resource, role or client is made", async () => {
    const { registered, values } = await deploy(baseConfig);

    expect(registered.map((r) => r.type)).toEqual(expect.not.arrayContaining([expect.stringMatching(/logto:(ApiResource|Role)$/)]));
    expect(values).not.toHaveProperty("authjsAuthorizationParams");
  });

  test.each([
    ["Apple without its Services ID", { "logto-pulumi:appleServicesId": "" }, /logto-pulumi:appleServicesId is required: the Apple Services ID \(apple is true\)/],
    ["an Apple scope Apple does not know", { "logto-pulumi:appleScope": "name email phone" }, /logto-pulumi:appleScope must be "name", "email", both separated by a space, or empty/],
    ["a plain-http app URL", { "logto-pulumi:appUrl": "http://shop.example.com" }, /logto-pulumi:appUrl must use https/],
    ["an app URL with a query", { "logto-pulumi:appUrl": "https://shop.example.com/?ref=ads" }, /logto-pulumi:appUrl must not have a query or fragment/],
    ["an Okta issuer with a trailing slash", { "logto-pulumi:oktaIssuer": "https://acme.okta.com/" }, /logto-pulumi:oktaIssuer must not end with \//],
    ["a sender address that is no address", { "logto-pulumi:emailFrom": "Acme <no-reply>" }, /logto-pulumi:emailFrom must be an email address, or "Name <address>" \(email is true\)/],
    ["a sender name SES would need quoted", { "logto-pulumi:emailFrom": "Acme, Inc. <no-reply@acme.test>" }, /logto-pulumi:emailFrom has a display name with characters SES would need quoted/],
    ["colors without the dark-mode color", { "logto-pulumi:colors": '{"primaryColor": "#0F766E", "isDarkModeEnabled": false}' }, /logto-pulumi:colors.darkPrimaryColor is required/],
    ["a password policy with a misspelt part", { "logto-pulumi:passwordPolicy": '{"lenght": {"min": 10}}' }, /logto-pulumi:passwordPolicy unknown properties lenght/],
    ["an MFA policy Logto does not have", { "logto-pulumi:mfa": '{"factors": ["Totp"], "policy": "Always"}' }, /logto-pulumi:mfa.policy Invalid enum value/],
    ["a terms link that is not a URL", { "logto-pulumi:legal": '{"termsOfUseUrl": "shop.example.com/terms"}' }, /logto-pulumi:legal.termsOfUseUrl/],
    ["a missing OIDC client secret", { "logto-pulumi:oidcClientSecret": undefined }, /logto-pulumi:oidcClientSecret is not set: pulumi config set --secret oidcClientSecret/],
  ])("stops before creating anything on %s, naming the config key", async (_case, overrides, message) => {
    const config = Object.fromEntries(Object.entries({ ...baseConfig, ...overrides }).filter(([, value]) => value !== undefined)) as Record<string, string>;

    await expect(deploy(config)).rejects.toThrow(message);
  });

  test("refuses a client secret stored in plain text", async () => {
    await pulumi.runtime.setMocks({ newResource: () => ({ id: "x", state: {} }), call: () => ({}) }, "logto-pulumi", "plain", false);
    pulumi.runtime.setAllConfig(baseConfig, []);

    expect(() => readStackConfig()).toThrow(/oidcClientSecret is stored in plain text/);
  });
});
