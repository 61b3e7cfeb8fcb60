import type { ApplicationArgs } from "../../resources/application/schema";
import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { providerOfANewRun } from "../support/provider";

const args = (overrides: Partial<ApplicationArgs> = {}): ApplicationArgs => ({
  name: "Auth.js",
  description: null,
  type: "Traditional",
  redirectUris: ["https://shop.example.com/api/auth/callback/logto"],
  postLogoutRedirectUris: ["https://shop.example.com"],
  corsAllowedOrigins: [],
  managedBy: "shop/prod/authjs",
  ...overrides,
});

describe("Application provider: one application per resource, whatever happens", () => {
  let sandbox: Sandbox;
  let provider: typeof import("../../resources/application/provider").provider;
  const nextRun = () => providerOfANewRun<typeof import("../../resources/application/provider")>(sandbox, "application").provider;
  const apps = async () =>
    ((await sandbox.api("GET", "/api/applications")).body as Array<{ id: string; name: string; customData: object }>).filter(
      (app) => app.id !== sandbox.appId,
    );

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(async () => {
    await sandbox.reset();
    await sandbox.clearFaults();
    provider = nextRun();
  });

  test("marks what it creates with the resource that made it", async () => {
    await provider.create(args());

    expect(await apps()).toEqual([expect.objectContaining({ customData: { "pulumi:managedBy": "shop/prod/authjs" } })]);
  });

  test("a create repeated after an interrupted run takes over the app the first one made", async () => {
    const first = await provider.create(args());

    const second = await nextRun().create(args({ redirectUris: ["https://shop.example.com/cb"] }));

    expect(second.id).toBe(first.id);
    expect(await apps()).toHaveLength(1);
  });

  test("a create whose answer was lost finds the app Logto made", async () => {
    await sandbox.faults([{ match: { method: "POST", path: "^/api/applications$" }, loseAnswer: true }]);

    await provider.create(args());

    expect(await apps()).toHaveLength(1);
  });

  test("a create with no answer is not sent twice: the run fails, and the next create makes it once", async () => {
    await sandbox.faults([{ match: { method: "POST", path: "^/api/applications$" }, drop: true }]);

    await expect(provider.create(args())).rejects.toThrow(/may or may not have been applied/);
    await nextRun().create(args());

    expect(await apps()).toHaveLength(1);
  });

  test("a run that makes many apps lists Logto's apps once, not once per app", async () => {
    await sandbox.clearRequests();

    await Promise.all(["a", "b", "c", "d"].map((name) => provider.create(args({ managedBy: `shop/prod/${name}` }))));

    const lists = (await sandbox.requests()).filter((entry) => entry.class === "read" && entry.path === "/api/applications");
    expect(lists).toHaveLength(1);
    expect(await apps()).toHaveLength(4);
  });

  test("another stack's app of the same name is not taken over", async () => {
    await provider.create(args({ managedBy: "shop/staging/authjs" }));

    await provider.create(args());

    expect(await apps()).toHaveLength(2);
  });

  describe("adoptId", () => {
    test("takes over an app made by hand, and makes it as declared", async () => {
      const { body } = await sandbox.api("POST", "/api/applications", { name: "Made in the Console", type: "Traditional" });
      const handMade = body as { id: string };

      const { id, outs } = await provider.create(args({ adoptId: handMade.id }));

      expect(id).toBe(handMade.id);
      expect(outs).toMatchObject({ name: "Auth.js", redirectUris: args().redirectUris, appSecret: expect.any(String) });
      expect(await apps()).toHaveLength(1);
    });

    test("refuses an app of another type, which Logto cannot change", async () => {
      const { body } = await sandbox.api("POST", "/api/applications", { name: "SPA", type: "SPA" });

      await expect(provider.create(args({ adoptId: (body as { id: string }).id }))).rejects.toThrow(/is a SPA app, not Traditional/);
    });

    test("refuses an id Logto does not have", async () => {
      await expect(provider.create(args({ adoptId: "nope" }))).rejects.toThrow(/Logto has no application nope/);
    });

    test("is refused once the resource exists in state", async () => {
      const { failures } = await provider.check!(args() as never, args({ adoptId: "abc" }) as never);

      expect(failures).toEqual([expect.objectContaining({ property: "adoptId", reason: expect.stringMatching(/only when the resource is created/) })]);
    });
  });
});
