import { bundledConnectorPackages, loadConnectorPackage } from "../../resources/logto/connector-packages";
import { secretConfigPathsOf } from "../../resources/connector/secret-fields";
import { withSecrets } from "../../resources/provider-kit/secrets";
import { secretPathsOf } from "../../resources/provider-kit/secrets";

/**
 * Every form field of every connector package that ships with this project, sorted by hand into
 * secret and plain. A package upgrade that adds a field fails here until it is sorted.
 */
const reviewed: Record<string, { secret: string[]; plain: string[] }> = {
  "apple-universal": { secret: [], plain: ["clientId", "scope"] },
  oidc: {
    secret: ["clientSecret", "customConfig"],
    plain: [
      "authorizationEndpoint",
      "tokenEndpoint",
      "clientId",
      "tokenEndpointAuthMethod",
      "clientSecretJwtSigningAlgorithm",
      "scope",
      "acceptStringTypedBooleanClaims",
      "trustUnverifiedEmail",
      "idTokenVerificationConfig",
      "authRequestOptionalConfig",
    ],
  },
  "aws-ses-mail": {
    secret: ["accessKeySecret"],
    plain: [
      "accessKeyId",
      "region",
      "emailAddress",
      "emailAddressIdentityArn",
      "feedbackForwardingEmailAddress",
      "feedbackForwardingEmailAddressIdentityArn",
      "configurationSetName",
      "templates",
    ],
  },
  // `auth` is an object: its own secret values are marked inside it (below).
  "simple-mail-transfer-protocol": {
    secret: [],
    plain: [
      "host", "port", "auth", "fromEmail", "replyTo", "templates", "logger", "debug", "disableFileAccess", "disableUrlAccess", "name",
      "localAddress", "connectionTimeout", "greetingTimeout", "socketTimeout", "dnsTimeout", "secure", "tls", "servername", "ignoreTLS",
      "requireTLS", "customHeaders",
    ],
  },
};

const secretKeysOf = (factoryId: string, config: Record<string, unknown>) => secretPathsOf(withSecrets(config, secretConfigPathsOf(factoryId))).sort();

describe("which connector config values are secret", () => {
  test.each(Object.keys(bundledConnectorPackages))("every form field of %s is sorted into secret or plain, and marked so", async (factoryId) => {
    const { metadata } = await loadConnectorPackage(bundledConnectorPackages[factoryId]!);
    const formItems = (metadata.formItems ?? []) as Array<{ key: string; isConfidential?: boolean }>;
    const sorted = reviewed[factoryId]!;

    expect(formItems.map((item) => item.key).sort()).toEqual([...sorted.secret, ...sorted.plain].sort());
    // Logto's own mark for fields its Console hides, where a package sets it.
    for (const key of formItems.filter((item) => item.isConfidential).map((item) => item.key)) expect(sorted.secret).toContain(key);
    const everyField = Object.fromEntries(formItems.map((item) => [item.key, "value"]));
    expect(secretKeysOf(factoryId, everyField)).toEqual([...sorted.secret].sort());
  });

  test("SMTP credentials are secret inside auth, its user name is not", () => {
    const oauth = { type: "OAuth2", user: "mailer", clientId: "id", clientSecret: "s", refreshToken: "r", accessToken: "a", privateKey: "k" };

    expect(secretKeysOf("simple-mail-transfer-protocol", { auth: { user: "mailer", pass: "p" } })).toEqual(["auth.pass"]);
    expect(secretKeysOf("simple-mail-transfer-protocol", { auth: oauth })).toEqual(["auth.accessToken", "auth.clientSecret", "auth.privateKey", "auth.refreshToken"]);
  });

  test.each([
    ["GitHub", "github-universal", { clientId: "id", clientSecret: "s", scope: "read:user" }, ["clientSecret"]],
    ["WeChat", "wechat-web", { appId: "id", appSecret: "s", scope: "snsapi_login" }, ["appSecret"]],
    ["Twilio", "twilio-sms", { accountSID: "AC1", authToken: "t", fromMessagingServiceSID: "MG1" }, ["authToken"]],
    ["SendGrid", "sendgrid-email-service", { apiKey: "k", fromEmail: "a@b.c", templates: [] }, ["apiKey"]],
    ["Aliyun", "aliyun-direct-mail", { accessKeyId: "id", accessKeySecret: "s", accountName: "a@b.c" }, ["accessKeySecret"]],
    ["SAML (social)", "saml", { entityID: "urn:x", x509Certificate: "MIIC", privateKey: "k", privateKeyPassphrase: "p" }, ["privateKey", "privateKeyPassphrase"]],
  ])("a factory that does not ship here (%s) has its secret-named values secret", (_name, factoryId, config, secrets) => {
    expect(secretKeysOf(factoryId, config)).toEqual(secrets.sort());
  });
});
