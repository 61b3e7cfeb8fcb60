// The organization template (organization scopes and roles), organizations, just-in-time
// provisioning and organization applications of the sandbox, as observed on a real Logto OSS
// v1.41.0 (shared/logto-rbac-org-facts.md §0, §5–7, §11); where the facts are silent, as Logto's
// source does it (packages/core/src/routes/organization*, utils/SchemaRouter.ts).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { fixtureCredentials } from "../fixtures/upgrade/fixture";
import { spawnSandbox, type ApiResponse, type Sandbox } from "../support/sandbox";
import { bearerCall, fetchAllScopeToken } from "./helpers";

type Row = Record<string, any> & { id: string };

const notFound = { code: "entity.not_found", message: "The resource does not exist." };
const invalidInput = { code: "entity.invalid_input", message: "Invalid input. Value list must not be empty." };
const unique = { code: "entity.unique_integrity_violation", message: "The entity already exists. Please check the input and try again." };
const foreignKey = {
  code: "entity.relation_foreign_key_not_found",
  message: "Cannot find one or more foreign keys. Please check the input and ensure that all referenced entities exist.",
};
const constraint = { code: "entity.db_constraint_violated", message: "Database constraint violated." };
const tooLong = { code: "entity.value_too_long", message: "The length of value is too long and exceeds the limit." };
const requireMembership = { code: "organization.require_membership", message: "The user must be a member of the organization to proceed." };
const notExistsWithId = (table: string, id: string) => ({ code: "entity.not_exists_with_id", message: `The ${table} with ID \`${id}\` does not exist.` });
const notExists = (name: string) => ({ code: "entity.not_exists", message: `The ${name} does not exist.` });
const created = { status: 201, body: "Created" };

