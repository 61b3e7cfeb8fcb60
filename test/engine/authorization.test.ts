import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/authorization");
const orders = "https://api.shop.example.com/orders";

interface LogtoScope {
  id: string;
  name: string;
  description: string | null;
}
interface LogtoResource {
  id: string;
  name: string;
  indicator: string;
  isDefault: boolean;
  accessTokenTtl: number;
  scopes: LogtoScope[];
}
interface LogtoRole {
  id: string;
  name: string;
  type: string;
  isDefault: boolean;
}

const apis = {
  orders: {
    name: "Orders API",
    indicator: orders,
    accessTokenTtl: 900,
    scopes: { "read:orders": "Read orders", "write:orders": "Create and change orders" },
  },
};
const roles = {
  clerk: { name: "Order clerk", description: "Works the order queue", isDefault: true, permissions: [{ api: "orders", scopes: ["write:orders", "read:orders"] }] },
  auditor: { name: "Auditor", description: "Reads orders", permissions: [{ api: "orders", scopes: ["read:orders"] }] },
  fulfilment: { name: "Fulfilment service", description: "Backend job", type: "MachineToMachine", permissions: [{ api: "orders", scopes: ["read:orders"] }] },
};
const apps = { fulfilment: { name: "Fulfilment job", type: "MachineToMachine", roles: ["fulfilment"] } };

