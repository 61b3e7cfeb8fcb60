import type { EngineStack } from "../support/engine";
import { createFullStack, newFullStackSecrets } from "../support/full-stack";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

interface StateResource {
  urn: string;
  type: string;
  id?: string;
}

/**
 * `pulumi up --replace <urn>` (or `replaceOnChanges`) makes an object anew. The new object must
 * not be mistaken for the old one, which a create-then-delete order would take over and then
 * delete: our resources replace delete-first.
 */
describe("forced replacement through the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const get = async <T>(path: string) => (await sandbox.api("GET", path)).body as T;
  const stateResources = async () => (JSON.parse(await engine.exportState()) as { deployment: { resources: StateResource[] } }).deployment.resources;
  const resourceOf = async (type: string) => (await stateResources()).find((resource) => resource.type.endsWith(`logto:${type}`))!;
  const authjsApp = async () => (await stateResources()).find((resource) => resource.urn.endsWith("::authjs"))!;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createFullStack(sandbox, newFullStackSecrets());
    await engine.up();
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("an application, a connector and an SSO connector replaced by --replace exist once each, as state says", async () => {
    const app = await authjsApp();
    const sso = await resourceOf("SsoConnector");
    const apple = (await stateResources()).find((resource) => resource.urn.endsWith("::apple"))!;

    const result = await engine.up({ replace: [app.urn, apple.urn, sso.urn] });

    expect(result.summary.resourceChanges).toMatchObject({ replace: 3 });
    const apps = (await get<Array<{ id: string; type: string }>>("/api/applications")).filter((row) => row.type === "Traditional");
    const newApp = await authjsApp();
    expect(apps.map((row) => row.id)).toEqual([newApp.id]);
    expect(newApp.id).not.toBe(app.id);
    const connectors = await get<Array<{ id: string }>>("/api/connectors");
    expect(connectors.map((row) => row.id)).toContain(apple.id);
    const ssoConnectors = await get<Array<{ id: string }>>("/api/sso-connectors");
    expect(ssoConnectors.map((row) => row.id)).toEqual([(await resourceOf("SsoConnector")).id]);
    expect(result.outputs.AUTH_LOGTO_ID.value).toBe(newApp.id);
    // Logto drops a deleted connector's target from the sign-in experience; the replacement's comes back.
    expect(await get("/api/sign-in-exp")).toMatchObject({ socialSignInConnectorTargets: ["apple", "corp-oidc"], singleSignOnEnabled: true });
    await engine.preview({ expectNoChanges: true });
  });
});
