import { spawnSandbox, type Sandbox } from "../support/sandbox";

type Connector = Record<string, any> & { id: string };

const appleConfig = { clientId: "com.example.web", scope: "email name" };
const oidcConfig = {
  authorizationEndpoint: "https://idp.example.com/auth",
  tokenEndpoint: "https://idp.example.com/token",
  clientId: "client",
  clientSecret: "secret",
  scope: "openid profile",
  idTokenVerificationConfig: { jwksUri: "https://idp.example.com/jwks" },
};
const template = (usageType: string) => ({ usageType, subject: `${usageType} code`, content: "Your code is {{code}}" });
const sesConfig = {
  accessKeyId: "AKIA",
  accessKeySecret: "aws-secret",
  region: "eu-west-1",
  emailAddress: "noreply@example.com",
  templates: ["Register", "SignIn", "ForgotPassword", "Generic"].map(template),
};

describe("sandbox /api/connectors", () => {
  let sandbox: Sandbox;
  const post = (body: Record<string, unknown>) => sandbox.api("POST", "/api/connectors", body);

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  test("factories come from the real connector packages", async () => {
    const factories = (await sandbox.api("GET", "/api/connector-factories")).body as Connector[];
    const byId = Object.fromEntries(factories.map((factory) => [factory.id, factory]));
    expect(byId["apple-universal"]).toMatchObject({ type: "Social", target: "apple", platform: "Universal", isDemo: false });
    expect(byId["oidc"]).toMatchObject({ type: "Social", isStandard: true, isTokenStorageSupported: true });
    expect(byId["aws-ses-mail"]).toMatchObject({ type: "Email", target: "aws-ses", platform: null });
    expect(byId["apple-universal"].logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await sandbox.api("GET", "/api/connector-factories/aws-ses")).status).toBe(404);
  });

  test("POST Apple: 200 with merged metadata and the raw config; client-chosen id", async () => {
    const response = await post({ connectorId: "apple-universal", id: "my-apple", config: appleConfig });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: "my-apple",
      connectorId: "apple-universal",
      target: "apple",
      platform: "Universal",
      type: "Social",
      config: appleConfig,
      metadata: {},
      syncProfile: false,
      enableTokenStorage: false,
      isDemo: false,
      extraInfo: {},
    });
    const fetched = await sandbox.api("GET", "/api/connectors/my-apple");
    expect(fetched.body).toEqual(response.body);
  });

  test("unknown factory is 422; config is validated by the factory guard", async () => {
    const unknown = await post({ connectorId: "aws-ses", config: sesConfig });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: "connector.not_found_with_connector_id" });

    const empty = await post({ connectorId: "apple-universal", config: {} });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: "connector.invalid_config", message: "The connector's config is invalid.", data: { name: "ZodError" } });
    expect((empty.body as any).data.issues[0].path).toEqual(["clientId"]);

    const noTemplates = await post({ connectorId: "aws-ses-mail", config: { ...sesConfig, templates: undefined } });
    expect((noTemplates.body as any).data.issues[0].path).toEqual(["templates"]);
    const onlySignIn = await post({ connectorId: "aws-ses-mail", config: { ...sesConfig, templates: [template("SignIn")] } });
    expect((onlySignIn.body as any).data.issues[0].message).toBe(
      "Template with UsageType (Register, ForgotPassword, Generic) should be provided!",
    );
  });

  test("standard/non-standard metadata rules, one Apple instance, unique target", async () => {
    const appleWithTarget = await post({ connectorId: "apple-universal", config: appleConfig, metadata: { target: "x" } });
    expect(appleWithTarget.status).toBe(400);
    expect(appleWithTarget.body).toMatchObject({ code: "connector.cannot_overwrite_metadata_for_non_standard_connector" });

    const oidcWithoutTarget = await post({ connectorId: "oidc", config: oidcConfig });
    expect(oidcWithoutTarget.status).toBe(400);
    expect(oidcWithoutTarget.body).toMatchObject({ code: "connector.should_specify_target" });

    expect((await post({ connectorId: "apple-universal", config: appleConfig })).status).toBe(200);
    const secondApple = await post({ connectorId: "apple-universal", config: appleConfig });
    expect(secondApple.status).toBe(422);
    expect(secondApple.body).toMatchObject({ code: "connector.multiple_instances_not_supported" });

    const first = await post({ connectorId: "oidc", config: oidcConfig, metadata: { target: "acme", name: { en: "Acme" } } });
    expect(first.status).toBe(200);
    const sameTarget = await post({ connectorId: "oidc", config: oidcConfig, metadata: { target: "acme" } });
    expect(sameTarget.status).toBe(422);
    expect(sameTarget.body).toMatchObject({
      code: "connector.multiple_target_with_same_platform",
      data: { connectorId: "oidc", connectorName: { en: "Acme" } },
    });
  });

  test("stored input is clean-deep'ed raw input, not the parsed output", async () => {
    const response = await post({
      connectorId: "oidc",
      config: { ...oidcConfig, customConfig: {}, authRequestOptionalConfig: { prompt: "" } },
      metadata: { target: "acme", logo: "", logoDark: null, name: { en: "Acme" } },
    });
    const body = response.body as Connector;
    expect(body.config).toEqual(oidcConfig);
    expect(body.config.responseType).toBeUndefined();
    expect(body.metadata).toEqual({ target: "acme", name: { en: "Acme" } });
    expect(body.name).toEqual({ en: "Acme" });
  });

  test("a client-chosen id that is taken is a 500", async () => {
    await post({ connectorId: "apple-universal", id: "dup", config: appleConfig });
    const second = await post({ connectorId: "oidc", id: "dup", config: oidcConfig, metadata: { target: "t" } });
    expect(second.status).toBe(500);
    expect(second.body).toEqual({ message: "Internal server error." });
  });

  test("creating an email connector deletes the existing one", async () => {
    const first = (await post({ connectorId: "aws-ses-mail", config: sesConfig })).body as Connector;
    const second = (await post({ connectorId: "aws-ses-mail", config: { ...sesConfig, region: "us-east-1" } })).body as Connector;
    const all = (await sandbox.api("GET", "/api/connectors")).body as Connector[];
    expect(all.map(({ id }) => id)).toEqual([second.id]);
    expect((await sandbox.api("GET", `/api/connectors/${first.id}`)).body).toEqual({
      code: "entity.not_found",
      message: "The resource does not exist.",
    });
  });

  test("the last email connector cannot go while password expiration needs it to reset passwords (422); it can once expiration is off", async () => {
    const email = (await post({ connectorId: "aws-ses-mail", config: sesConfig })).body as Connector;
    expect((await sandbox.api("PATCH", "/api/sign-in-exp", { passwordExpiration: { enabled: true, validPeriodDays: 90 } })).status).toBe(200);

    const refused = await sandbox.api("DELETE", `/api/connectors/${email.id}`);

    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "sign_in_experiences.password_expiration_requires_forgot_password" });
    await sandbox.api("PATCH", "/api/sign-in-exp", { passwordExpiration: { enabled: false } });
    expect((await sandbox.api("DELETE", `/api/connectors/${email.id}`)).status).toBe(204);
  });

  test("PATCH replaces config whole, keeps target immutable, syncProfile only for social", async () => {
    const oidc = (await post({ connectorId: "oidc", config: oidcConfig, metadata: { target: "acme" } })).body as Connector;
    const partial = await sandbox.api("PATCH", `/api/connectors/${oidc.id}`, { config: { clientSecret: "new" } });
    expect(partial.status).toBe(400);
    expect((partial.body as any).data.issues.map((issue: any) => issue.path[0])).toEqual(
      expect.arrayContaining(["authorizationEndpoint", "tokenEndpoint", "clientId", "scope", "idTokenVerificationConfig"]),
    );
    const retarget = await sandbox.api("PATCH", `/api/connectors/${oidc.id}`, { metadata: { target: "other" } });
    expect(retarget.body).toMatchObject({ code: "connector.can_not_modify_target" });

    const updated = await sandbox.api("PATCH", `/api/connectors/${oidc.id}`, { config: { ...oidcConfig, clientSecret: "new" } });
    expect((updated.body as Connector).config.clientSecret).toBe("new");

    const ses = (await post({ connectorId: "aws-ses-mail", config: sesConfig })).body as Connector;
    const sync = await sandbox.api("PATCH", `/api/connectors/${ses.id}`, { syncProfile: true });
    expect(sync.status).toBe(422);
    expect(sync.body).toMatchObject({ code: "connector.invalid_type_for_syncing_profile" });
  });

  test("?target filters; deleting a social connector drops its sign-in target", async () => {
    await post({ connectorId: "apple-universal", id: "apple", config: appleConfig });
    await post({ connectorId: "oidc", config: oidcConfig, metadata: { target: "acme" } });
    expect(((await sandbox.api("GET", "/api/connectors?target=acme")).body as Connector[]).map(({ target }) => target)).toEqual(["acme"]);

    await sandbox.api("PATCH", "/api/sign-in-exp", { socialSignInConnectorTargets: ["apple", "acme"] });
    expect((await sandbox.api("DELETE", "/api/connectors/apple")).status).toBe(204);
    expect(((await sandbox.api("GET", "/api/sign-in-exp")).body as any).socialSignInConnectorTargets).toEqual(["acme"]);
    expect((await sandbox.api("DELETE", "/api/connectors/apple")).body).toEqual({
      code: "entity.not_found",
      message: "The resource does not exist.",
    });
  });
});
