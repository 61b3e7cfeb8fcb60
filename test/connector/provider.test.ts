import type { ConnectorArgs } from "../../resources/connector/schema";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { unknownValue } from "../../resources/provider-kit/check";
import { secretPathsOf, unmarked } from "../../resources/provider-kit/secrets";
import { providerOfANewRun, writesSeenBy } from "../support/provider";

const appleConfig = { clientId: "com.example.shop.web", scope: "email name" };
const oidcConfig = {
  authorizationEndpoint: "https://idp.example.com/authorize",
  tokenEndpoint: "https://idp.example.com/token",
  clientId: "shop",
  clientSecret: "oidc-client-secret-123",
  scope: "openid profile email",
  idTokenVerificationConfig: { jwksUri: "https://idp.example.com/jwks" },
};
const templates = ["Register", "SignIn", "ForgotPassword", "Generic"].map((usageType) => ({
  usageType,
  subject: "Your code",
  content: "Your code is {{code}}",
}));
const sesConfig = { accessKeyId: "AKIAEXAMPLE", accessKeySecret: "ses-secret-456", region: "eu-west-1", emailAddress: "no-reply@example.com", templates };

const smtpConfig = {
  host: "smtp.example.com",
  port: 587,
  auth: { user: "mailer", pass: "smtp-password-789" },
  fromEmail: "no-reply@example.com",
  templates: templates.map((template) => ({ ...template, contentType: "text/plain" })),
};

const args = (overrides: Partial<ConnectorArgs>): ConnectorArgs => ({
  factoryId: "apple-universal",
  connectorId: "shop-test-apple",
  config: appleConfig,
  metadata: {},
  syncProfile: false,
  callbackUrl: "https://tenant.example.com/callback/shop-test-apple",
  ...overrides,
});

