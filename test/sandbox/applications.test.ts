import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { fetchAllScopeToken, send } from "./helpers";

type App = Record<string, any> & { id: string };

describe("sandbox /api/applications", () => {
  let sandbox: Sandbox;
  const create = async (body: Record<string, unknown>) => (await sandbox.api("POST", "/api/applications", body)).body as App;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  test("POST is 200 with a 21-char id and an internal secret; Traditional apps get a Default secret", async () => {
    const response = await sandbox.api("POST", "/api/applications", {
      name: "Shop",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: ["https://shop.example.com/cb"], postLogoutRedirectUris: [] },
    });
    expect(response.status).toBe(200);
    const app = response.body as App;
    expect(app.id).toMatch(/^[0-9a-z]{21}$/);
    expect(app.secret).toMatch(/^#internal:/);
    expect(Object.keys(app).sort()).toEqual(
      ["appLevelAccessControlEnabled", "createdAt", "customClientMetadata", "customData", "description", "id", "isThirdParty",
        "name", "oidcClientMetadata", "protectedAppMetadata", "secret", "tenantId", "type"].sort(),
    );
    expect(app).toMatchObject({ customClientMetadata: {}, customData: {}, isThirdParty: false, description: null });

    const secrets = await sandbox.api("GET", `/api/applications/${app.id}/secrets`);
    expect(secrets.status).toBe(200);
    expect(secrets.body).toEqual([
      { tenantId: "default", applicationId: app.id, name: "Default secret", value: expect.stringMatching(/^[0-9a-z]{32}$/), createdAt: expect.any(Number), expiresAt: null },
    ]);
  });

  test("SPA apps get no secret", async () => {
    const app = await create({ name: "spa", type: "SPA" });
    expect((await sandbox.api("GET", `/api/applications/${app.id}/secrets`)).body).toEqual([]);
  });

  test("GET by id adds isAdmin: false", async () => {
    const app = await create({ name: "x", type: "Traditional" });
    const response = await sandbox.api("GET", `/api/applications/${app.id}`);
    expect(response.body).toEqual({ ...app, isAdmin: false });
  });

  test("guard failures are 400 guard.invalid_input with zod data and details", async () => {
    const badUri = await sandbox.api("POST", "/api/applications", {
      name: "x",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: ["not a url"], postLogoutRedirectUris: [] },
    });
    expect(badUri.status).toBe(400);
    expect(badUri.body).toMatchObject({ code: "guard.invalid_input", message: "The request body is invalid.", data: { name: "ZodError" } });
    expect((badUri.body as any).data.issues[0].path).toEqual(["oidcClientMetadata", "redirectUris", 0]);

    const badType = await sandbox.api("POST", "/api/applications", { name: "x", type: "Foo" });
    const issue = (badType.body as any).data.issues[0];
    expect(issue).toMatchObject({ code: "invalid_enum_value", path: ["type"] });
    expect(issue.options).toEqual(["Native", "SPA", "Traditional", "MachineToMachine", "Protected", "SAML"]);

    const noName = await sandbox.api("POST", "/api/applications", { type: "SPA" });
    expect((noName.body as any).data.issues[0].path).toEqual(["name"]);
    expect((noName.body as any).details).toBe('Error in key path "name": (invalid_type) Expected string but received undefined.');

    const onlyRedirects = await sandbox.api("POST", "/api/applications", { name: "x", type: "SPA", oidcClientMetadata: { redirectUris: [] } });
    expect(onlyRedirects.status).toBe(400);
  });

  test("PATCH: type and isThirdParty are silently stripped, arrays replaced, JSONB objects shallow-merged", async () => {
    const app = await create({
      name: "web",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: ["https://a.example.com/cb", "https://b.example.com/cb"], postLogoutRedirectUris: ["https://a.example.com"] },
      customClientMetadata: { corsAllowedOrigins: ["https://a.example.com"], idTokenTtl: 3600 },
      customData: { team: "shop", tier: 1 },
    });
    const response = await sandbox.api("PATCH", `/api/applications/${app.id}`, {
      type: "SPA",
      isThirdParty: true,
      oidcClientMetadata: { redirectUris: ["https://c.example.com/cb"] },
      customClientMetadata: { idTokenTtl: 600 },
      customData: { tier: 2 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      type: "Traditional",
      isThirdParty: false,
      // Logto's updateApplicationById uses jsonbMode 'merge' (Postgres `||`): top-level keys of the
      // stored object survive, arrays are replaced as sent.
      oidcClientMetadata: { redirectUris: ["https://c.example.com/cb"], postLogoutRedirectUris: ["https://a.example.com"] },
      customClientMetadata: { corsAllowedOrigins: ["https://a.example.com"], idTokenTtl: 600 },
      customData: { team: "shop", tier: 2 },
    });
  });

  test("PATCH isDeviceFlow after creation is 422, isAdmin toggles the internal admin role", async () => {
    const app = await create({ name: "m2m", type: "MachineToMachine" });
    const flip = await sandbox.api("PATCH", `/api/applications/${app.id}`, { customClientMetadata: { isDeviceFlow: true } });
    expect(flip.status).toBe(422);
    expect(flip.body).toMatchObject({ code: "application.device_flow_not_changeable" });
    await sandbox.api("PATCH", `/api/applications/${app.id}`, { isAdmin: true });
    expect((await sandbox.api("GET", `/api/applications/${app.id}`)).body).toMatchObject({ isAdmin: true });
  });

  test("DELETE is 204 with an empty body, then 404 entity.not_exists_with_id", async () => {
    const app = await create({ name: "gone", type: "SPA" });
    const first = await sandbox.api("DELETE", `/api/applications/${app.id}`);
    expect(first.status).toBe(204);
    expect(first.body).toBeUndefined();
    const second = await sandbox.api("DELETE", `/api/applications/${app.id}`);
    expect(second.status).toBe(404);
    expect(second.body).toEqual({
      code: "entity.not_exists_with_id",
      message: `The applications with ID \`${app.id}\` does not exist.`,
    });
    expect((await sandbox.api("GET", `/api/applications/${app.id}`)).status).toBe(404);
  });

  test("secrets: POST 201, duplicate name 422, expiresAt in the past 400", async () => {
    const app = await create({ name: "web", type: "Traditional" });
    const created = await sandbox.api("POST", `/api/applications/${app.id}/secrets`, { name: "ci" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "ci", applicationId: app.id, expiresAt: null });
    const duplicate = await sandbox.api("POST", `/api/applications/${app.id}/secrets`, { name: "ci" });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body).toEqual({ code: "application.secret_name_exists", message: "Secret name already exists." });
    const past = await sandbox.api("POST", `/api/applications/${app.id}/secrets`, { name: "old", expiresAt: Date.now() - 1000 });
    expect(past.status).toBe(400);
    expect(past.body).toEqual({ code: "request.invalid_input", message: "Input is invalid. The value of `expiresAt` must be in the future." });
  });

  test("the list is unpaginated without page/page_size, newest first", async () => {
    const first = await create({ name: "one", type: "SPA" });
    const second = await create({ name: "two", type: "SPA" });
    const response = await sandbox.api("GET", "/api/applications");
    expect(response.headers["total-number"]).toBeUndefined();
    const ids = (response.body as App[]).map(({ id }) => id);
    expect(ids.slice(0, 2)).toEqual([second.id, first.id]);
    expect(ids).toContain(sandbox.appId);
  });

  test("pagination: Total-Number and Link headers; bad values are 400 guard.invalid_pagination", async () => {
    for (const name of ["a", "b", "c", "d"]) {
      await create({ name, type: "SPA" });
    }
    const page = await sandbox.api("GET", "/api/applications?page=2&page_size=2");
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers["total-number"]).toBe("5");
    // One Link header line per rel (fetch joins them with ", "); Logto's router is mounted under
    // /api, so the links lack that prefix (observed on v1.41.0).
    const links = page.headers.link!.split(", ");
    expect(links).toEqual([
      `<${sandbox.endpoint}/applications?page=1&page_size=2>; rel="first"`,
      `<${sandbox.endpoint}/applications?page=3&page_size=2>; rel="last"`,
      `<${sandbox.endpoint}/applications?page=1&page_size=2>; rel="prev"`,
      `<${sandbox.endpoint}/applications?page=3&page_size=2>; rel="next"`,
    ]);
    for (const query of ["page_size=101", "page=0", "page=abc"]) {
      const bad = await sandbox.api("GET", `/api/applications?${query}`);
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: "guard.invalid_pagination", message: "The request pagination value is invalid." });
    }
  });

  test("types filter accepts a single value or repeats", async () => {
    await create({ name: "spa", type: "SPA" });
    await create({ name: "native", type: "Native" });
    const single = (await sandbox.api("GET", "/api/applications?types=SPA")).body as App[];
    expect(single.map(({ type }) => type)).toEqual(["SPA"]);
    const both = (await sandbox.api("GET", "/api/applications?types=SPA&types=Native")).body as App[];
    expect(both).toHaveLength(2);
  });

  test("malformed JSON is 400 with a message", async () => {
    const token = await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret);
    const response = await send(`${sandbox.endpoint}/api/applications`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ message: expect.any(String) });
  });
});
