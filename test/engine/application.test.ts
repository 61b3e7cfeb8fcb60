import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/application");
const appUrl = "https://shop.example.com";

interface LogtoApp {
  id: string;
  name: string;
  type: string;
  oidcClientMetadata: { redirectUris: string[]; postLogoutRedirectUris: string[] };
}

describe("logto:Application under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  /** Applications other than the M2M app that Pulumi itself signs in with. */
  const apps = async () =>
    ((await sandbox.api("GET", "/api/applications")).body as LogtoApp[]).filter((app) => app.id !== sandbox.appId);
  const writes = async () => (await sandbox.requests()).filter((entry) => entry.class === "write");

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({
      workDir: fixture,
      logto: sandbox,
      config: {
        name: "Auth.js (test)",
        type: "Traditional",
        redirectUris: JSON.stringify([`${appUrl}/api/auth/callback/logto`]),
        postLogoutRedirectUris: JSON.stringify([appUrl]),
      },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up creates the application and outputs its id, secret and issuer", async () => {
    const result = await engine.up();
    const sent = (await sandbox.requests()).filter((entry) => entry.class !== "admin").map((entry) => `${entry.method} ${entry.path}`);

    const [app] = await apps();
    expect(await apps()).toHaveLength(1);
    expect(app).toMatchObject({
      name: "Auth.js (test)",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: [`${appUrl}/api/auth/callback/logto`], postLogoutRedirectUris: [appUrl] },
    });
    const [secret] = (await sandbox.api("GET", `/api/applications/${app.id}/secrets`)).body as { value: string }[];
    expect(result.outputs.appId).toEqual({ value: app.id, secret: false });
    expect(result.outputs.appSecret).toEqual({ value: secret.value, secret: true });
    expect(result.outputs.issuer.value).toBe(`${sandbox.endpoint}/oidc`);
    expect(result.outputs.openidConfigurationUrl.value).toBe(`${sandbox.endpoint}/oidc/.well-known/openid-configuration`);
    // 1 token; the app an interrupted run may have made, looked for; the create; its secret.
    expect(sent).toEqual(["POST /oidc/token", "GET /api/applications", "POST /api/applications", `GET /api/applications/${app.id}/secrets`]);
  });

  test("a preview right after up expects no changes and writes nothing", async () => {
    await sandbox.clearRequests();
    await engine.preview({ expectNoChanges: true });
    expect(await writes()).toEqual([]);
  });

  test("changing a redirect URI updates the application in place", async () => {
    const [before] = await apps();
    await engine.setConfig("redirectUris", JSON.stringify([`${appUrl}/api/auth/callback/logto`, "https://preview.example.com/api/auth/callback/logto"]));

    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ update: 1 });
    const [after] = await apps();
    expect(after.id).toBe(before.id);
    expect(after.oidcClientMetadata.redirectUris).toEqual([
      `${appUrl}/api/auth/callback/logto`,
      "https://preview.example.com/api/auth/callback/logto",
    ]);
  });

  test("changing the type replaces the application", async () => {
    const [before] = await apps();
    await engine.setConfig("type", "SPA");

    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ replace: 1 });
    const now = await apps();
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(before.id);
    expect(now[0].type).toBe("SPA");
    expect(result.outputs.appSecret?.value).toBeUndefined();
  });

  test("an application deleted behind Pulumi's back is found by refresh and recreated by up", async () => {
    const [gone] = await apps();
    await sandbox.api("DELETE", `/api/applications/${gone.id}`);

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ create: 1 });
    const now = await apps();
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(gone.id);
    await engine.preview({ expectNoChanges: true });
  });

  test("SPA and Native apps have no client secret in Logto: none is output and none is asked for", async () => {
    await engine.setConfig("type", "Native");
    await engine.setConfig("redirectUris", JSON.stringify(["io.shop.app://callback"]));
    await sandbox.clearRequests();

    const result = await engine.up();
    await engine.refresh();
    await engine.preview({ expectNoChanges: true });

    const [native] = await apps();
    expect(native).toMatchObject({ type: "Native", oidcClientMetadata: { redirectUris: ["io.shop.app://callback"] } });
    expect(result.outputs.appSecret?.value).toBeUndefined();
    expect((await sandbox.requests()).filter((entry) => entry.path.endsWith("/secrets"))).toEqual([]);
    await engine.setConfig("redirectUris", JSON.stringify([`${appUrl}/api/auth/callback/logto`]));
  });

  test("the exported state holds neither the app secret nor the M2M secret in plain text", async () => {
    await engine.setConfig("type", "Traditional");
    const result = await engine.up();
    const appSecret = result.outputs.appSecret.value as string;
    expect(appSecret).toMatch(/\w{16,}/);

    const state = await engine.exportState();
    const decrypted = await engine.exportDecryptedState();

    expect(decrypted).toContain(appSecret); // the search below can find it where it is plain
    expect(state).not.toContain(appSecret);
    expect(state).not.toContain(sandbox.appSecret);
    expect(engine.transcript()).not.toContain(appSecret);
  });

  test("state holds the provider as a require of the installed loader and the implementation's path, a few hundred bytes per copy", async () => {
    const state = JSON.parse(await engine.exportState()) as { deployment: { resources: Array<{ type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }> } };
    const app = state.deployment.resources.find((resource) => resource.type.endsWith("logto:Application"))!;
    const provider = app.inputs!.__provider as string;

    expect(provider).toContain('Object.create(require("logto-pulumi-provider-loader"))');
    expect(provider).toMatch(/\.implementation = "..\/..\/..\/resources\/application\/provider";/);
    expect(Buffer.byteLength(provider)).toBeLessThan(500);
    expect(app.outputs!.__provider).toBe(provider);
  });

  test("destroy leaves no application behind", async () => {
    await engine.destroy();
    expect(await apps()).toEqual([]);
  });
});
