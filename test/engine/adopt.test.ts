import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixtures = path.join(repoRoot, "test/fixtures");
const appUrl = "https://shop.example.com";

/** Objects made by hand in the Console, brought under Pulumi with `adoptId`. */
describe("adopting existing Logto objects with adoptId", () => {
  let sandbox: Sandbox;
  const stacks: EngineStack[] = [];

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.dispose()));
    await sandbox?.stop();
  });

  test("an application made by hand is taken over, not duplicated, and then has no pending change", async () => {
    const { body } = await sandbox.api("POST", "/api/applications", {
      name: "Shop (made in the Console)",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: [`${appUrl}/old-callback`], postLogoutRedirectUris: [] },
    });
    const handMade = body as { id: string };
    const engine = await createEngineStack({
      workDir: path.join(fixtures, "application"),
      logto: sandbox,
      config: {
        name: "Shop",
        type: "Traditional",
        redirectUris: JSON.stringify([`${appUrl}/api/auth/callback/logto`]),
        postLogoutRedirectUris: JSON.stringify([appUrl]),
        adoptId: handMade.id,
      },
    });
    stacks.push(engine);

    const result = await engine.up();

    expect(result.outputs.appId.value).toBe(handMade.id);
    const apps = ((await sandbox.api("GET", "/api/applications")).body as Array<{ id: string; name: string }>).filter((app) => app.id !== sandbox.appId);
    expect(apps).toEqual([expect.objectContaining({ id: handMade.id, name: "Shop" })]);
    await engine.preview({ expectNoChanges: true });

    await engine.setConfig("adoptId", "some-other-app");
    await expect(engine.preview()).rejects.toThrow(/adoptId takes over an object only when the resource is created/);
  });

  test("a connector made by hand is taken over under its own id", async () => {
    await sandbox.api("POST", "/api/connectors", { connectorId: "apple-universal", id: "console-apple", config: { clientId: "com.example.old" } });
    const engine = await createEngineStack({
      workDir: path.join(fixtures, "connector"),
      logto: sandbox,
      config: { mailFactory: "apple-universal", adoptId: "console-apple" },
      secrets: { mailConfig: JSON.stringify({ clientId: "com.example.shop.web", scope: "email name" }) },
    });
    stacks.push(engine);

    const result = await engine.up();

    expect(result.outputs.connectorId.value).toBe("console-apple");
    expect(result.outputs.callbackUrl.value).toBe(`${sandbox.endpoint}/callback/console-apple`);
    const connectors = (await sandbox.api("GET", "/api/connectors")).body as Array<{ id: string; config: object }>;
    expect(connectors).toEqual([expect.objectContaining({ id: "console-apple", config: { clientId: "com.example.shop.web", scope: "email name" } })]);
    await engine.preview({ expectNoChanges: true });
  });
});