describe("API resources, roles and machine-to-machine access under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  const api = async <T>(method: string, apiPath: string, body?: unknown) => (await sandbox.api(method, apiPath, body)).body as T;
  const ours = async () => (await api<LogtoResource[]>("GET", "/api/resources?includeScopes=true")).filter((resource) => resource.id !== "management-api");
  const roleNamed = async (name: string) => (await api<LogtoRole[]>("GET", "/api/roles?page_size=100")).find((role) => role.name === name);
  const permissionsOf = async (roleId: string) => (await api<LogtoScope[]>("GET", `/api/roles/${roleId}/scopes`)).map((scope) => scope.name).sort();
  const writes = async () => (await sandbox.requests()).filter((entry) => entry.class === "write").map((entry) => `${entry.method} ${entry.path}`);
  const setSpecs = async (specs: { apis?: unknown; roles?: unknown; apps?: unknown }) => {
    for (const [key, value] of Object.entries(specs)) await engine.setConfig(key, JSON.stringify(value));
  };

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    engine = await createEngineStack({ workDir: fixture, logto: sandbox });
    await setSpecs({ apis, roles, apps });
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up creates the API with its permissions, the roles with theirs, and the M2M app holding its role", async () => {
    const result = await engine.up();

    const [resource, ...others] = await ours();
    expect(others).toEqual([]);
    expect(resource).toMatchObject({ name: "Orders API", indicator: orders, accessTokenTtl: 900, isDefault: false });
    expect(Object.fromEntries(resource.scopes.map((scope) => [scope.name, scope.description]))).toEqual(apis.orders.scopes);
    expect(result.outputs.apiOutputs.value.orders).toEqual({
      resourceId: resource.id,
      scopeIds: Object.fromEntries(resource.scopes.map((scope) => [scope.name, scope.id])),
    });

    const clerk = (await roleNamed("Order clerk"))!;
    expect(clerk).toMatchObject({ type: "User", isDefault: true });
    expect(await permissionsOf(clerk.id)).toEqual(["read:orders", "write:orders"]);
    const service = (await roleNamed("Fulfilment service"))!;
    expect(service.type).toBe("MachineToMachine");
    expect(result.outputs.roleIds.value).toMatchObject({ clerk: clerk.id, fulfilment: service.id });

    const app = result.outputs.appOutputs.value.fulfilment;
    expect((await api<LogtoRole[]>("GET", `/api/applications/${app.appId}/roles`)).map((role) => role.id)).toEqual([service.id]);
    expect(app.appSecret).toEqual(expect.any(String)); // a secret inside the output: see the secrets test below
  });

  test("a preview right after up expects no changes and sends no write", async () => {
    await sandbox.clearRequests();
    await engine.preview({ expectNoChanges: true });
    expect(await writes()).toEqual([]);
  });

  test("adding, re-describing and removing a permission touches only that permission, never the roles", async () => {
    const [before] = await ours();
    const id = (name: string) => before.scopes.find((scope) => scope.name === name)!.id;
    await setSpecs({ apis: { orders: { ...apis.orders, scopes: { ...apis.orders.scopes, "refund:orders": "Refund orders" } } } });
    await sandbox.clearRequests();
    expect((await engine.up()).summary.resourceChanges).toMatchObject({ update: 1, same: 5 });
    expect(await writes()).toEqual([`POST /api/resources/${before.id}/scopes`]);

    await setSpecs({ apis: { orders: { ...apis.orders, scopes: { ...apis.orders.scopes, "refund:orders": "Refund paid orders" } } } });
    await sandbox.clearRequests();
    expect((await engine.up()).summary.resourceChanges).toMatchObject({ update: 1, same: 5 });
    const [described] = await ours();
    const refund = described.scopes.find((scope) => scope.name === "refund:orders")!;
    expect(await writes()).toEqual([`PATCH /api/resources/${before.id}/scopes/${refund.id}`]);
    expect(refund.description).toBe("Refund paid orders");

    await setSpecs({ apis });
    await sandbox.clearRequests();
    expect((await engine.up()).summary.resourceChanges).toMatchObject({ update: 1, same: 5 });
    expect(await writes()).toEqual([`DELETE /api/resources/${before.id}/scopes/${refund.id}`]);
    const [after] = await ours();
    expect(after.id).toBe(before.id);
    expect(after.scopes.map((scope) => scope.id).sort()).toEqual([id("read:orders"), id("write:orders")].sort());
  });

  test("a role's permissions change in place", async () => {
    const auditor = (await roleNamed("Auditor"))!;
    await setSpecs({ roles: { ...roles, auditor: { ...roles.auditor, permissions: [{ api: "orders", scopes: ["read:orders", "write:orders"] }] } } });

    expect((await engine.up()).summary.resourceChanges).toMatchObject({ update: 1 });

    expect((await roleNamed("Auditor"))!.id).toBe(auditor.id);
    expect(await permissionsOf(auditor.id)).toEqual(["read:orders", "write:orders"]);
    await setSpecs({ roles });
    await engine.up();
    expect(await permissionsOf(auditor.id)).toEqual(["read:orders"]);
  });

  test("changing a role's type replaces it, deleting the old one first (names are unique)", async () => {
    const auditor = (await roleNamed("Auditor"))!;
    await setSpecs({ roles: { ...roles, auditor: { ...roles.auditor, type: "MachineToMachine" } } });

    const result = await engine.up();

    expect(result.summary.resourceChanges).toMatchObject({ replace: 1 });
    const replaced = (await roleNamed("Auditor"))!;
    expect(replaced.id).not.toBe(auditor.id);
    expect(replaced.type).toBe("MachineToMachine");
    expect(await permissionsOf(replaced.id)).toEqual(["read:orders"]);
    await setSpecs({ roles });
    await engine.up();
  });

  test("the M2M app's roles change in place", async () => {
    const appId = (await engine.stack.outputs()).appOutputs.value.fulfilment.appId as string;
    const backup = { name: "Backup job", description: "Reads orders for backups", type: "MachineToMachine", permissions: [{ api: "orders", scopes: ["read:orders"] }] };
    await setSpecs({ roles: { ...roles, backup }, apps: { fulfilment: { ...apps.fulfilment, roles: ["fulfilment", "backup"] } } });

    await engine.up();

    const held = (await api<LogtoRole[]>("GET", `/api/applications/${appId}/roles`)).map((role) => role.name).sort();
    expect(held).toEqual(["Backup job", "Fulfilment service"]);

    // A role managed elsewhere, by id: here the tenant's own Management API access role.
    const managementRole = (await roleNamed("Logto Management API access"))!;
    await setSpecs({ apps: { fulfilment: { ...apps.fulfilment, roles: ["fulfilment", managementRole.id] } } });
    await engine.up();
    expect((await api<LogtoRole[]>("GET", `/api/applications/${appId}/roles`)).map((role) => role.name).sort()).toEqual(["Fulfilment service", "Logto Management API access"]);
    await engine.preview({ expectNoChanges: true });
    await setSpecs({ roles, apps });
    await engine.up();
    expect((await api<LogtoRole[]>("GET", `/api/applications/${appId}/roles`)).map((role) => role.name)).toEqual(["Fulfilment service"]);
  });

  test("refresh then up repairs a permission, a role and the API deleted out of band", async () => {
    const [resource] = await ours();
    const clerk = (await roleNamed("Order clerk"))!;
    const write = resource.scopes.find((scope) => scope.name === "write:orders")!;
    await api("DELETE", `/api/resources/${resource.id}/scopes/${write.id}`);
    await api("DELETE", `/api/roles/${clerk.id}`);

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1, delete: 1 }); // the API lost a permission; the clerk role is gone
    await engine.up();
    await engine.preview({ expectNoChanges: true });
    expect((await ours())[0].scopes.map((scope) => scope.name).sort()).toEqual(["read:orders", "write:orders"]);
    const newClerk = (await roleNamed("Order clerk"))!;
    expect(await permissionsOf(newClerk.id)).toEqual(["read:orders", "write:orders"]);

    await api("DELETE", `/api/resources/${resource.id}`);
    await engine.refresh();
    await engine.up();
    await engine.preview({ expectNoChanges: true });
    const [recreated] = await ours();
    expect(recreated.id).not.toBe(resource.id);
    for (const name of ["Order clerk", "Auditor", "Fulfilment service"]) expect((await permissionsOf((await roleNamed(name))!.id)).length).toBeGreaterThan(0);
  });

  test("neither the state nor anything printed holds the M2M app's secret", async () => {
    const { appSecret } = (await engine.stack.outputs()).appOutputs.value.fulfilment;
    expect(await engine.exportDecryptedState()).toContain(appSecret);
    expect(await engine.exportState()).not.toContain(appSecret);
    expect(engine.transcript()).not.toContain(appSecret);
    expect(engine.transcript()).not.toContain(sandbox.appSecret);
  });

  test("destroy leaves only what the tenant had before, deleting in an order Logto accepts", async () => {
    await engine.destroy();

    expect(await ours()).toEqual([]);
    const left = (await api<LogtoRole[]>("GET", "/api/roles?page_size=100")).map((role) => role.name);
    expect(left).toEqual(["Logto Management API access"]);
  });
});