describe("Connector provider", () => {
  let sandbox: Sandbox;
  let provider: typeof import("../../resources/connector/provider").provider;
  const nextRun = () => providerOfANewRun<typeof import("../../resources/connector/provider")>(sandbox, "connector").provider;
  const check = async (news: Partial<ConnectorArgs> & Record<string, unknown>) =>
    provider.check!({} as never, { ...args({}), ...news } as never);
  const connectors = async () => (await sandbox.api("GET", "/api/connectors")).body as Array<{ id: string; connectorId: string; config: object }>;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearRequests();
    provider = nextRun();
  });

  describe("check, with each factory's own rules and no write", () => {
    // A config failure names no property, so the engine does not print the (secret) config.
    test.each([
      ["Apple without its Services ID", { config: { scope: "email" } }, "", /config\.clientId: is required/],
      ["Apple with metadata", { metadata: { target: "apple" } }, "metadata", /not a standard connector/],
      ["OIDC without a target", { factoryId: "oidc", config: oidcConfig }, "metadata", /metadata\.target is required/],
      ["OIDC without a token endpoint", { factoryId: "oidc", metadata: { target: "okta" }, config: { ...oidcConfig, tokenEndpoint: undefined } }, "", /config\.tokenEndpoint: is required/],
      ["SES without a Generic template", { factoryId: "aws-ses-mail", config: { ...sesConfig, templates: templates.slice(0, 3) } }, "", /Generic/],
      ["SES with syncProfile", { factoryId: "aws-ses-mail", config: sesConfig, syncProfile: true }, "syncProfile", /only social connectors/],
      ["an unknown factory", { factoryId: "aws-ses" }, "factoryId", /no connector factory "aws-ses"/],
      ["an id with capitals", { connectorId: "Shop_Apple" }, "connectorId", /lower-case letters/],
    ])("rejects %s", async (_case, news, property, reason) => {
      const { failures } = await check(news as never);

      expect(failures).toEqual([expect.objectContaining({ property, reason: expect.stringMatching(reason) })]);
      expect(await writesSeenBy(sandbox)).toEqual([]);
    });

    test("never echoes a secret in a failure", async () => {
      const { failures } = await check({ factoryId: "oidc", metadata: { target: "okta" }, config: { ...oidcConfig, clientSecret: 42 } });

      expect(JSON.stringify(failures)).not.toContain("oidc-client-secret");
      expect(failures).toEqual([{ property: "", reason: "config.clientSecret: Expected string, received number" }]);
    });

    test.each([
      ["Apple", { config: appleConfig }, []],
      ["OIDC", { factoryId: "oidc", metadata: { target: "okta" }, config: { ...oidcConfig, customConfig: { audience: "x" } } }, ["config.clientSecret", "config.customConfig"]],
      ["SES", { factoryId: "aws-ses-mail", config: sesConfig }, ["config.accessKeySecret"]],
      ["SMTP", { factoryId: "simple-mail-transfer-protocol", config: smtpConfig }, ["config.auth.pass"]],
    ])("marks only the secret values of the %s config secret, so the rest shows in previews", async (_factory, news, secretPaths) => {
      const { inputs, failures } = await check(news as never);

      expect(failures).toBeUndefined();
      expect(secretPathsOf(inputs)).toEqual(secretPaths);
    });

    const oidc = { factoryId: "oidc", metadata: { target: "okta" }, config: oidcConfig };
    test.each([
      ["an existing Apple connector's target and type from its factory", {}, {}, { target: "apple", type: "Social" }],
      ["an existing standard connector's target from its metadata", oidc, oidc, { target: "okta", type: "Social" }],
      ["an existing email connector's target and type", { factoryId: "aws-ses-mail", config: sesConfig }, { factoryId: "aws-ses-mail", config: sesConfig }, { target: "aws-ses", type: "Email" }],
      ["no target for a connector still to be created: Logto does not have it yet", oidc, undefined, { target: undefined, type: "Social" }],
      ["no target for a connector taking a new one", { ...oidc, metadata: { target: "auth0" } }, oidc, { target: undefined, type: "Social" }],
      ["no target while the metadata is not known yet", { ...oidc, metadata: unknownValue }, oidc, { target: undefined, type: "Social" }],
    ])("fills in %s, so they are known at preview", async (_case, news, olds, chosen) => {
      const previous = olds && { ...args({}), ...olds };
      const inputs = (await provider.check!((previous ?? {}) as never, { ...args({}), ...news } as never)).inputs as unknown as Record<string, unknown>;

      expect({ target: inputs.target, type: inputs.type }).toEqual(chosen);
    });

    describe("a connector created while its target was unknown (state's inputs have none)", () => {
      const news = { ...args({}), ...oidc } as never;
      /** The inputs stored by its create, as the engine hands them to the next check: secrets unwrapped. */
      const stored = async () => unmarked((await provider.check!({} as never, news)).inputs) as Record<string, unknown>;

      test("unchanged, checks to exactly state's inputs, so no preview or up rewrites the state for it", async () => {
        const olds = await stored();
        const { inputs } = await provider.check!(olds as never, news);

        expect(olds.target).toBeUndefined();
        expect(unmarked(inputs)).toEqual(olds);
      });

      test("changed, gets its target filled in, so the update's preview shows the target known", async () => {
        const olds = await stored();
        const changed = { ...args({}), ...oidc, config: { ...oidcConfig, scope: "openid email" } } as never;
        const { inputs } = await provider.check!(olds as never, changed);

        expect((inputs as unknown as Record<string, unknown>).target).toBe("okta");
      });
    });

    test("cleans the config as Logto stores it, so the next diff is empty", async () => {
      const { inputs, failures } = await check({ config: { ...appleConfig, scope: "" } });

      expect(failures).toBeUndefined();
      expect(inputs!.config).toEqual({ clientId: appleConfig.clientId });
    });
  });

  test("creates a connector under the id we chose, with its callback URL", async () => {
    const { id, outs } = await provider.create(args({}));

    expect(id).toBe("shop-test-apple");
    expect(outs).toMatchObject({ connectorId: "shop-test-apple", target: "apple", type: "Social", callbackUrl: args({}).callbackUrl });
    expect(await connectors()).toEqual([expect.objectContaining({ id: "shop-test-apple", connectorId: "apple-universal", config: appleConfig })]);
  });

  test("takes over the connector an interrupted run left under our id instead of duplicating it", async () => {
    await provider.create(args({}));

    const { id } = await nextRun().create(args({ config: { ...appleConfig, scope: "email" } }));

    expect(id).toBe("shop-test-apple");
    expect(await connectors()).toEqual([expect.objectContaining({ config: { ...appleConfig, scope: "email" } })]);
  });

  test("a run that makes many connectors lists Logto's connectors once, not once per connector", async () => {
    const targets = ["okta", "auth0", "keycloak"];

    await Promise.all(
      targets.map((target) =>
        provider.create(args({ factoryId: "oidc", connectorId: `shop-test-${target}`, metadata: { target }, config: oidcConfig })),
      ),
    );

    const reads = (await sandbox.requests()).filter((entry) => entry.class === "read" && entry.path.startsWith("/api/connectors"));
    expect(reads.map((entry) => entry.path)).toEqual(["/api/connectors"]);
    expect(await connectors()).toHaveLength(3);
  });

  test("an email connector replaced within one run is made anew after its predecessor's delete", async () => {
    const ses = args({ factoryId: "aws-ses-mail", connectorId: "shop-test-email", config: sesConfig });
    await provider.create(ses);
    const run = nextRun();
    await run.create(args({}));

    await run.delete!("shop-test-email", {} as never);
    const { outs } = await run.create({ ...ses, factoryId: "simple-mail-transfer-protocol", config: smtpConfig });

    expect(outs).toMatchObject({ factoryId: "simple-mail-transfer-protocol" });
    expect(await connectors()).toEqual(expect.arrayContaining([expect.objectContaining({ id: "shop-test-email", connectorId: "simple-mail-transfer-protocol" })]));
  });

  test("updates the config in place, whole", async () => {
    const news = args({ factoryId: "oidc", connectorId: "shop-test-oidc", metadata: { target: "okta", name: { en: "Okta" } }, config: oidcConfig });
    await provider.create(news);

    await provider.update!("shop-test-oidc", news as never, { ...news, config: { ...oidcConfig, clientSecret: "rotated" } });

    const [stored] = await connectors();
    expect(stored.config).toEqual({ ...oidcConfig, clientSecret: "rotated" });
  });

  test("reads back drift in the config, including a changed secret", async () => {
    const news = args({ factoryId: "oidc", connectorId: "shop-test-oidc", metadata: { target: "okta" }, config: oidcConfig });
    const { outs } = await provider.create(news);
    await sandbox.api("PATCH", "/api/connectors/shop-test-oidc", { config: { ...oidcConfig, clientSecret: "changed-in-console" } });

    const read = await provider.read!("shop-test-oidc", outs as never);
    const diff = await provider.diff!("shop-test-oidc", read.inputs as never, news as never);

    expect(diff).toMatchObject({ changes: true, replaces: [] });
  });

  test("reads a connector deleted behind our back as gone", async () => {
    const { outs } = await provider.create(args({}));
    await sandbox.api("DELETE", "/api/connectors/shop-test-apple");

    expect(await provider.read!("shop-test-apple", outs as never)).toEqual({});
  });

  test("deletes, and a second delete of the same connector succeeds", async () => {
    await provider.create(args({}));

    await provider.delete!("shop-test-apple", {} as never);
    await provider.delete!("shop-test-apple", {} as never);

    expect(await connectors()).toEqual([]);
  });

  test("replaces with delete-before-create when the factory or the target changes", async () => {
    const oidc = args({ factoryId: "oidc", metadata: { target: "okta" }, config: oidcConfig });

    expect(await provider.diff!("x", oidc as never, { ...oidc, metadata: { target: "auth0" } } as never)).toMatchObject({
      replaces: ["metadata"],
      deleteBeforeReplace: true,
    });
    expect(await provider.diff!("x", oidc as never, args({}) as never)).toMatchObject({ deleteBeforeReplace: true });
  });
});
