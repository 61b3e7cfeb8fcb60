import type { EngineStack } from "../support/engine";
import { createFullStack, fullStackApi, fullStackSignInPage, newFullStackSecrets } from "../support/full-stack";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

/** The whole mission stack (index.ts) against the sandbox, AWS in "existing credentials" mode. */
describe("the full stack under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  let before: Record<string, unknown>;
  const secrets = newFullStackSecrets();
  const get = async <T>(path: string) => (await sandbox.api("GET", path)).body as T;
  const logtoState = async () => ({
    signInExperience: await get("/api/sign-in-exp"),
    connectors: await get("/api/connectors"),
    ssoConnectors: await get("/api/sso-connectors"),
    applications: await get("/api/applications"),
    apiResources: await get("/api/resources?includeScopes=true"),
    roles: await get("/api/roles?page_size=100"),
    organizations: await get("/api/organizations"),
    organizationRoles: await get("/api/organization-roles"),
    organizationScopes: await get("/api/organization-scopes"),
    // The wording in effect: Logto keeps the fallback language's phrases once set, emptied on destroy.
    customWording: (await get<Array<{ languageTag: string; translation: object }>>("/api/custom-phrases")).filter(({ translation }) => Object.keys(translation).length),
  });
  const webApp = async () => (await get<Array<{ id: string; type: string }>>("/api/applications")).find((candidate) => candidate.type === "Traditional")!;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createFullStack(sandbox, secrets);
    before = await logtoState();
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up builds the app, the four connectors, the sign-in experience and the app's API with its roles and client", async () => {
    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ create: 16 });
    const connectors = await get<Array<{ connectorId: string }>>("/api/connectors");
    expect(connectors.map((connector) => connector.connectorId).sort()).toEqual(["apple-universal", "aws-ses-mail", "oidc"]);
    expect(await get<unknown[]>("/api/sso-connectors")).toEqual([expect.objectContaining({ providerName: "Okta", domains: ["example.com"] })]);
    expect(await get("/api/sign-in-exp")).toMatchObject({
      socialSignInConnectorTargets: ["apple", "corp-oidc"],
      singleSignOnEnabled: true,
      signUp: { identifiers: ["email"], password: true, verify: true },
      color: fullStackSignInPage.colors,
      ...fullStackSignInPage.legal,
      passwordPolicy: { length: { min: 10, max: 256 } },
      mfa: fullStackSignInPage.mfa,
    });
    expect(await get("/api/custom-phrases/en")).toMatchObject({ translation: fullStackSignInPage.phrases.en });
    expect(result.outputs.AUTH_LOGTO_SECRET.secret).toBe(true);
    expect(result.outputs.authjsEnv.secret).toBe(true);
    expect(result.outputs.appleReturnUrl.value).toBe(`${sandbox.endpoint}/callback/logto-pulumi-${engine.name}-apple`);

    const apis = await get<Array<{ indicator: string; scopes: Array<{ name: string }> }>>("/api/resources?includeScopes=true");
    expect(apis.find((api) => api.indicator === fullStackApi.indicator)?.scopes.map((scope) => scope.name).sort()).toEqual(["read:orders", "write:orders"]);
    const roles = await get<Array<{ name: string; type: string; isDefault: boolean }>>("/api/roles?page_size=100");
    expect(roles.map(({ name, type, isDefault }) => ({ name, type, isDefault })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "API (" + engine.name + ") client", type: "MachineToMachine", isDefault: false },
      { name: "Auditor", type: "User", isDefault: false },
      { name: "Logto Management API access", type: "MachineToMachine", isDefault: false },
      { name: "Order clerk", type: "User", isDefault: true },
    ]);
    expect(result.outputs.authjsAuthorizationParams.value).toEqual({
      resource: fullStackApi.indicator,
      scope: "openid offline_access profile email read:orders write:orders urn:logto:scope:organizations urn:logto:scope:organization_roles",
    });
    const [organization] = await get<Array<{ id: string; name: string }>>("/api/organizations");
    expect(organization).toMatchObject({ id: result.outputs.organizationId.value, name: "Acme" });
    expect((await get<Array<{ emailDomain: string }>>(`/api/organizations/${organization!.id}/jit/email-domains`)).map((row) => row.emailDomain)).toEqual(["example.com"]);
    expect((await get<Array<{ name: string }>>(`/api/organizations/${organization!.id}/jit/roles`)).map((row) => row.name)).toEqual(["Member"]);
    expect(result.outputs.apiClientSecret.secret).toBe(true);
  });

  test("a preview right after up expects no changes", async () => {
    await engine.preview({ expectNoChanges: true });
  });

  test.each([
    ["appleServicesId", "com.example.shop.app"],
    ["oidcClientId", "shop-2"],
    ["oktaClientId", "okta-client-2"],
    ["emailFrom", "hello@example.com"],
  ])("changing %s updates only that connector", async (key, value) => {
    await engine.setConfig(key, value);

    const result = await engine.up();

    expect(result.summary.resourceChanges).toEqual({ update: 1, same: 15 });
  });

  test("turning Apple off removes its connector and its sign-in target", async () => {
    await engine.setConfig("apple", "false");

    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ delete: 1, update: 1 });
    expect(await get("/api/sign-in-exp")).toMatchObject({ socialSignInConnectorTargets: ["corp-oidc"] });
  });

  test("edits made behind Pulumi's back, a changed client secret included, are found by refresh and undone by up", async () => {
    const app = await webApp();
    const [okta] = await get<Array<{ id: string; config: object }>>("/api/sso-connectors");
    const oidc = await get<{ config: object }>(`/api/connectors/logto-pulumi-${engine.name}-oidc`);
    const changedInConsole = "changed-in-the-console";
    await sandbox.api("PATCH", `/api/applications/${app.id}`, { oidcClientMetadata: { redirectUris: ["https://evil.example.com/cb"], postLogoutRedirectUris: [] } });
    await sandbox.api("PATCH", `/api/connectors/logto-pulumi-${engine.name}-oidc`, { config: { ...oidc.config, clientSecret: changedInConsole } });
    await sandbox.api("PATCH", `/api/sso-connectors/${okta.id}`, { config: { ...okta.config, clientSecret: changedInConsole } });
    await sandbox.api("PATCH", "/api/sign-in-exp", { singleSignOnEnabled: false, passwordPolicy: {}, mfa: { factors: [], policy: "UserControlled" }, adaptiveMfa: {} });
    await sandbox.api("PUT", "/api/custom-phrases/en", { action: { sign_in: "Changed in the Console" } });

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 5 });
    const preview = await engine.preview();
    expect(preview.changeSummary).toMatchObject({ update: 5 });
    await engine.up();

    await engine.preview({ expectNoChanges: true });
    expect((await get<{ config: { clientSecret: string } }>(`/api/connectors/logto-pulumi-${engine.name}-oidc`)).config.clientSecret).toBe(secrets.oidcClientSecret);
    expect(await get("/api/sign-in-exp")).toMatchObject({ singleSignOnEnabled: true, passwordPolicy: { length: { min: 10, max: 256 } }, mfa: fullStackSignInPage.mfa });
    expect(await get("/api/custom-phrases/en")).toMatchObject({ translation: fullStackSignInPage.phrases.en });
    expect(engine.transcript()).not.toContain(changedInConsole);
  });

  test("objects deleted behind Pulumi's back are found by refresh and made again by up", async () => {
    const app = await webApp();
    const [okta] = await get<Array<{ id: string }>>("/api/sso-connectors");
    await sandbox.api("DELETE", `/api/applications/${app.id}`);
    await sandbox.api("DELETE", `/api/sso-connectors/${okta.id}`);
    await sandbox.api("DELETE", `/api/connectors/logto-pulumi-${engine.name}-email`);

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 3 });
    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ create: 3 });
    await engine.preview({ expectNoChanges: true });
  });

  test("a social connector deleted behind Pulumi's back: the preview says a refresh repairs it, and up --refresh does", async () => {
    const oidc = `logto-pulumi-${engine.name}-oidc`;
    await sandbox.api("DELETE", `/api/connectors/${oidc}`);

    const failure = await engine.preview().then(() => "", (error: Error) => error.message);
    expect(failure).toMatch(/"corp-oidc": Logto has no social connector with this target.*Logto no longer has that connector \(deleted outside Pulumi\): `pulumi refresh` \(or `pulumi up --refresh`\)/);

    await engine.up({ refresh: true });
    expect((await get<{ id: string }>(`/api/connectors/${oidc}`)).id).toBe(oidc);
    expect(await get("/api/sign-in-exp")).toMatchObject({ socialSignInConnectorTargets: ["corp-oidc"] });
    await engine.preview({ expectNoChanges: true });
  });

  test("no secret shows in the state or in any output of up, preview --diff, refresh and verbose logs", async () => {
    await engine.refresh();
    const verbose = await engine.cli(["preview", "--diff", "-v=6", "--logtostderr", "--logflow"], false);
    const outputs = await engine.stack.outputs();
    const appSecret = outputs.AUTH_LOGTO_SECRET.value as string;
    const clientSecret = outputs.apiClientSecret.value as string;
    const state = await engine.exportState();
    const all = [...Object.values(secrets), sandbox.appSecret, appSecret, clientSecret, engine.passphrase];

    expect(await engine.exportDecryptedState()).toContain(secrets.oktaClientSecret);
    for (const secret of all) {
      expect(state).not.toContain(secret);
      expect(engine.transcript()).not.toContain(secret);
    }
    // Pulumi's Node.js SDK itself logs each RegisterResource answer, secret outputs included, at
    // any debug level (and its engine prints resource inputs from -v=7): every other line of a
    // verbose run, ours included, must be free of secrets.
    const leaking = verbose.stderr.split("\n").filter((line) => all.some((secret) => line.includes(secret)));
    expect(verbose.stderr).toContain("RegisterResource RPC finished");
    expect(leaking.filter((line) => !line.includes("RegisterResource RPC finished"))).toEqual([]);
  });

  test("destroy leaves Logto as it was before up", async () => {
    await engine.destroy();

    expect(await logtoState()).toEqual(before);
  });
});
