// API resources, scopes (permissions), roles, role scopes, role applications and application roles
// of the sandbox, as observed on a real Logto OSS v1.41.0 (shared/logto-rbac-org-facts.md §0–4).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { fixtureCredentials } from "../fixtures/upgrade/fixture";
import { spawnSandbox, type ApiResponse, type Sandbox } from "../support/sandbox";
import { basic, bearerCall, fetchAllScopeToken, managementApi, requestToken } from "./helpers";

type Row = Record<string, any> & { id: string };

const accessRoleName = "Logto Management API access";
const notFound = { code: "entity.not_found", message: "The resource does not exist." };
const invalidInput = { code: "entity.invalid_input", message: "Invalid input. Value list must not be empty." };
const notExistsWithId = (table: string, id: string) => ({
  code: "entity.not_exists_with_id",
  message: `The ${table} with ID \`${id}\` does not exist.`,
});

describe("sandbox API resources, scopes and roles", () => {
  let sandbox: Sandbox;
  const api = (method: string, route: string, body?: unknown) => sandbox.api(method, route, body);
  const created = async (method: string, route: string, body: unknown, status = 201) => {
    const response = await api(method, route, body);
    expect({ route, status: response.status, body: response.body }).toMatchObject({ route, status });
    return response.body as Row;
  };
  const createResource = (name: string, indicator = `https://${name}.example.com`) =>
    created("POST", "/api/resources", { name, indicator });
  const createScope = (resourceId: string, name: string) => created("POST", `/api/resources/${resourceId}/scopes`, { name });
  const createRole = (name: string, extra: Record<string, unknown> = {}) =>
    created("POST", "/api/roles", { name, description: `${name} role`, ...extra }, 200);
  const createApp = (name: string, type = "MachineToMachine") => created("POST", "/api/applications", { name, type }, 200);
  const names = (response: ApiResponse) => (response.body as Row[]).map(({ name }) => name).sort();
  const accessRole = async () =>
    ((await api("GET", `/api/roles?search=${encodeURIComponent(accessRoleName)}`)).body as Row[])[0]!;

  beforeAll(async () => {
    sandbox = await spawnSandbox();
  });
  afterAll(() => sandbox?.stop());
  beforeEach(() => sandbox.reset());

  describe("the seeded default tenant", () => {
    test("the Management API resource, its `all` scope and the M2M access role held by the sandbox's app", async () => {
      const resources = await api("GET", "/api/resources?includeScopes=true");
      expect(resources.headers["total-number"]).toBeUndefined();
      expect(resources.body).toEqual([
        {
          tenantId: "default",
          id: "management-api",
          name: "Logto Management API",
          indicator: managementApi,
          isDefault: false,
          accessTokenTtl: 3600,
          scopes: [
            {
              tenantId: "default",
              id: "management-api-all",
              resourceId: "management-api",
              name: "all",
              description: "Default scope for Management API, allows all permissions.",
              createdAt: expect.any(Number),
            },
          ],
        },
      ]);

      const roles = await api("GET", "/api/roles");
      expect(roles.headers["total-number"]).toBe("1");
      expect(roles.body).toEqual([
        {
          tenantId: "default",
          id: expect.stringMatching(/^[0-9a-z]{21}$/),
          name: accessRoleName,
          description: "This default role grants access to the Logto management API.",
          type: "MachineToMachine",
          isDefault: false,
          usersCount: 0,
          featuredUsers: [],
          applicationsCount: 1,
          featuredApplications: [{ id: sandbox.appId, name: "Sandbox Management API client", type: "MachineToMachine" }],
        },
      ]);
      const [role] = roles.body as Row[];
      expect(names(await api("GET", `/api/applications/${sandbox.appId}/roles`))).toEqual([accessRoleName]);
      const scopes = (await api("GET", `/api/roles/${role!.id}/scopes`)).body as Row[];
      expect(scopes.map(({ id, resource }) => [id, resource.id])).toEqual([["management-api-all", "management-api"]]);
    });

    test("the internal admin role exists by id but is never listed", async () => {
      const internal = await api("GET", "/api/roles/admin-role");
      expect(internal.body).toEqual({
        tenantId: "default",
        id: "admin-role",
        name: "#internal:admin",
        description: "Internal admin role for Logto tenant default.",
        type: "MachineToMachine",
        isDefault: false,
      });
      expect(names(await api("GET", "/api/roles?search=%25internal%25"))).toEqual([]);
      const taken = await api("POST", "/api/roles", { name: "#internal:admin", description: "x" });
      expect([taken.status, (taken.body as Row).code]).toEqual([422, "role.name_in_use"]);
    });
  });

  describe("/api/resources", () => {
    test("POST is 201 with scopes: [], a 21-char id and defaults; isDefault in the body is ignored", async () => {
      const response = await api("POST", "/api/resources", { name: "Orders", indicator: "https://orders.example.com", isDefault: true });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        tenantId: "default",
        id: expect.stringMatching(/^[0-9a-z]{21}$/),
        name: "Orders",
        indicator: "https://orders.example.com",
        isDefault: false,
        accessTokenTtl: 3600,
        scopes: [],
      });
      const { id } = response.body as Row;
      const fetched = await api("GET", `/api/resources/${id}`);
      expect(fetched.body).toEqual({ ...(response.body as Row), scopes: undefined });
      expect(Object.keys(fetched.body as Row)).not.toContain("scopes");
    });

    test("the indicator is not URL-validated; accessTokenTtl takes 0 and negatives, a fraction is 422", async () => {
      expect((await api("POST", "/api/resources", { name: "x", indicator: "not a url at all" })).status).toBe(201);
      for (const accessTokenTtl of [0, -5]) {
        const response = await api("POST", "/api/resources", { name: "ttl", indicator: `ttl-${accessTokenTtl}`, accessTokenTtl });
        expect([response.status, (response.body as Row).accessTokenTtl]).toEqual([201, accessTokenTtl]);
      }
      const fraction = await api("POST", "/api/resources", { name: "ttl", indicator: "ttl-fraction", accessTokenTtl: 1.5 });
      expect([fraction.status, fraction.body]).toEqual([422, invalidInput]);
      expect(names(await api("GET", "/api/resources"))).not.toContain("ttl-fraction");
      const text = await api("POST", "/api/resources", { name: "ttl", indicator: "ttl-text", accessTokenTtl: "60" });
      expect([text.status, (text.body as Row).code]).toEqual([400, "guard.invalid_input"]);
    });

    test("missing or empty name and indicator are 400 guard errors on their path", async () => {
      const noIndicator = await api("POST", "/api/resources", { name: "x" });
      expect([noIndicator.status, (noIndicator.body as any).data.issues[0].path]).toEqual([400, ["indicator"]]);
      const noName = await api("POST", "/api/resources", { indicator: "x" });
      expect((noName.body as any).data.issues[0].path).toEqual(["name"]);
      const empty = await api("POST", "/api/resources", { name: "", indicator: "y" });
      expect([empty.status, (empty.body as any).data.issues[0].code]).toEqual([400, "too_small"]);
    });

    test("the indicator is unique by exact string: 422 resource.resource_identifier_in_use", async () => {
      await createResource("orders", "https://orders.example.com");
      const duplicate = await api("POST", "/api/resources", { name: "again", indicator: "https://orders.example.com" });
      expect([duplicate.status, duplicate.body]).toEqual([
        422,
        { code: "resource.resource_identifier_in_use", message: "The API identifier https://orders.example.com is already in use" },
      ]);
      expect((await api("POST", "/api/resources", { name: "slash", indicator: "https://orders.example.com/" })).status).toBe(201);
      expect((await api("POST", "/api/resources", { name: "mapi", indicator: managementApi })).status).toBe(422);
    });

    test("GET, PATCH and DELETE of a missing id are 404 entity.not_exists_with_id", async () => {
      for (const [method, body] of [["GET"], ["PATCH", { name: "x" }], ["DELETE"]] as const) {
        const response = await api(method, "/api/resources/nope", body);
        expect([method, response.status, response.body]).toEqual([method, 404, notExistsWithId("resources", "nope")]);
      }
    });

    test("PATCH changes name and accessTokenTtl and ignores indicator; {} is 422 entity.invalid_input", async () => {
      const resource = await createResource("orders");
      const patched = await api("PATCH", `/api/resources/${resource.id}`, { name: "Orders 2", accessTokenTtl: 60, indicator: "https://other.example.com" });
      expect([patched.status, patched.body]).toEqual([
        200,
        { tenantId: "default", id: resource.id, name: "Orders 2", indicator: resource.indicator, isDefault: false, accessTokenTtl: 60 },
      ]);
      const empty = await api("PATCH", `/api/resources/${resource.id}`, {});
      expect([empty.status, empty.body]).toEqual([422, invalidInput]);
      const onlyIndicator = await api("PATCH", `/api/resources/${resource.id}`, { indicator: "https://other.example.com" });
      expect(onlyIndicator.status).toBe(422);
      const fraction = await api("PATCH", `/api/resources/${resource.id}`, { accessTokenTtl: 2.5 });
      expect([fraction.status, fraction.body]).toEqual([422, invalidInput]);
    });

    test("is-default: one default per tenant, false clears it, the Management API can be toggled", async () => {
      const first = await createResource("first");
      const second = await createResource("second");
      expect((await api("PATCH", `/api/resources/${first.id}/is-default`, { isDefault: true })).body).toMatchObject({ id: first.id, isDefault: true });
      const switched = await api("PATCH", `/api/resources/${second.id}/is-default`, { isDefault: true });
      expect([switched.status, (switched.body as Row).isDefault]).toEqual([200, true]);
      expect((await api("GET", `/api/resources/${first.id}`)).body).toMatchObject({ isDefault: false });

      const cleared = await api("PATCH", `/api/resources/${second.id}/is-default`, { isDefault: false });
      expect([cleared.status, (cleared.body as Row).isDefault]).toEqual([200, false]);
      const mapi = await api("PATCH", "/api/resources/management-api/is-default", { isDefault: true });
      expect([mapi.status, (mapi.body as Row).isDefault]).toEqual([200, true]);
      const defaults = ((await api("GET", "/api/resources")).body as Row[]).filter(({ isDefault }) => isDefault);
      expect(defaults.map(({ id }) => id)).toEqual(["management-api"]);

      expect((await api("PATCH", `/api/resources/${first.id}/is-default`, {})).status).toBe(400);
      const missingTrue = await api("PATCH", "/api/resources/nope/is-default", { isDefault: true });
      expect([missingTrue.status, missingTrue.body]).toEqual([404, { code: "entity.not_exists", message: "The resource does not exist." }]);
      const missingFalse = await api("PATCH", "/api/resources/nope/is-default", { isDefault: false });
      expect([missingFalse.status, missingFalse.body]).toEqual([404, notExistsWithId("resources", "nope")]);
      // A failed `true` rolled back: the Management API is still the default.
      expect((await api("GET", "/api/resources/management-api")).body).toMatchObject({ isDefault: true });
    });

    test("the Management API resource cannot be patched, deleted or given scopes", async () => {
      const patch = await api("PATCH", "/api/resources/management-api", { name: "mine" });
      expect([patch.status, patch.body]).toEqual([400, { code: "resource.cannot_modify_management_api", message: "Cannot modify Logto Management API." }]);
      const remove = await api("DELETE", "/api/resources/management-api");
      expect([remove.status, remove.body]).toEqual([400, { code: "resource.cannot_delete_management_api", message: "Cannot delete Logto Management API." }]);
      const scope = await api("POST", "/api/resources/management-api/scopes", { name: "read:everything" });
      expect([scope.status, (scope.body as Row).code]).toEqual([400, "resource.cannot_modify_management_api"]);
    });

    test("DELETE is 204, then 404; its scopes and their role links go with it", async () => {
      const resource = await createResource("orders");
      const scope = await createScope(resource.id, "read:orders");
      const role = await createRole("reader", { type: "MachineToMachine", scopeIds: [scope.id] });
      const removed = await api("DELETE", `/api/resources/${resource.id}`);
      expect([removed.status, removed.body]).toEqual([204, undefined]);
      expect((await api("DELETE", `/api/resources/${resource.id}`)).body).toEqual(notExistsWithId("resources", resource.id));
      const scopes = await api("GET", `/api/resources/${resource.id}/scopes`);
      expect([scopes.status, scopes.body, scopes.headers["total-number"]]).toEqual([200, [], "0"]);
      expect((await api("GET", `/api/roles/${role.id}/scopes`)).body).toEqual([]);
    });

    test("the list has optional pagination", async () => {
      await createResource("a");
      await createResource("b");
      const all = await api("GET", "/api/resources");
      expect([(all.body as Row[]).length, all.headers["total-number"], all.headers.link]).toEqual([3, undefined, undefined]);
      const page = await api("GET", "/api/resources?page=2&page_size=2");
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([1, "3"]);
      expect((await api("GET", "/api/resources?page_size=101")).status).toBe(400);
    });
  });

  describe("/api/resources/:resourceId/scopes", () => {
    test("POST is 201 with description null when omitted; names are unique per resource", async () => {
      const orders = await createResource("orders");
      const other = await createResource("other");
      const response = await api("POST", `/api/resources/${orders.id}/scopes`, { name: "read:orders" });
      expect([response.status, response.body]).toEqual([
        201,
        { tenantId: "default", id: expect.stringMatching(/^[0-9a-z]{21}$/), resourceId: orders.id, name: "read:orders", description: null, createdAt: expect.any(Number) },
      ]);
      const duplicate = await api("POST", `/api/resources/${orders.id}/scopes`, { name: "read:orders", description: "again" });
      expect([duplicate.status, duplicate.body]).toEqual([422, { code: "scope.name_exists", message: "The scope name read:orders is already in use" }]);
      expect((await api("POST", `/api/resources/${other.id}/scopes`, { name: "read:orders" })).status).toBe(201);
    });

    test("whitespace is 400 scope.name_with_space; an unknown resource is 404", async () => {
      const orders = await createResource("orders");
      const spaced = await api("POST", `/api/resources/${orders.id}/scopes`, { name: "read orders" });
      expect([spaced.status, spaced.body]).toEqual([400, { code: "scope.name_with_space", message: "The name of the scope cannot contain any spaces." }]);
      const unknown = await api("POST", "/api/resources/nope/scopes", { name: "read" });
      expect([unknown.status, unknown.body]).toEqual([404, notExistsWithId("resources", "nope")]);
    });

    test("PATCH renames and takes a null description; clashes, spaces, {} and unknown scopes fail", async () => {
      const orders = await createResource("orders");
      const read = await created("POST", `/api/resources/${orders.id}/scopes`, { name: "read", description: "Read" });
      await createScope(orders.id, "write");
      const patched = await api("PATCH", `/api/resources/${orders.id}/scopes/${read.id}`, { name: "read:all", description: null });
      expect([patched.status, patched.body]).toEqual([200, { ...read, name: "read:all", description: null }]);
      expect((await api("PATCH", `/api/resources/${orders.id}/scopes/${read.id}`, { name: "write" })).status).toBe(422);
      expect((await api("PATCH", `/api/resources/${orders.id}/scopes/${read.id}`, { name: "a b" })).body).toMatchObject({ code: "scope.name_with_space" });
      const empty = await api("PATCH", `/api/resources/${orders.id}/scopes/${read.id}`, {});
      expect([empty.status, empty.body]).toEqual([422, invalidInput]);
      const unknown = await api("PATCH", `/api/resources/${orders.id}/scopes/nope`, { name: "x" });
      expect([unknown.status, unknown.body]).toEqual([404, { code: "entity.not_exists", message: "The scope does not exist." }]);
    });

    test("PATCH and DELETE look the scope up by id only, whatever resource the path names", async () => {
      const orders = await createResource("orders");
      const other = await createResource("other");
      const read = await createScope(orders.id, "read");
      const patched = await api("PATCH", `/api/resources/${other.id}/scopes/${read.id}`, { description: "through other" });
      expect([patched.status, (patched.body as Row).resourceId]).toEqual([200, orders.id]);
      expect((await api("DELETE", `/api/resources/${other.id}/scopes/${read.id}`)).status).toBe(204);
      expect((await api("GET", `/api/resources/${orders.id}/scopes`)).body).toEqual([]);
      const again = await api("DELETE", `/api/resources/${orders.id}/scopes/${read.id}`);
      expect([again.status, again.body]).toEqual([404, notFound]);
    });

    test("GET is always paginated (20 by default); an unknown resource is 200 [] with Total-Number 0", async () => {
      const orders = await createResource("orders");
      for (let index = 0; index < 21; index += 1) {
        await createScope(orders.id, `scope:${index}`);
      }
      const first = await api("GET", `/api/resources/${orders.id}/scopes`);
      expect([(first.body as Row[]).length, first.headers["total-number"]]).toEqual([20, "21"]);
      const last = await api("GET", `/api/resources/${orders.id}/scopes?page=2`);
      expect((last.body as Row[]).length).toBe(1);
      const unknown = await api("GET", "/api/resources/nope/scopes");
      expect([unknown.status, unknown.body, unknown.headers["total-number"]]).toEqual([200, [], "0"]);
      const searched = await api("GET", `/api/resources/${orders.id}/scopes?search=SCOPE:1%25`);
      expect(names(searched)).toEqual(["scope:1", "scope:10", "scope:11", "scope:12", "scope:13", "scope:14", "scope:15", "scope:16", "scope:17", "scope:18", "scope:19"]);
    });

    test("DELETE removes the scope from the roles holding it", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read");
      const write = await createScope(orders.id, "write");
      const role = await createRole("editor", { scopeIds: [read.id, write.id] });
      await api("DELETE", `/api/resources/${orders.id}/scopes/${read.id}`);
      expect(names(await api("GET", `/api/roles/${role.id}/scopes`))).toEqual(["write"]);
    });
  });

  describe("/api/roles", () => {
    test("POST answers 200 with the role; User is the default type and isDefault is accepted", async () => {
      const response = await api("POST", "/api/roles", { name: "viewer", description: "Views" });
      expect([response.status, response.body]).toEqual([
        200,
        { tenantId: "default", id: expect.stringMatching(/^[0-9a-z]{21}$/), name: "viewer", description: "Views", type: "User", isDefault: false },
      ]);
      expect((await createRole("member", { isDefault: true })).isDefault).toBe(true);
    });

    test("names are unique across types; description is required; unknown types are 400", async () => {
      await createRole("viewer");
      const taken = await api("POST", "/api/roles", { name: "viewer", description: "x", type: "MachineToMachine" });
      expect([taken.status, taken.body]).toEqual([422, { code: "role.name_in_use", message: "This role name viewer is already in use" }]);
      const noDescription = await api("POST", "/api/roles", { name: "x" });
      expect([noDescription.status, (noDescription.body as any).data.issues[0].path]).toEqual([400, ["description"]]);
      expect((await api("POST", "/api/roles", { name: "x", description: "x", type: "Robot" })).status).toBe(400);
    });

    test("POST with scopeIds is not atomic: a refused scope leaves the role created", async () => {
      const unknown = await api("POST", "/api/roles", { name: "ghost", description: "x", scopeIds: ["nope"] });
      expect([unknown.status, unknown.body]).toEqual([404, notExistsWithId("scopes", "nope")]);
      expect(names(await api("GET", "/api/roles?search=ghost"))).toEqual(["ghost"]);
      expect((await api("POST", "/api/roles", { name: "ghost", description: "x" })).status).toBe(422);

      const userAdmin = await api("POST", "/api/roles", { name: "user admin", description: "x", scopeIds: ["management-api-all"] });
      expect([userAdmin.status, userAdmin.body]).toEqual([
        400,
        { code: "role.management_api_scopes_not_assignable_to_user_role", message: "Cannot assign Management API scopes to a user role." },
      ]);
      const [kept] = (await api("GET", "/api/roles?search=user%20admin")).body as Row[];
      expect(kept).toMatchObject({ name: "user admin", type: "User" });
      expect((await api("GET", `/api/roles/${kept!.id}/scopes`)).body).toEqual([]);

      const robot = await createRole("robot admin", { type: "MachineToMachine", scopeIds: ["management-api-all"] });
      expect(((await api("GET", `/api/roles/${robot.id}/scopes`)).body as Row[]).map(({ id }) => id)).toEqual(["management-api-all"]);
    });

    test("PATCH ignores type, refuses a taken name and {}; GET/PATCH/DELETE of a missing id are 404", async () => {
      const role = await createRole("viewer");
      await createRole("editor");
      const patched = await api("PATCH", `/api/roles/${role.id}`, { description: "Sees", type: "MachineToMachine", isDefault: true });
      expect([patched.status, patched.body]).toEqual([200, { ...role, description: "Sees", isDefault: true }]);
      expect((await api("PATCH", `/api/roles/${role.id}`, { name: "viewer" })).status).toBe(200);
      expect((await api("PATCH", `/api/roles/${role.id}`, { name: "editor" })).body).toMatchObject({ code: "role.name_in_use" });
      expect((await api("PATCH", `/api/roles/${role.id}`, { type: "MachineToMachine" })).body).toEqual(invalidInput);
      const robot = await createRole("robot", { type: "MachineToMachine" });
      expect((await api("PATCH", `/api/roles/${robot.id}`, { isDefault: true })).body).toMatchObject({ isDefault: true });
      for (const [method, body] of [["GET"], ["PATCH", { name: "x" }], ["DELETE"]] as const) {
        expect((await api(method, "/api/roles/nope", body)).body).toEqual(notExistsWithId("roles", "nope"));
      }
    });

    test("GET is always paginated, filters by type and searches names with a case-insensitive LIKE", async () => {
      await createRole("Order Reader");
      await createRole("order writer", { type: "MachineToMachine" });
      await createRole("reader of orders");
      const all = await api("GET", "/api/roles?page_size=2");
      expect([(all.body as Row[]).length, all.headers["total-number"]]).toEqual([2, "4"]);
      expect(names(await api("GET", "/api/roles?type=User"))).toEqual(["Order Reader", "reader of orders"]);
      expect(names(await api("GET", "/api/roles?type=MachineToMachine"))).toEqual([accessRoleName, "order writer"].sort());
      const badType = await api("GET", "/api/roles?type=Robot");
      expect([badType.status, (badType.body as Row).code, (badType.body as Row).message]).toEqual([400, "guard.invalid_input", "The request query is invalid."]);
      expect(names(await api("GET", "/api/roles?search=order"))).toEqual([]);
      expect(names(await api("GET", "/api/roles?search=ORDER%20READER"))).toEqual(["Order Reader"]);
      expect(names(await api("GET", "/api/roles?search=order%25"))).toEqual(["Order Reader", "order writer"]);
      expect(names(await api("GET", "/api/roles?search=%25order%25"))).toEqual(["Order Reader", "order writer", "reader of orders"]);
      const badSearch = await api("GET", "/api/roles?search=a&search=b");
      expect([badSearch.status, (badSearch.body as Row).code]).toEqual([400, "request.invalid_input"]);
    });

    test("list items count and feature the applications holding the role; excludeApplicationId filters", async () => {
      const role = await createRole("robot", { type: "MachineToMachine" });
      const apps = [await createApp("one"), await createApp("two"), await createApp("three"), await createApp("four")];
      await created("POST", `/api/roles/${role.id}/applications`, { applicationIds: apps.map(({ id }) => id) });
      const [item] = (await api("GET", "/api/roles?search=robot")).body as Row[];
      expect(item).toMatchObject({ usersCount: 0, featuredUsers: [], applicationsCount: 4 });
      expect(item!.featuredApplications).toEqual(apps.slice(0, 3).map(({ id, name }) => ({ id, name, type: "MachineToMachine" })));
      expect(names(await api("GET", `/api/roles?type=MachineToMachine&excludeApplicationId=${apps[0]!.id}`))).toEqual([accessRoleName]);
    });

    test("DELETE is 204; the role leaves its applications", async () => {
      const role = await createRole("robot", { type: "MachineToMachine" });
      const app = await createApp("worker");
      await created("POST", `/api/applications/${app.id}/roles`, { roleIds: [role.id] });
      expect((await api("DELETE", `/api/roles/${role.id}`)).status).toBe(204);
      expect((await api("GET", `/api/applications/${app.id}/roles`)).body).toEqual([]);
      expect((await api("DELETE", `/api/roles/${role.id}`)).status).toBe(404);
    });
  });

  describe("/api/roles/:id/scopes", () => {
    test("GET has optional pagination and gives each scope its resource", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read");
      const write = await createScope(orders.id, "write");
      const role = await createRole("editor", { scopeIds: [read.id, write.id] });
      const all = await api("GET", `/api/roles/${role.id}/scopes`);
      expect(all.headers["total-number"]).toBeUndefined();
      expect((all.body as Row[]).find(({ id }) => id === read.id)).toEqual({ ...read, resource: { ...orders, scopes: undefined } });
      const paged = await api("GET", `/api/roles/${role.id}/scopes?page=1&page_size=1`);
      expect([(paged.body as Row[]).length, paged.headers["total-number"]]).toEqual([1, "2"]);
      expect((await api("GET", "/api/roles/nope/scopes")).body).toEqual(notExistsWithId("roles", "nope"));
    });

    test("POST is 201 with every scope of the role, without resources", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read");
      const write = await createScope(orders.id, "write");
      const role = await createRole("editor", { scopeIds: [read.id] });
      const response = await api("POST", `/api/roles/${role.id}/scopes`, { scopeIds: [write.id] });
      expect(response.status).toBe(201);
      expect((response.body as Row[]).sort((a, b) => a.name.localeCompare(b.name))).toEqual([read, write]);
    });

    test("POST refuses linked ids (nothing added), unknown ids, Management API scopes on User roles and []", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read");
      const write = await createScope(orders.id, "write");
      const role = await createRole("editor", { scopeIds: [read.id] });
      const linked = await api("POST", `/api/roles/${role.id}/scopes`, { scopeIds: [write.id, read.id] });
      expect([linked.status, linked.body]).toEqual([422, { code: "role.scope_exists", message: `The scope id ${read.id} has already been added to this role` }]);
      expect(names(await api("GET", `/api/roles/${role.id}/scopes`))).toEqual(["read"]);
      expect((await api("POST", `/api/roles/${role.id}/scopes`, { scopeIds: ["nope"] })).body).toEqual(notExistsWithId("scopes", "nope"));
      const mapi = await api("POST", `/api/roles/${role.id}/scopes`, { scopeIds: ["management-api-all"] });
      expect([mapi.status, (mapi.body as Row).code]).toEqual([400, "role.management_api_scopes_not_assignable_to_user_role"]);
      expect((await api("POST", `/api/roles/${role.id}/scopes`, { scopeIds: [] })).status).toBe(400);
      expect((await api("POST", "/api/roles/nope/scopes", { scopeIds: [write.id] })).body).toEqual(notExistsWithId("roles", "nope"));
    });

    test("DELETE is 204; a scope the role lacks is 404 entity.not_found", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read");
      const role = await createRole("editor", { scopeIds: [read.id] });
      expect((await api("DELETE", `/api/roles/${role.id}/scopes/${read.id}`)).status).toBe(204);
      const again = await api("DELETE", `/api/roles/${role.id}/scopes/${read.id}`);
      expect([again.status, again.body]).toEqual([404, notFound]);
    });
  });

  describe("/api/roles/:id/applications", () => {
    test("POST is 201 (text Created); GET is always paginated; DELETE is 204 then 404", async () => {
      const role = await createRole("robot", { type: "MachineToMachine" });
      const app = await createApp("worker");
      const response = await api("POST", `/api/roles/${role.id}/applications`, { applicationIds: [app.id] });
      expect([response.status, response.body, response.headers["content-type"]]).toEqual([201, "Created", "text/plain; charset=utf-8"]);
      const listed = await api("GET", `/api/roles/${role.id}/applications`);
      expect([(listed.body as Row[]).map(({ id }) => id), listed.headers["total-number"]]).toEqual([[app.id], "1"]);
      expect((listed.body as Row[])[0]).toMatchObject({ name: "worker", secret: expect.stringMatching(/^#internal:/) });
      const others = (await api("GET", `/api/applications?excludeRoleId=${role.id}`)).body as Row[];
      expect(others.map(({ id }) => id)).toEqual([sandbox.appId]);
      expect((await api("DELETE", `/api/roles/${role.id}/applications/${app.id}`)).status).toBe(204);
      expect((await api("DELETE", `/api/roles/${role.id}/applications/${app.id}`)).body).toEqual(notFound);
    });

    test("a User role is a 422 check-constraint violation; an app already holding the role is 422", async () => {
      const userRole = await createRole("people");
      const app = await createApp("worker");
      const refused = await api("POST", `/api/roles/${userRole.id}/applications`, { applicationIds: [app.id] });
      expect([refused.status, refused.body]).toEqual([422, { code: "entity.db_constraint_violated", message: "Database constraint violated." }]);
      const role = await createRole("robot", { type: "MachineToMachine" });
      await api("POST", `/api/roles/${role.id}/applications`, { applicationIds: [app.id] });
      const again = await api("POST", `/api/roles/${role.id}/applications`, { applicationIds: [app.id] });
      // Logto interpolates `userId`, so the placeholder stays in the message.
      expect([again.status, again.body]).toEqual([
        422,
        { code: "role.application_exists", message: "The application id {{applicationId}} is already been added to this role" },
      ]);
      expect((await api("POST", `/api/roles/${role.id}/applications`, { applicationIds: ["nope"] })).body).toEqual(notExistsWithId("applications", "nope"));
    });
  });

  describe("/api/applications/:id/roles", () => {
    test("POST is 201 { roleIds, addedRoleIds }: input echoed, only new ids added, re-adding is fine", async () => {
      const app = await createApp("worker");
      const one = await createRole("one", { type: "MachineToMachine" });
      const two = await createRole("two", { type: "MachineToMachine" });
      const first = await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [one.id, one.id] });
      expect([first.status, first.body]).toEqual([201, { roleIds: [one.id, one.id], addedRoleIds: [one.id] }]);
      const second = await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [one.id, two.id] });
      expect(second.body).toEqual({ roleIds: [one.id, two.id], addedRoleIds: [two.id] });
      expect((await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [] })).body).toEqual({ roleIds: [], addedRoleIds: [] });
      const listed = await api("GET", `/api/applications/${app.id}/roles`);
      expect([names(listed), listed.headers["total-number"]]).toEqual([["one", "two"], "2"]);
      expect((listed.body as Row[])[0]).toEqual(expect.objectContaining({ tenantId: "default", description: expect.any(String), isDefault: false }));
    });

    test("User roles, unknown roles and non-M2M apps are refused", async () => {
      const app = await createApp("worker");
      const userRole = await createRole("people");
      const user = await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [userRole.id] });
      expect([user.status, user.body]).toEqual([422, { code: "application.invalid_role_type", message: "Can not assign user type role to machine to machine application." }]);
      expect((await api("POST", `/api/applications/${app.id}/roles`, { roleIds: ["nope"] })).body).toEqual(notExistsWithId("roles", "nope"));
      const spa = await createApp("spa", "SPA");
      const invalidType = { code: "application.invalid_type", message: "Only machine to machine applications can have associated roles." };
      for (const method of ["GET", "POST", "PUT"]) {
        const response = await api(method, `/api/applications/${spa.id}/roles`, method === "GET" ? undefined : { roleIds: [] });
        expect([method, response.status, response.body]).toEqual([method, 422, invalidType]);
      }
      expect((await api("GET", "/api/applications/nope/roles")).body).toEqual(notExistsWithId("applications", "nope"));
    });

    test("PUT replaces the set and answers 200 text OK", async () => {
      const app = await createApp("worker");
      const one = await createRole("one", { type: "MachineToMachine" });
      const two = await createRole("two", { type: "MachineToMachine" });
      await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [one.id] });
      const response = await api("PUT", `/api/applications/${app.id}/roles`, { roleIds: [two.id] });
      expect([response.status, response.body]).toEqual([200, "OK"]);
      expect(names(await api("GET", `/api/applications/${app.id}/roles`))).toEqual(["two"]);
    });

    test("PUT is not atomic: a User role fails after the app's roles were removed", async () => {
      const app = await createApp("worker");
      const robot = await createRole("robot", { type: "MachineToMachine" });
      const userRole = await createRole("people");
      await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [robot.id] });
      const response = await api("PUT", `/api/applications/${app.id}/roles`, { roleIds: [userRole.id] });
      expect([response.status, response.body]).toEqual([422, { code: "entity.db_constraint_violated", message: "Database constraint violated." }]);
      expect((await api("GET", `/api/applications/${app.id}/roles`)).body).toEqual([]);
    });

    test("DELETE is 204; a role the app lacks is 404 entity.not_found", async () => {
      const app = await createApp("worker");
      const robot = await createRole("robot", { type: "MachineToMachine" });
      await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [robot.id] });
      expect((await api("DELETE", `/api/applications/${app.id}/roles/${robot.id}`)).status).toBe(204);
      expect((await api("DELETE", `/api/applications/${app.id}/roles/${robot.id}`)).body).toEqual(notFound);
    });

    test("deleting an application removes its role links", async () => {
      const app = await createApp("worker");
      const robot = await createRole("robot", { type: "MachineToMachine" });
      await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [robot.id] });
      await api("DELETE", `/api/applications/${app.id}`);
      expect((await api("GET", `/api/roles/${robot.id}/applications`)).body).toEqual([]);
      expect(((await api("GET", "/api/roles?search=robot")).body as Row[])[0]).toMatchObject({ applicationsCount: 0 });
    });
  });

  describe("tokens follow the app's roles", () => {
    const tokenFor = async (id: string, resource = managementApi, scope = "all") => {
      const [secret] = (await api("GET", `/api/applications/${id}/secrets`)).body as Array<{ value: string }>;
      return requestToken(sandbox.endpoint, { grant_type: "client_credentials", resource, scope }, { authorization: basic(id, secret!.value) });
    };

    test("the access role grants `all`, and losing it takes `all` away", async () => {
      const app = await createApp("worker");
      expect((await tokenFor(app.id)).body.scope).toBeUndefined();
      const role = await accessRole();
      await created("POST", `/api/applications/${app.id}/roles`, { roleIds: [role.id] });
      const granted = await tokenFor(app.id);
      expect(granted.body.scope).toBe("all");
      expect((await bearerCall(sandbox.endpoint, granted.body.access_token)("GET", "/api/roles")).status).toBe(200);
      await api("DELETE", `/api/applications/${app.id}/roles/${role.id}`);
      expect((await tokenFor(app.id)).body.scope).toBeUndefined();
    });

    test("isAdmin adds the internal admin role, which holds `all` too", async () => {
      const app = await createApp("worker");
      await api("PATCH", `/api/applications/${app.id}`, { isAdmin: true });
      expect((await api("GET", `/api/applications/${app.id}`)).body).toMatchObject({ isAdmin: true });
      expect((await tokenFor(app.id)).body.scope).toBe("all");
      expect((await api("GET", `/api/applications/${app.id}/roles`)).body).toEqual([]);
      await api("PATCH", `/api/applications/${app.id}`, { isAdmin: false });
      expect((await tokenFor(app.id)).body.scope).toBeUndefined();
    });

    test("a token for another API resource carries the scopes the app's roles hold there", async () => {
      const orders = await createResource("orders", "https://orders.example.com");
      await api("PATCH", `/api/resources/${orders.id}`, { accessTokenTtl: 120 });
      const read = await createScope(orders.id, "read:orders");
      await createScope(orders.id, "write:orders");
      const role = await createRole("reader", { type: "MachineToMachine", scopeIds: [read.id] });
      const app = await createApp("worker");
      await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [role.id] });
      const token = await tokenFor(app.id, orders.indicator, "write:orders read:orders all");
      expect([token.status, token.body.scope, token.body.expires_in]).toEqual([200, "read:orders", 120]);
      const refused = await bearerCall(sandbox.endpoint, token.body.access_token)("GET", "/api/roles");
      expect([refused.status, refused.body.code]).toEqual([401, "auth.unauthorized"]);
      await api("DELETE", `/api/resources/${orders.id}`);
      expect((await tokenFor(app.id, orders.indicator)).body.error).toBe("invalid_target");
    });
  });

  test("paged answers: one Link line per rel, without /api, other query parameters kept", async () => {
    for (const name of ["a", "b", "c", "d", "e"]) {
      await createRole(`paged ${name}`);
    }
    const token = await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret);
    const { host } = new URL(sandbox.endpoint);
    const rawHeaders = await new Promise<string[]>((resolve, reject) => {
      const request = httpRequest(`${sandbox.endpoint}/api/roles?type=User&page=2&page_size=2`, { headers: { authorization: `Bearer ${token}` } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.rawHeaders));
      });
      request.on("error", reject);
      request.end();
    });
    const links = rawHeaders.filter((_, index) => index % 2 === 1 && rawHeaders[index - 1]!.toLowerCase() === "link");
    expect(links).toEqual([
      `<http://${host}/roles?type=User&page=1&page_size=2>; rel="first"`,
      `<http://${host}/roles?type=User&page=3&page_size=2>; rel="last"`,
      `<http://${host}/roles?type=User&page=1&page_size=2>; rel="prev"`,
      `<http://${host}/roles?type=User&page=3&page_size=2>; rel="next"`,
    ]);
    const past = await api("GET", "/api/roles?type=User&page=9&page_size=2");
    expect([past.status, past.body, past.headers["total-number"]]).toEqual([200, [], "5"]);
    expect(past.headers.link).toContain('page=8&page_size=2>; rel="prev"');
    expect(past.headers.link).not.toContain('rel="next"');
  });

  test("the request log classifies the new routes and reset restores the seeded RBAC tables", async () => {
    const app = await createApp("worker");
    const role = await createRole("robot", { type: "MachineToMachine" });
    await sandbox.clearRequests();
    const token = await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret);
    const call = bearerCall(sandbox.endpoint, token);
    await call("GET", "/api/roles");
    await call("POST", "/api/resources", { name: "logged", indicator: "logged" });
    await call("PUT", `/api/applications/${app.id}/roles`, { roleIds: [role.id] });
    await call("DELETE", `/api/roles/${role.id}`);
    expect((await sandbox.requests()).map((entry) => `${entry.class} ${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      "token POST /oidc/token 200",
      "read GET /api/roles 200",
      "write POST /api/resources 201",
      `write PUT /api/applications/${app.id}/roles 200`,
      `write DELETE /api/roles/${role.id} 204`,
    ]);

    await api("PUT", `/api/applications/${sandbox.appId}/roles`, { roleIds: [] });
    await sandbox.reset();
    expect(names(await api("GET", "/api/resources"))).toEqual(["Logto Management API"]);
    expect(names(await api("GET", "/api/roles"))).toEqual([accessRoleName]);
    expect(names(await api("GET", `/api/applications/${sandbox.appId}/roles`))).toEqual([accessRoleName]);
  });
});

describe("sandbox state files and RBAC", () => {
  const allScope = (sandbox: Sandbox) =>
    requestToken(
      sandbox.endpoint,
      { grant_type: "client_credentials", resource: managementApi, scope: "all" },
      { authorization: basic(sandbox.appId, sandbox.appSecret) },
    );
  const directory = mkdtempSync(path.join(tmpdir(), "logto-sandbox-rbac-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test("a state file from an older sandbox loads: RBAC tables from the seed, old grants become roles", async () => {
    const stateFile = path.join(directory, "old-state.json");
    // The recording made before the sandbox had RBAC tables (the 3.276 one was re-recorded with them).
    copyFileSync(path.resolve(__dirname, "../fixtures/upgrade/pulumi-3.248.0-node-20/sandbox-state.json"), stateFile);
    const old = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, any>;
    expect(old.resources).toBeUndefined();
    const traditional = (old.applications as Row[]).find(({ type }) => type === "Traditional")!;
    writeFileSync(stateFile, JSON.stringify({ ...old, internalAdminAppIds: [traditional.id] }));

    const sandbox = await spawnSandbox({ stateFile, ...fixtureCredentials });
    try {
      expect((await allScope(sandbox)).body.scope).toBe("all");
      expect(((await sandbox.api("GET", "/api/resources")).body as Row[]).map(({ id }) => id)).toEqual(["management-api"]);
      expect(((await sandbox.api("GET", `/api/applications/${sandbox.appId}/roles`)).body as Row[]).map(({ name }) => name)).toEqual([accessRoleName]);
      expect((await sandbox.api("GET", `/api/applications/${traditional.id}`)).body).toMatchObject({ isAdmin: true });
      const written = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, unknown>;
      expect(Object.keys(written)).toEqual(expect.arrayContaining(["resources", "scopes", "roles", "rolesScopes", "applicationsRoles"]));
      expect(written.managementApiAppIds).toBeUndefined();
      expect(written.internalAdminAppIds).toBeUndefined();
    } finally {
      await sandbox.stop();
    }
  });

  test("resources and roles survive a restart; the sandbox's app gets its access back if it lost it", async () => {
    const stateFile = path.join(directory, "state.json");
    const credentials = { appId: "rbac-persisted-app", appSecret: "rbac-persisted-secret" };
    const first = await spawnSandbox({ stateFile, ...credentials });
    let roleId: string;
    try {
      await first.api("POST", "/api/resources", { name: "kept", indicator: "https://kept.example.com" });
      roleId = ((await first.api("POST", "/api/roles", { name: "kept role", description: "x" })).body as Row).id;
      await first.api("PUT", `/api/applications/${first.appId}/roles`, { roleIds: [] });
    } finally {
      await first.stop();
    }
    const second = await spawnSandbox({ stateFile, ...credentials });
    try {
      expect((await allScope(second)).body.scope).toBe("all");
      expect(((await second.api("GET", "/api/resources")).body as Row[]).map(({ name }) => name).sort()).toEqual(["Logto Management API", "kept"]);
      expect((await second.api("GET", `/api/roles/${roleId}`)).status).toBe(200);
      expect(((await second.api("GET", `/api/applications/${second.appId}/roles`)).body as Row[]).map(({ name }) => name)).toEqual([accessRoleName]);
    } finally {
      await second.stop();
    }
  });
});