/** A loopback IdP serving OIDC discovery, so SSO connectors can be created with a config. */
const startIdp = async () => {
  const server: Server = createServer((_req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, jwks_uri: `${issuer}/j` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

describe("sandbox organization template, organizations, JIT and organization applications", () => {
  let sandbox: Sandbox;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  const api = (method: string, route: string, body?: unknown) => sandbox.api(method, route, body);
  const expectStatus = async (method: string, route: string, body: unknown, status: number) => {
    const response = await api(method, route, body);
    expect({ route, status: response.status, body: response.body }).toMatchObject({ route, status });
    return response.body as Row;
  };
  const createOrgScope = (name: string, description?: string) => expectStatus("POST", "/api/organization-scopes", { name, description }, 201);
  const createOrgRole = (name: string, extra: Record<string, unknown> = {}) => expectStatus("POST", "/api/organization-roles", { name, ...extra }, 201);
  const createOrg = (name: string, extra: Record<string, unknown> = {}) => expectStatus("POST", "/api/organizations", { name, ...extra }, 201);
  const createApp = (name: string, type = "MachineToMachine") => expectStatus("POST", "/api/applications", { name, type }, 200);
  const createResource = (name: string) => expectStatus("POST", "/api/resources", { name, indicator: `https://${name}.example.com` }, 201);
  const createScope = (resourceId: string, name: string) => expectStatus("POST", `/api/resources/${resourceId}/scopes`, { name }, 201);
  const names = (response: ApiResponse) => (response.body as Row[]).map(({ name }) => name);
  const sortedNames = (response: ApiResponse) => names(response).sort();
  const ids = (response: ApiResponse) => (response.body as Row[]).map(({ id }) => id).sort();
  const statusAndBody = (response: ApiResponse) => ({ status: response.status, body: response.body });
  const issues = (response: ApiResponse) => ((response.body as any).data?.issues ?? []).map((issue: any) => issue.path);

  beforeAll(async () => {
    [sandbox, idp] = await Promise.all([spawnSandbox(), startIdp()]);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await idp?.close();
  });
  beforeEach(() => sandbox.reset());

  describe("/api/organization-scopes", () => {
    test("POST is 201 { tenantId, id, name, description }; spaces are allowed; names are unique", async () => {
      const response = await api("POST", "/api/organization-scopes", { name: "write org x" });
      expect(statusAndBody(response)).toEqual({
        status: 201,
        body: { tenantId: "default", id: expect.stringMatching(/^[0-9a-z]{21}$/), name: "write org x", description: null },
      });
      expect((await createOrgScope("read:members", "Read members")).description).toBe("Read members");
      expect(statusAndBody(await api("POST", "/api/organization-scopes", { name: "write org x", description: "again" }))).toEqual({ status: 422, body: unique });
      // Uniqueness is by exact string.
      expect((await api("POST", "/api/organization-scopes", { name: "Write org x" })).status).toBe(201);
      const missing = await api("POST", "/api/organization-scopes", { description: "x" });
      expect([missing.status, issues(missing)]).toEqual([400, [["name"]]]);
    });

    test("GET has optional pagination, lists by name and searches with q", async () => {
      for (const name of ["zeta", "alpha", "Beta members", "gamma"]) {
        await createOrgScope(name);
      }
      const all = await api("GET", "/api/organization-scopes");
      expect([names(all), all.headers["total-number"], all.headers.link]).toEqual([["alpha", "Beta members", "gamma", "zeta"], undefined, undefined]);
      const page = await api("GET", "/api/organization-scopes?page=2&page_size=3");
      expect([names(page), page.headers["total-number"]]).toEqual([["zeta"], "4"]);
      expect(names(await api("GET", "/api/organization-scopes?q=ETA"))).toEqual(["Beta members", "zeta"]);
      expect(names(await api("GET", "/api/organization-scopes?q=a%25a"))).toEqual(["alpha", "gamma"]);
      expect((await api("GET", "/api/organization-scopes?page_size=101")).body).toMatchObject({ code: "guard.invalid_pagination" });
    });

    test("GET, PATCH and DELETE: 404 codes per verb; PATCH is partial, {} is 422, a taken name 422", async () => {
      const scope = await createOrgScope("read", "Read");
      await createOrgScope("write");
      expect(statusAndBody(await api("GET", `/api/organization-scopes/${scope.id}`))).toEqual({ status: 200, body: scope });
      const patched = await api("PATCH", `/api/organization-scopes/${scope.id}`, { description: null });
      expect(statusAndBody(patched)).toEqual({ status: 200, body: { ...scope, description: null } });
      expect((await api("PATCH", `/api/organization-scopes/${scope.id}`, { name: "read all" })).body).toMatchObject({ name: "read all", description: null });
      expect(statusAndBody(await api("PATCH", `/api/organization-scopes/${scope.id}`, { name: "write" }))).toEqual({ status: 422, body: unique });
      expect(statusAndBody(await api("PATCH", `/api/organization-scopes/${scope.id}`, {}))).toEqual({ status: 422, body: invalidInput });

      expect(statusAndBody(await api("GET", "/api/organization-scopes/nope"))).toEqual({ status: 404, body: notExistsWithId("organization_scopes", "nope") });
      expect(statusAndBody(await api("PATCH", "/api/organization-scopes/nope", { name: "x" }))).toEqual({ status: 404, body: notExists("organization_scope") });
      expect(statusAndBody(await api("DELETE", "/api/organization-scopes/nope"))).toEqual({ status: 404, body: notFound });
      expect(statusAndBody(await api("DELETE", `/api/organization-scopes/${scope.id}`))).toEqual({ status: 204, body: undefined });
      expect((await api("DELETE", `/api/organization-scopes/${scope.id}`)).body).toEqual(notFound);
    });

    test("DELETE removes the scope from the roles holding it", async () => {
      const read = await createOrgScope("read");
      const write = await createOrgScope("write");
      const role = await createOrgRole("member", { organizationScopeIds: [read.id, write.id] });
      await api("DELETE", `/api/organization-scopes/${read.id}`);
      expect(names(await api("GET", `/api/organization-roles/${role.id}/scopes`))).toEqual(["write"]);
      const [item] = (await api("GET", "/api/organization-roles")).body as Row[];
      expect(item!.scopes).toEqual([{ id: write.id, name: "write" }]);
    });
  });

  describe("/api/organization-roles", () => {
    test("POST is 201 with the plain role; User by default; scopes of both kinds, Management API's included", async () => {
      const response = await api("POST", "/api/organization-roles", { name: "member" });
      expect(statusAndBody(response)).toEqual({
        status: 201,
        body: { tenantId: "default", id: expect.stringMatching(/^[0-9a-z]{21}$/), name: "member", description: null, type: "User" },
      });
      const read = await createOrgScope("read");
      const orders = await createResource("orders");
      const readOrders = await createScope(orders.id, "read:orders");
      const robot = await createOrgRole("robot", {
        description: "Machines",
        type: "MachineToMachine",
        organizationScopeIds: [read.id, read.id],
        resourceScopeIds: [readOrders.id, "management-api-all"],
      });
      expect(robot).toEqual({ tenantId: "default", id: robot.id, name: "robot", description: "Machines", type: "MachineToMachine" });
      expect(ids(await api("GET", `/api/organization-roles/${robot.id}/scopes`))).toEqual([read.id]);
      expect(ids(await api("GET", `/api/organization-roles/${robot.id}/resource-scopes`))).toEqual(["management-api-all", readOrders.id].sort());
      expect(statusAndBody(await api("POST", "/api/organization-roles", { name: "robot" }))).toEqual({ status: 422, body: unique });
      expect((await api("POST", "/api/organization-roles", { name: "x", type: "Robot" })).status).toBe(400);
    });

    test("POST is atomic: an unknown scope id of either kind is 422 and no role is left", async () => {
      const read = await createOrgScope("read");
      for (const extra of [{ organizationScopeIds: [read.id, "nope"] }, { organizationScopeIds: [read.id], resourceScopeIds: ["nope"] }]) {
        expect(statusAndBody(await api("POST", "/api/organization-roles", { name: "ghost", ...extra }))).toEqual({ status: 422, body: foreignKey });
        const listed = await api("GET", "/api/organization-roles");
        expect([listed.body, listed.headers["total-number"]]).toEqual([[], "0"]);
      }
      expect((await createOrgRole("ghost")).name).toBe("ghost");
      expect((await api("GET", "/api/organization-scopes")).body).toHaveLength(1);
    });

    test("GET is always paginated, by name, with each role's scopes and resource scopes; q searches", async () => {
      const read = await createOrgScope("read");
      const write = await createOrgScope("write");
      const orders = await createResource("orders");
      const readOrders = await createScope(orders.id, "read:orders");
      await createOrgRole("viewer", { description: "Sees things" });
      const admin = await createOrgRole("admin", { organizationScopeIds: [write.id, read.id], resourceScopeIds: [readOrders.id] });
      await createOrgRole("Member");
      const listed = await api("GET", "/api/organization-roles");
      expect([names(listed), listed.headers["total-number"]]).toEqual([["admin", "Member", "viewer"], "3"]);
      expect((listed.body as Row[])[0]).toEqual({
        ...admin,
        scopes: [read, write].sort((a, b) => (a.id < b.id ? -1 : 1)).map(({ id, name }) => ({ id, name })),
        resourceScopes: [{ id: readOrders.id, name: "read:orders", resource: { id: orders.id, name: "orders" } }],
      });
      expect((listed.body as Row[])[1]).toMatchObject({ scopes: [], resourceScopes: [] });
      const page = await api("GET", "/api/organization-roles?page=2&page_size=2");
      expect([names(page), page.headers["total-number"]]).toEqual([["viewer"], "3"]);
      expect(names(await api("GET", "/api/organization-roles?q=THINGS"))).toEqual(["viewer"]);
      expect(names(await api("GET", `/api/organization-roles?q=${admin.id}`))).toEqual(["admin"]);
    });

    test("GET /:id is the plain role; 404 codes: GET and DELETE entity.not_found, PATCH entity.not_exists", async () => {
      const read = await createOrgScope("read");
      const role = await createOrgRole("member", { organizationScopeIds: [read.id] });
      expect(statusAndBody(await api("GET", `/api/organization-roles/${role.id}`))).toEqual({ status: 200, body: role });
      expect(statusAndBody(await api("GET", "/api/organization-roles/nope"))).toEqual({ status: 404, body: notFound });
      expect(statusAndBody(await api("PATCH", "/api/organization-roles/nope", { name: "x" }))).toEqual({ status: 404, body: notExists("organization_role") });
      expect(statusAndBody(await api("DELETE", "/api/organization-roles/nope"))).toEqual({ status: 404, body: notFound });
    });

    test("PATCH changes name, description and type, even of a role an app holds; {} and taken names are 422", async () => {
      const role = await createOrgRole("robot", { type: "MachineToMachine" });
      await createOrgRole("member");
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      expect((await api("POST", `/api/organizations/${org.id}/applications/${app.id}/roles`, { organizationRoleIds: [role.id] })).status).toBe(201);
      const patched = await api("PATCH", `/api/organization-roles/${role.id}`, { type: "User", description: "Now for people" });
      expect(statusAndBody(patched)).toEqual({ status: 200, body: { ...role, type: "User", description: "Now for people" } });
      expect(names(await api("GET", `/api/organizations/${org.id}/applications/${app.id}/roles`))).toEqual(["robot"]);
      expect(statusAndBody(await api("PATCH", `/api/organization-roles/${role.id}`, { name: "member" }))).toEqual({ status: 422, body: unique });
      expect(statusAndBody(await api("PATCH", `/api/organization-roles/${role.id}`, {}))).toEqual({ status: 422, body: invalidInput });
    });

    test("DELETE is 204 and the role leaves JIT default roles and apps' organization roles", async () => {
      const role = await createOrgRole("robot", { type: "MachineToMachine" });
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      await api("POST", `/api/organizations/${org.id}/jit/roles`, { organizationRoleIds: [role.id] });
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      await api("POST", `/api/organizations/${org.id}/applications/${app.id}/roles`, { organizationRoleIds: [role.id] });
      expect((await api("DELETE", `/api/organization-roles/${role.id}`)).status).toBe(204);
      expect((await api("GET", `/api/organizations/${org.id}/jit/roles`)).body).toEqual([]);
      expect((await api("GET", `/api/organizations/${org.id}/applications/${app.id}/roles`)).body).toEqual([]);
      expect(((await api("GET", `/api/organizations/${org.id}/applications`)).body as Row[])[0]!.organizationRoles).toEqual([]);
    });
  });

  describe("/api/organization-roles/:id/scopes and /resource-scopes", () => {
    test("scopes: GET has optional pagination; POST is 201 Created and idempotent; DELETE 204, then 404", async () => {
      const role = await createOrgRole("member");
      const read = await createOrgScope("read", "Read");
      const write = await createOrgScope("write");
      const response = await api("POST", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [read.id] });
      expect([response.status, response.body, response.headers["content-type"]]).toEqual([201, "Created", "text/plain; charset=utf-8"]);
      expect(statusAndBody(await api("POST", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [read.id, write.id, write.id] }))).toEqual(created);
      const all = await api("GET", `/api/organization-roles/${role.id}/scopes`);
      expect([all.body, all.headers["total-number"]]).toEqual([[read, write], undefined]);
      const page = await api("GET", `/api/organization-roles/${role.id}/scopes?page=1&page_size=1`);
      expect([page.body, page.headers["total-number"]]).toEqual([[read], "2"]);
      expect((await api("POST", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [] })).status).toBe(400);
      expect(statusAndBody(await api("POST", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: ["nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect(statusAndBody(await api("DELETE", `/api/organization-roles/${role.id}/scopes/${read.id}`))).toEqual({ status: 204, body: undefined });
      expect(statusAndBody(await api("DELETE", `/api/organization-roles/${role.id}/scopes/${read.id}`))).toEqual({ status: 404, body: notFound });
    });

    test("scopes: PUT replaces the set with 204, takes [], and is atomic", async () => {
      const role = await createOrgRole("member");
      const read = await createOrgScope("read");
      const write = await createOrgScope("write");
      await api("POST", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [read.id] });
      expect(statusAndBody(await api("PUT", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [write.id] }))).toEqual({ status: 204, body: undefined });
      expect(names(await api("GET", `/api/organization-roles/${role.id}/scopes`))).toEqual(["write"]);
      expect(statusAndBody(await api("PUT", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [read.id, "nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect(statusAndBody(await api("PUT", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [read.id, read.id] }))).toEqual({ status: 422, body: unique });
      expect(names(await api("GET", `/api/organization-roles/${role.id}/scopes`))).toEqual(["write"]);
      expect((await api("PUT", `/api/organization-roles/${role.id}/scopes`, { organizationScopeIds: [] })).status).toBe(204);
      expect((await api("GET", `/api/organization-roles/${role.id}/scopes`)).body).toEqual([]);
    });

    test("a missing role: GET is 404 entity.not_found, POST and PUT are foreign-key failures", async () => {
      const read = await createOrgScope("read");
      expect(statusAndBody(await api("GET", "/api/organization-roles/nope/scopes"))).toEqual({ status: 404, body: notFound });
      expect(statusAndBody(await api("GET", "/api/organization-roles/nope/resource-scopes"))).toEqual({ status: 404, body: notFound });
      expect(statusAndBody(await api("POST", "/api/organization-roles/nope/scopes", { organizationScopeIds: [read.id] }))).toEqual({ status: 422, body: foreignKey });
      expect(statusAndBody(await api("PUT", "/api/organization-roles/nope/scopes", { organizationScopeIds: [read.id] }))).toEqual({ status: 422, body: foreignKey });
    });

    test("resource-scopes: the body key is scopeIds; GET gives whole resource scopes", async () => {
      const role = await createOrgRole("member");
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read:orders");
      const wrongKey = await api("POST", `/api/organization-roles/${role.id}/resource-scopes`, { resourceScopeIds: [read.id] });
      expect([wrongKey.status, (wrongKey.body as Row).code, issues(wrongKey)]).toEqual([400, "guard.invalid_input", [["scopeIds"]]]);
      expect(statusAndBody(await api("POST", `/api/organization-roles/${role.id}/resource-scopes`, { scopeIds: [read.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", `/api/organization-roles/${role.id}/resource-scopes`, { scopeIds: [read.id] }))).toEqual(created);
      expect((await api("GET", `/api/organization-roles/${role.id}/resource-scopes`)).body).toEqual([read]);
      expect((await api("PUT", `/api/organization-roles/${role.id}/resource-scopes`, { scopeIds: ["management-api-all"] })).status).toBe(204);
      expect(ids(await api("GET", `/api/organization-roles/${role.id}/resource-scopes`))).toEqual(["management-api-all"]);
      expect((await api("DELETE", `/api/organization-roles/${role.id}/resource-scopes/management-api-all`)).status).toBe(204);
      expect((await api("DELETE", `/api/organization-roles/${role.id}/resource-scopes/management-api-all`)).body).toEqual(notFound);
    });

    test("deleting a resource scope, or its resource, removes it from organization roles", async () => {
      const orders = await createResource("orders");
      const read = await createScope(orders.id, "read:orders");
      const write = await createScope(orders.id, "write:orders");
      const role = await createOrgRole("member", { resourceScopeIds: [read.id, write.id] });
      await api("DELETE", `/api/resources/${orders.id}/scopes/${read.id}`);
      expect(names(await api("GET", `/api/organization-roles/${role.id}/resource-scopes`))).toEqual(["write:orders"]);
      await api("DELETE", `/api/resources/${orders.id}`);
      expect((await api("GET", `/api/organization-roles/${role.id}/resource-scopes`)).body).toEqual([]);
      expect(((await api("GET", "/api/organization-roles")).body as Row[])[0]!.resourceScopes).toEqual([]);
    });
  });

  describe("/api/organizations", () => {
    test("POST is 201 with the defaults and a 12-character id; isTrustedDeviceAllowed is dropped; names repeat", async () => {
      const response = await api("POST", "/api/organizations", { name: "Acme", isTrustedDeviceAllowed: false });
      expect(statusAndBody(response)).toEqual({
        status: 201,
        body: {
          tenantId: "default",
          id: expect.stringMatching(/^[0-9a-z]{12}$/),
          name: "Acme",
          description: null,
          customData: {},
          isMfaRequired: false,
          color: {},
          branding: {},
          customCss: null,
          createdAt: expect.any(Number),
        },
      });
      expect(Object.keys(response.body as Row)).toEqual(["tenantId", "id", "name", "description", "customData", "isMfaRequired", "color", "branding", "customCss", "createdAt"]);
      const full = await createOrg("Acme", {
        description: "Second Acme",
        customData: { tier: "gold", seats: 5 },
        isMfaRequired: true,
        color: { primaryColor: "#abc", isDarkModeEnabled: true, darkPrimaryColor: "#112233" },
        branding: { logoUrl: "https://acme.example.com/logo.svg" },
        customCss: ".x{}",
      });
      expect(full).toMatchObject({ name: "Acme", customData: { tier: "gold", seats: 5 }, isMfaRequired: true, customCss: ".x{}" });
      expect(full).not.toHaveProperty("isTrustedDeviceAllowed");
      expect((await api("GET", `/api/organizations/${full.id}`)).body).toEqual(full);
    });

    test("POST validates: customData must be an object, colours hex, logos URLs, a name is required", async () => {
      for (const [body, path] of [
        [{ name: "x", customData: ["a"] }, ["customData"]],
        [{ name: "x", customData: "a" }, ["customData"]],
        [{ name: "x", color: { primaryColor: "red" } }, ["color", "primaryColor"]],
        [{ name: "x", branding: { logoUrl: "not a url" } }, ["branding", "logoUrl"]],
        [{ description: "x" }, ["name"]],
      ] as const) {
        const response = await api("POST", "/api/organizations", body);
        expect([response.status, (response.body as Row).code, issues(response)]).toEqual([400, "guard.invalid_input", [path]]);
      }
      expect((await api("GET", "/api/organizations")).body).toEqual([]);
    });

    test("PATCH is partial and replaces each field sent whole; {} is 422; colours and logos are checked", async () => {
      const org = await createOrg("Acme", { description: "Rockets", customData: { tier: "gold", seats: 5 }, branding: { logoUrl: "https://a.example.com/l.svg", darkLogoUrl: "https://a.example.com/d.svg" } });
      const patched = await api("PATCH", `/api/organizations/${org.id}`, { customData: { tier: "silver" }, branding: { logoUrl: "https://b.example.com/l.svg" }, isTrustedDeviceAllowed: true });
      expect(statusAndBody(patched)).toEqual({
        status: 200,
        body: { ...org, customData: { tier: "silver" }, branding: { logoUrl: "https://b.example.com/l.svg" } },
      });
      expect((await api("PATCH", `/api/organizations/${org.id}`, { description: null })).body).toMatchObject({ description: null, name: "Acme" });
      const red = await api("PATCH", `/api/organizations/${org.id}`, { color: { primaryColor: "red" } });
      expect([red.status, issues(red)]).toEqual([400, [["color", "primaryColor"]]]);
      const logo = await api("PATCH", `/api/organizations/${org.id}`, { branding: { logoUrl: "nope" } });
      expect([logo.status, issues(logo)]).toEqual([400, [["branding", "logoUrl"]]]);
      expect(statusAndBody(await api("PATCH", `/api/organizations/${org.id}`, {}))).toEqual({ status: 422, body: invalidInput });
      expect(statusAndBody(await api("PATCH", `/api/organizations/${org.id}`, { isTrustedDeviceAllowed: false }))).toEqual({ status: 422, body: invalidInput });
    });

    test("GET, PATCH and DELETE of a missing id: not_exists_with_id, not_exists, not_found", async () => {
      expect(statusAndBody(await api("GET", "/api/organizations/nope"))).toEqual({ status: 404, body: notExistsWithId("organizations", "nope") });
      expect(statusAndBody(await api("PATCH", "/api/organizations/nope", { name: "x" }))).toEqual({ status: 404, body: notExists("organization") });
      expect(statusAndBody(await api("DELETE", "/api/organizations/nope"))).toEqual({ status: 404, body: notFound });
    });

    test("GET is always paginated; q searches names case-insensitively; showFeatured adds user counts", async () => {
      for (const name of ["Acme Rockets", "acme labs", "Globex"]) {
        await createOrg(name);
      }
      const all = await api("GET", "/api/organizations");
      expect([sortedNames(all), all.headers["total-number"]]).toEqual([["Acme Rockets", "Globex", "acme labs"], "3"]);
      const page = await api("GET", "/api/organizations?page=2&page_size=2");
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([1, "3"]);
      expect(sortedNames(await api("GET", "/api/organizations?q=ACME"))).toEqual(["Acme Rockets", "acme labs"]);
      const featured = await api("GET", "/api/organizations?q=globex&showFeatured=true");
      expect(featured.body).toEqual([expect.objectContaining({ name: "Globex", usersCount: 0, featuredUsers: [] })]);
    });

    test("DELETE is 204; the organization's JIT rules and app memberships go with it", async () => {
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      await api("POST", `/api/organizations/${org.id}/jit/email-domains`, { emailDomain: "acme.com" });
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      expect(names(await api("GET", `/api/applications/${app.id}/organizations`))).toEqual(["Acme"]);
      expect(statusAndBody(await api("DELETE", `/api/organizations/${org.id}`))).toEqual({ status: 204, body: undefined });
      expect((await api("GET", `/api/applications/${app.id}/organizations`)).body).toEqual([]);
      expect(statusAndBody(await api("GET", `/api/organizations/${org.id}/jit/email-domains`))).toEqual({ status: 200, body: [] });
      expect((await api("DELETE", `/api/organizations/${org.id}`)).body).toEqual(notFound);
    });
  });

  describe("/api/organizations/:id/jit/email-domains", () => {
    test("POST is 201 { tenantId, organizationId, emailDomain } with no format check; uniqueness is case-sensitive", async () => {
      const org = await createOrg("Acme");
      const route = `/api/organizations/${org.id}/jit/email-domains`;
      expect(statusAndBody(await api("POST", route, { emailDomain: "example.com" }))).toEqual({
        status: 201,
        body: { tenantId: "default", organizationId: org.id, emailDomain: "example.com" },
      });
      for (const emailDomain of ["EXAMPLE.com", "not a domain", "@foo.com", "gmail.com"]) {
        expect((await api("POST", route, { emailDomain })).status).toBe(201);
      }
      expect(statusAndBody(await api("POST", route, { emailDomain: "example.com" }))).toEqual({ status: 422, body: unique });
      expect((await api("POST", route, { emailDomain: "" })).status).toBe(400);
      // `email_domain varchar(128)`: no length check before the database.
      expect((await api("POST", route, { emailDomain: `${"a".repeat(124)}.com` })).status).toBe(201);
      expect(statusAndBody(await api("POST", route, { emailDomain: `${"a".repeat(125)}.com` }))).toEqual({ status: 422, body: tooLong });
      expect(statusAndBody(await api("POST", "/api/organizations/nope/jit/email-domains", { emailDomain: "example.com" }))).toEqual({ status: 422, body: foreignKey });
      const listed = await api("GET", route);
      expect([(listed.body as Row[]).map(({ emailDomain }) => emailDomain).sort(), listed.headers["total-number"]]).toEqual([
        ["@foo.com", "EXAMPLE.com", `${"a".repeat(124)}.com`, "example.com", "gmail.com", "not a domain"],
        undefined,
      ]);
      const page = await api("GET", `${route}?page=1&page_size=2`);
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([2, "6"]);
    });

    test("GET of an unknown organization is 200 []", async () => {
      const response = await api("GET", "/api/organizations/nope/jit/email-domains");
      expect([response.status, response.body, response.headers["total-number"]]).toEqual([200, [], undefined]);
    });

    test("PUT replaces the set atomically; an unknown organization takes [] only; DELETE 204, then 404", async () => {
      const org = await createOrg("Acme");
      const route = `/api/organizations/${org.id}/jit/email-domains`;
      await api("POST", route, { emailDomain: "old.com" });
      expect(statusAndBody(await api("PUT", route, { emailDomains: ["a.com", "b.com"] }))).toEqual({ status: 204, body: undefined });
      const domains = async () => ((await api("GET", route)).body as Row[]).map(({ emailDomain }) => emailDomain).sort();
      expect(await domains()).toEqual(["a.com", "b.com"]);
      expect(statusAndBody(await api("PUT", route, { emailDomains: ["c.com", "c.com"] }))).toEqual({ status: 422, body: unique });
      expect(await domains()).toEqual(["a.com", "b.com"]);
      expect(statusAndBody(await api("PUT", "/api/organizations/nope/jit/email-domains", { emailDomains: ["a.com"] }))).toEqual({ status: 422, body: foreignKey });
      expect((await api("PUT", "/api/organizations/nope/jit/email-domains", { emailDomains: [] })).status).toBe(204);
      expect((await api("PUT", route, { emailDomain: ["a.com"] })).status).toBe(400);
      expect(statusAndBody(await api("DELETE", `${route}/a.com`))).toEqual({ status: 204, body: undefined });
      expect(statusAndBody(await api("DELETE", `${route}/a.com`))).toEqual({ status: 404, body: notFound });
      expect(await domains()).toEqual(["b.com"]);
    });
  });

  describe("/api/organizations/:id/jit/roles and /jit/sso-connectors", () => {
    test("roles: POST is 201 Created, idempotent, with no type check; GET gives roles; PUT 204; DELETE 204 then 404", async () => {
      const org = await createOrg("Acme");
      const member = await createOrgRole("member");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      const route = `/api/organizations/${org.id}/jit/roles`;
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: [member.id, robot.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: [member.id] }))).toEqual(created);
      const listed = await api("GET", route);
      expect([(listed.body as Row[]).sort((a, b) => a.name.localeCompare(b.name)), listed.headers["total-number"]]).toEqual([[member, robot], undefined]);
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: ["nope"] }))).toEqual({ status: 422, body: foreignKey });
      // Ids are `varchar(21)`: a longer one fails as a value before it fails as a foreign key.
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: ["x".repeat(22)] }))).toEqual({ status: 422, body: tooLong });
      expect((await api("POST", route, { organizationRoleIds: [] })).status).toBe(400);
      expect(statusAndBody(await api("PUT", route, { organizationRoleIds: [robot.id] }))).toEqual({ status: 204, body: undefined });
      expect(names(await api("GET", route))).toEqual(["robot"]);
      expect(statusAndBody(await api("DELETE", `${route}/${robot.id}`))).toEqual({ status: 204, body: undefined });
      expect(statusAndBody(await api("DELETE", `${route}/${robot.id}`))).toEqual({ status: 404, body: notFound });
    });

    test("roles: GET of an unknown organization is 404, unlike email domains; POST is a foreign-key failure", async () => {
      const member = await createOrgRole("member");
      expect(statusAndBody(await api("GET", "/api/organizations/nope/jit/roles"))).toEqual({ status: 404, body: notExistsWithId("organizations", "nope") });
      expect(statusAndBody(await api("POST", "/api/organizations/nope/jit/roles", { organizationRoleIds: [member.id] }))).toEqual({ status: 422, body: foreignKey });
    });

    test("sso-connectors: GET gives whole connectors with their config; deleting a connector removes it from JIT", async () => {
      const org = await createOrg("Acme");
      const connector = await expectStatus(
        "POST",
        "/api/sso-connectors",
        { providerName: "OIDC", connectorName: "Acme IdP", config: { clientId: "c", clientSecret: "s", issuer: idp.issuer, scope: "openid" } },
        200,
      );
      const route = `/api/organizations/${org.id}/jit/sso-connectors`;
      expect(statusAndBody(await api("POST", route, { ssoConnectorIds: [connector.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { ssoConnectorIds: [connector.id] }))).toEqual(created);
      const [listed] = (await api("GET", route)).body as Row[];
      expect(Object.keys(listed!).sort()).toEqual(
        ["tenantId", "id", "providerName", "connectorName", "config", "domains", "branding", "syncProfile", "enableTokenStorage", "createdAt"].sort(),
      );
      expect(listed!.config).toMatchObject({ clientId: "c", clientSecret: "s", issuer: idp.issuer, trustUnverifiedEmail: false });
      expect(statusAndBody(await api("POST", route, { ssoConnectorIds: ["nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect((await api("PUT", route, { ssoConnectorIds: [] })).status).toBe(204);
      expect((await api("PUT", route, { ssoConnectorIds: [connector.id] })).status).toBe(204);
      expect((await api("DELETE", `/api/sso-connectors/${connector.id}`)).status).toBe(204);
      expect((await api("GET", route)).body).toEqual([]);
      expect(statusAndBody(await api("GET", "/api/organizations/nope/jit/sso-connectors"))).toEqual({ status: 404, body: notExistsWithId("organizations", "nope") });
    });
  });

  describe("/api/organizations/:id/applications", () => {
    test("POST is 201 Created and idempotent; only machine-to-machine apps; unknown apps are 422", async () => {
      const org = await createOrg("Acme");
      const worker = await createApp("worker");
      const web = await createApp("web", "Traditional");
      const route = `/api/organizations/${org.id}/applications`;
      expect(statusAndBody(await api("POST", route, { applicationIds: [worker.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { applicationIds: [worker.id, worker.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { applicationIds: [web.id] }))).toEqual({ status: 422, body: constraint });
      expect(statusAndBody(await api("POST", route, { applicationIds: ["nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect(statusAndBody(await api("POST", "/api/organizations/nope/applications", { applicationIds: [worker.id] }))).toEqual({ status: 422, body: foreignKey });
      expect((await api("POST", route, { applicationIds: [] })).status).toBe(400);
      expect(ids(await api("GET", route))).toEqual([worker.id]);
    });

    test("GET is always paginated: whole apps, secret included, with their organization roles by name; q searches", async () => {
      const org = await createOrg("Acme");
      const worker = await createApp("worker");
      const cron = await createApp("cron job");
      const zeta = await createOrgRole("zeta", { type: "MachineToMachine" });
      const alpha = await createOrgRole("alpha", { type: "MachineToMachine" });
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [worker.id, cron.id] });
      await api("POST", `/api/organizations/${org.id}/applications/${worker.id}/roles`, { organizationRoleIds: [zeta.id, alpha.id] });
      const listed = await api("GET", `/api/organizations/${org.id}/applications`);
      expect([ids(listed), listed.headers["total-number"]]).toEqual([[worker.id, cron.id].sort(), "2"]);
      const item = (listed.body as Row[]).find(({ id }) => id === worker.id)!;
      expect(item).toEqual({ ...worker, organizationRoles: [{ id: alpha.id, name: "alpha" }, { id: zeta.id, name: "zeta" }] });
      expect(item.secret).toMatch(/^#internal:/);
      expect(names(await api("GET", `/api/organizations/${org.id}/applications?q=CRON`))).toEqual(["cron job"]);
      const page = await api("GET", `/api/organizations/${org.id}/applications?page=2&page_size=1`);
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([1, "2"]);
      const unknown = await api("GET", "/api/organizations/nope/applications");
      expect([unknown.status, unknown.body, unknown.headers["total-number"]]).toEqual([200, [], "0"]);
    });

    test("PUT replaces the members with 204 and takes []; DELETE is 204, then 404", async () => {
      const org = await createOrg("Acme");
      const [one, two] = [await createApp("one"), await createApp("two")];
      const route = `/api/organizations/${org.id}/applications`;
      await api("POST", route, { applicationIds: [one.id] });
      expect(statusAndBody(await api("PUT", route, { applicationIds: [two.id] }))).toEqual({ status: 204, body: undefined });
      expect(names(await api("GET", route))).toEqual(["two"]);
      expect(statusAndBody(await api("PUT", route, { applicationIds: [one.id, "nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect(names(await api("GET", route))).toEqual(["two"]);
      expect(statusAndBody(await api("DELETE", `${route}/${two.id}`))).toEqual({ status: 204, body: undefined });
      expect(statusAndBody(await api("DELETE", `${route}/${two.id}`))).toEqual({ status: 404, body: notFound });
      await api("POST", route, { applicationIds: [one.id] });
      expect((await api("PUT", route, { applicationIds: [] })).status).toBe(204);
      expect((await api("GET", route)).body).toEqual([]);
    });

    test("an app leaving the organization loses its roles there; a deleted app leaves its organizations", async () => {
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      const route = `/api/organizations/${org.id}/applications`;
      await api("POST", route, { applicationIds: [app.id] });
      await api("POST", `${route}/${app.id}/roles`, { organizationRoleIds: [robot.id] });
      await api("DELETE", `${route}/${app.id}`);
      await api("POST", route, { applicationIds: [app.id] });
      expect((await api("GET", `${route}/${app.id}/roles`)).body).toEqual([]);

      // Replacing the members deletes every membership row first (TwoRelationsQueries.replace):
      // the roles of an app that stays go too.
      await api("POST", `${route}/${app.id}/roles`, { organizationRoleIds: [robot.id] });
      await api("PUT", route, { applicationIds: [app.id] });
      expect((await api("GET", `${route}/${app.id}/roles`)).body).toEqual([]);

      await api("DELETE", `/api/applications/${app.id}`);
      const listed = await api("GET", route);
      expect([listed.body, listed.headers["total-number"]]).toEqual([[], "0"]);
    });

    test("POST /:id/applications/roles gives every listed app every listed role", async () => {
      const org = await createOrg("Acme");
      const [one, two] = [await createApp("one"), await createApp("two")];
      const [a, b] = [await createOrgRole("a", { type: "MachineToMachine" }), await createOrgRole("b", { type: "MachineToMachine" })];
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [one.id, two.id] });
      expect(statusAndBody(await api("POST", `/api/organizations/${org.id}/applications/roles`, { applicationIds: [one.id, two.id], organizationRoleIds: [a.id, b.id] }))).toEqual(created);
      for (const app of [one, two]) {
        expect(sortedNames(await api("GET", `/api/organizations/${org.id}/applications/${app.id}/roles`))).toEqual(["a", "b"]);
      }
      const outsider = await createApp("outsider");
      expect(statusAndBody(await api("POST", `/api/organizations/${org.id}/applications/roles`, { applicationIds: [outsider.id], organizationRoleIds: [a.id] }))).toEqual({ status: 422, body: foreignKey });
    });

    test("GET /api/applications/:id/organizations lists the app's organizations with its roles; excludeOrganizationId", async () => {
      const [acme, globex] = [await createOrg("Acme"), await createOrg("Globex")];
      const app = await createApp("worker");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      for (const org of [acme, globex]) {
        await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      }
      await api("POST", `/api/organizations/${acme.id}/applications/${app.id}/roles`, { organizationRoleIds: [robot.id] });
      const listed = await api("GET", `/api/applications/${app.id}/organizations`);
      expect([listed.status, listed.headers["total-number"]]).toEqual([200, undefined]);
      expect((listed.body as Row[]).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { ...acme, organizationRoles: [{ id: robot.id, name: "robot" }] },
        { ...globex, organizationRoles: [] },
      ]);
      const page = await api("GET", `/api/applications/${app.id}/organizations?page=1&page_size=1`);
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([1, "2"]);
      expect(statusAndBody(await api("GET", "/api/applications/nope/organizations"))).toEqual({ status: 404, body: notExistsWithId("applications", "nope") });
      const others = (await api("GET", `/api/applications?excludeOrganizationId=${acme.id}`)).body as Row[];
      expect(others.map(({ id }) => id)).toEqual([sandbox.appId]);
    });
  });

  describe("/api/organizations/:id/applications/:applicationId/roles", () => {
    test("every verb needs the app to be a member: 422 organization.require_membership", async () => {
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      const route = `/api/organizations/${org.id}/applications/${app.id}/roles`;
      for (const [method, routePath, body] of [
        ["GET", route],
        ["POST", route, { organizationRoleIds: [robot.id] }],
        ["PUT", route, { organizationRoleIds: [robot.id] }],
        ["DELETE", `${route}/${robot.id}`],
        ["POST", route, {}],
      ] as const) {
        expect({ method, ...statusAndBody(await api(method, routePath, body)) }).toEqual({ method, status: 422, body: requireMembership });
      }
      expect((await api("GET", `/api/organizations/nope/applications/${app.id}/roles`)).body).toEqual(requireMembership);
    });

    test("POST takes MachineToMachine roles only (a check constraint), idempotently; GET has optional pagination", async () => {
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      const bot = await createOrgRole("bot", { type: "MachineToMachine" });
      const member = await createOrgRole("member");
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      const route = `/api/organizations/${org.id}/applications/${app.id}/roles`;
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: [robot.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: [robot.id, bot.id] }))).toEqual(created);
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: [member.id] }))).toEqual({ status: 422, body: constraint });
      expect(statusAndBody(await api("POST", route, { organizationRoleIds: ["nope"] }))).toEqual({ status: 422, body: foreignKey });
      expect((await api("POST", route, { organizationRoleIds: [] })).status).toBe(400);
      const listed = await api("GET", route);
      expect([(listed.body as Row[]).sort((a, b) => a.name.localeCompare(b.name)), listed.headers["total-number"]]).toEqual([[bot, robot], undefined]);
      const page = await api("GET", `${route}?page=1&page_size=1`);
      expect([(page.body as Row[]).length, page.headers["total-number"]]).toEqual([1, "2"]);
    });

    test("PUT is 204, non-empty and atomic; DELETE is 204, then 404", async () => {
      const org = await createOrg("Acme");
      const app = await createApp("worker");
      const robot = await createOrgRole("robot", { type: "MachineToMachine" });
      const bot = await createOrgRole("bot", { type: "MachineToMachine" });
      const member = await createOrgRole("member");
      await api("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [app.id] });
      const route = `/api/organizations/${org.id}/applications/${app.id}/roles`;
      await api("POST", route, { organizationRoleIds: [robot.id] });
      expect(statusAndBody(await api("PUT", route, { organizationRoleIds: [bot.id] }))).toEqual({ status: 204, body: undefined });
      expect(names(await api("GET", route))).toEqual(["bot"]);
      expect(statusAndBody(await api("PUT", route, { organizationRoleIds: [robot.id, member.id] }))).toEqual({ status: 422, body: constraint });
      expect(names(await api("GET", route))).toEqual(["bot"]);
      const empty = await api("PUT", route, { organizationRoleIds: [] });
      expect([empty.status, (empty.body as Row).code]).toEqual([400, "guard.invalid_input"]);
      expect(statusAndBody(await api("DELETE", `${route}/${bot.id}`))).toEqual({ status: 204, body: undefined });
      expect(statusAndBody(await api("DELETE", `${route}/${bot.id}`))).toEqual({ status: 404, body: notFound });
    });
  });

  test("the request log classifies the organization routes; reset empties the organization tables", async () => {
    const org = await createOrg("Acme");
    await createOrgScope("read");
    await sandbox.clearRequests();
    const token = await fetchAllScopeToken(sandbox.endpoint, sandbox.appId, sandbox.appSecret);
    const call = bearerCall(sandbox.endpoint, token);
    await call("GET", "/api/organizations");
    await call("POST", "/api/organization-roles", { name: "logged" });
    await call("PUT", `/api/organizations/${org.id}/jit/email-domains`, { emailDomains: ["a.com"] });
    await call("DELETE", `/api/organizations/${org.id}`);
    expect((await sandbox.requests()).map((entry) => `${entry.class} ${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      "token POST /oidc/token 200",
      "read GET /api/organizations 200",
      "write POST /api/organization-roles 201",
      `write PUT /api/organizations/${org.id}/jit/email-domains 204`,
      `write DELETE /api/organizations/${org.id} 204`,
    ]);

    await createOrg("Kept until reset");
    await sandbox.reset();
    for (const route of ["/api/organizations", "/api/organization-roles", "/api/organization-scopes"]) {
      expect((await api("GET", route)).body).toEqual([]);
    }
  });
});

describe("sandbox state files and organizations", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "logto-sandbox-organizations-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  // Recorded before the sandbox had organizations.
  test.each(["pulumi-3.248.0-node-20"])("a state file without organization tables (%s) loads with them empty", async (fixture) => {
    const stateFile = path.join(directory, `${fixture}.json`);
    copyFileSync(path.resolve(__dirname, `../fixtures/upgrade/${fixture}/sandbox-state.json`), stateFile);
    expect(JSON.parse(readFileSync(stateFile, "utf8")).organizations).toBeUndefined();
    const sandbox = await spawnSandbox({ stateFile, ...fixtureCredentials });
    try {
      const listed = await sandbox.api("GET", "/api/organizations");
      expect([listed.status, listed.body, listed.headers["total-number"]]).toEqual([200, [], "0"]);
      expect((await sandbox.api("POST", "/api/organizations", { name: "Acme" })).status).toBe(201);
      const written = JSON.parse(readFileSync(stateFile, "utf8")) as Record<string, unknown>;
      expect(Object.keys(written)).toEqual(
        expect.arrayContaining([
          "organizationScopes",
          "organizationRoles",
          "organizationRoleScopes",
          "organizationRoleResourceScopes",
          "organizations",
          "organizationJitEmailDomains",
          "organizationJitRoles",
          "organizationJitSsoConnectors",
          "organizationApplications",
          "organizationRoleApplications",
        ]),
      );
      expect(written.organizations).toEqual([expect.objectContaining({ name: "Acme" })]);
    } finally {
      await sandbox.stop();
    }
  });

  test("organizations and their relations survive a restart", async () => {
    const stateFile = path.join(directory, "state.json");
    const credentials = { appId: "org-persisted-app", appSecret: "org-persisted-secret" };
    const first = await spawnSandbox({ stateFile, ...credentials });
    let orgId: string;
    try {
      orgId = ((await first.api("POST", "/api/organizations", { name: "Acme" })).body as Row).id;
      await first.api("POST", `/api/organizations/${orgId}/jit/email-domains`, { emailDomain: "acme.com" });
    } finally {
      await first.stop();
    }
    const second = await spawnSandbox({ stateFile, ...credentials });
    try {
      expect((await second.api("GET", `/api/organizations/${orgId}`)).body).toMatchObject({ name: "Acme" });
      expect((await second.api("GET", `/api/organizations/${orgId}/jit/email-domains`)).body).toEqual([
        { tenantId: "default", organizationId: orgId, emailDomain: "acme.com" },
      ]);
    } finally {
      await second.stop();
    }
  });
});
