import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const fixture = path.join(repoRoot, "test/fixtures/declared");
const orders = "https://api.shop.example.com/orders";
const oktaSecret = "okta-secret-for-organizations-test";

interface Spec {
  kind: string;
  name: string;
  args: Record<string, unknown>;
}
interface LogtoOrganization {
  id: string;
  name: string;
  description: string | null;
  customData: Record<string, unknown>;
  isMfaRequired: boolean;
  color: Record<string, unknown>;
  branding: Record<string, unknown>;
}
interface Named {
  id: string;
  name: string;
}

/** The B2B template and one customer: what each test changes starts from here. */
function b2b(issuer: string, change: (specs: Record<string, Spec>) => void = () => undefined): Spec[] {
  const specs: Record<string, Spec> = {
    orders: { kind: "ApiResource", name: "orders", args: { name: "Orders", indicator: orders, scopes: { "read:orders": "Read", "write:orders": "Write" } } },
    invite: { kind: "OrganizationScope", name: "invite", args: { name: "invite:members", description: "Invite members" } },
    billing: { kind: "OrganizationScope", name: "billing", args: { name: "manage:billing" } },
    member: {
      kind: "OrganizationRole",
      name: "member",
      args: { name: "Member", description: "Every employee", permissions: ["$ref:invite"], apiPermissions: [{ api: "$ref:orders", scopes: ["read:orders"] }] },
    },
    admin: { kind: "OrganizationRole", name: "admin", args: { name: "Admin", permissions: ["$ref:invite", "$ref:billing"] } },
    automation: { kind: "OrganizationRole", name: "automation", args: { name: "Automation", type: "MachineToMachine", apiPermissions: [{ api: "$ref:orders", scopes: ["read:orders"] }] } },
    okta: {
      kind: "SsoConnector",
      name: "okta",
      args: { providerName: "Okta", connectorName: "Acme Okta", config: { issuer, clientId: "acme-client", clientSecret: "$secret:okta" }, domains: ["acme.com"] },
    },
    sync: { kind: "Application", name: "sync", args: { name: "Acme sync job", type: "MachineToMachine" } },
    acme: {
      kind: "Organization",
      name: "acme",
      args: {
        name: "Acme",
        description: "Enterprise customer",
        customData: { tier: "gold" },
        isMfaRequired: true,
        color: { primaryColor: "#5b21b6" },
        branding: { logoUrl: "https://acme.example.com/logo.svg" },
        jit: { emailDomains: ["acme.com"], ssoConnectors: ["$ref:okta"], roles: ["$ref:member"] },
        applications: [{ app: "$ref:sync", roles: ["$ref:automation"] }],
      },
    },
  };
  change(specs);
  return Object.values(specs);
}

describe("organizations, their template and just-in-time provisioning under the real pulumi engine", () => {
  let sandbox: Sandbox;
  let engine: EngineStack;
  let issuer: string;
  const api = async <T>(method: string, apiPath: string, body?: unknown) => (await sandbox.api(method, apiPath, body)).body as T;
  const organizations = async () => api<LogtoOrganization[]>("GET", "/api/organizations?page_size=100");
  const acme = async () => (await organizations()).find((organization) => organization.name === "Acme")!;
  const orgRole = async (name: string) => (await api<Named[]>("GET", "/api/organization-roles?page_size=100")).find((role) => role.name === name)!;
  const names = (rows: Array<{ name: string }>) => rows.map((row) => row.name).sort();
  const jit = async (id: string) => ({
    emailDomains: (await api<Array<{ emailDomain: string }>>("GET", `/api/organizations/${id}/jit/email-domains`)).map((row) => row.emailDomain).sort(),
    ssoConnectors: (await api<Array<{ connectorName: string }>>("GET", `/api/organizations/${id}/jit/sso-connectors`)).map((row) => row.connectorName),
    roles: names(await api<Named[]>("GET", `/api/organizations/${id}/jit/roles`)),
  });
  const members = async (id: string) =>
    (await api<Array<{ name: string; organizationRoles: Named[] }>>("GET", `/api/organizations/${id}/applications`)).map((app) => ({ app: app.name, roles: names(app.organizationRoles) }));
  const writes = async () => (await sandbox.requests()).filter((entry) => entry.class === "write").map((entry) => `${entry.method} ${entry.path}`);
  const declare = (change?: (specs: Record<string, Spec>) => void) => engine.setConfig("resources", JSON.stringify(b2b(issuer, change)));

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    issuer = `${sandbox.endpoint}/__sandbox/idp/okta`;
    engine = await createEngineStack({ workDir: fixture, logto: sandbox, config: { resources: "[]" }, secrets: { secrets: JSON.stringify({ okta: oktaSecret }) } });
    await declare();
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
  });

  test("up creates the template, the organization with its settings, its just-in-time rules and its member app", async () => {
    const result = await engine.up();

    const organization = await acme();
    expect(organization).toMatchObject({
      description: "Enterprise customer",
      customData: { tier: "gold", "pulumi:managedBy": `declared-fixture/${engine.name}/acme` },
      isMfaRequired: true,
      color: { primaryColor: "#5b21b6" },
      branding: { logoUrl: "https://acme.example.com/logo.svg" },
    });
    expect(result.outputs.ids.value.acme).toBe(organization.id);
    expect(await jit(organization.id)).toEqual({ emailDomains: ["acme.com"], ssoConnectors: ["Acme Okta"], roles: ["Member"] });
    expect(await members(organization.id)).toEqual([{ app: "Acme sync job", roles: ["Automation"] }]);
    const member = await orgRole("Member");
    expect(names(await api<Named[]>("GET", `/api/organization-roles/${member.id}/scopes`))).toEqual(["invite:members"]);
    expect(names(await api<Named[]>("GET", `/api/organization-roles/${member.id}/resource-scopes`))).toEqual(["read:orders"]);
  });

  test("a preview right after up expects no changes and sends no write", async () => {
    await sandbox.clearRequests();
    await engine.preview({ expectNoChanges: true });
    expect(await writes()).toEqual([]);
  });

  test("each just-in-time list is edited in place, with one request", async () => {
    const { id } = await acme();
    const steps: Array<[change: (specs: Record<string, Spec>) => void, sent: string, after: Partial<Awaited<ReturnType<typeof jit>>>]> = [
      [(specs) => ((specs.acme.args.jit as Record<string, unknown>).emailDomains = ["acme.com", "Acme.org"]), `PUT /api/organizations/${id}/jit/email-domains`, { emailDomains: ["acme.com", "acme.org"] }],
      [(specs) => ((specs.acme.args.jit as Record<string, unknown>).roles = ["$ref:member", "$ref:admin"]), `PUT /api/organizations/${id}/jit/roles`, { roles: ["Admin", "Member"] }],
      [(specs) => ((specs.acme.args.jit as Record<string, unknown>).ssoConnectors = []), `PUT /api/organizations/${id}/jit/sso-connectors`, { ssoConnectors: [] }],
    ];
    const applied: Array<(specs: Record<string, Spec>) => void> = [];
    for (const [change, sent, after] of steps) {
      applied.push(change);
      await declare((specs) => applied.forEach((each) => each(specs)));
      await sandbox.clearRequests();

      expect((await engine.up()).summary.resourceChanges).toMatchObject({ update: 1 });

      expect(await writes()).toEqual([sent]);
      expect(await jit(id)).toMatchObject(after);
    }
    await declare();
    await engine.up();
    expect(await jit(id)).toEqual({ emailDomains: ["acme.com"], ssoConnectors: ["Acme Okta"], roles: ["Member"] });
  });

  test("an organization role's permissions and type change in place", async () => {
    const admin = await orgRole("Admin");
    await declare((specs) => {
      specs.admin.args = { ...specs.admin.args, permissions: ["$ref:billing"], apiPermissions: [{ api: "$ref:orders", scopes: ["read:orders", "write:orders"] }] };
    });
    await sandbox.clearRequests();

    await engine.up();

    expect((await writes()).sort()).toEqual([`PUT /api/organization-roles/${admin.id}/resource-scopes`, `PUT /api/organization-roles/${admin.id}/scopes`]);
    expect(names(await api<Named[]>("GET", `/api/organization-roles/${admin.id}/scopes`))).toEqual(["manage:billing"]);
    expect(names(await api<Named[]>("GET", `/api/organization-roles/${admin.id}/resource-scopes`))).toEqual(["read:orders", "write:orders"]);

    await declare((specs) => (specs.admin.args = { ...specs.admin.args, type: "MachineToMachine" }));
    await engine.up();
    expect(await orgRole("Admin")).toMatchObject({ id: admin.id, type: "MachineToMachine" });
    await declare();
    await engine.up();
  });

  test("refresh then up repairs what was changed or deleted behind Pulumi's back", async () => {
    const organization = await acme();
    await api("PATCH", `/api/organizations/${organization.id}`, { name: "Acme (renamed in the Console)", customData: { tier: "silver" } });
    await api("DELETE", `/api/organizations/${organization.id}/jit/email-domains/acme.com`);
    const automation = await orgRole("Automation");
    await api("DELETE", `/api/organizations/${organization.id}/applications/${(await api<Named[]>("GET", `/api/organizations/${organization.id}/applications`))[0]!.id}/roles/${automation.id}`);
    const scopes = await api<Named[]>("GET", "/api/organization-scopes");
    await api("DELETE", `/api/organization-scopes/${scopes.find((scope) => scope.name === "invite:members")!.id}`);
    await api("PATCH", `/api/organization-scopes/${scopes.find((scope) => scope.name === "manage:billing")!.id}`, { description: "changed in the Console" });
    const admin = await orgRole("Admin");
    await api("PATCH", `/api/organization-roles/${admin.id}`, { name: "Administrator", type: "MachineToMachine" });

    const refresh = await engine.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    await engine.up();
    await engine.preview({ expectNoChanges: true });

    const repaired = await acme();
    expect(repaired).toMatchObject({ id: organization.id, customData: { tier: "gold" } });
    expect(await jit(organization.id)).toEqual({ emailDomains: ["acme.com"], ssoConnectors: ["Acme Okta"], roles: ["Member"] });
    expect(await members(organization.id)).toEqual([{ app: "Acme sync job", roles: ["Automation"] }]);
    expect(names(await api<Named[]>("GET", `/api/organization-roles/${(await orgRole("Member")).id}/scopes`))).toEqual(["invite:members"]);
    expect(await orgRole("Admin")).toMatchObject({ id: admin.id, type: "User" });
    expect((await api<Array<Named & { description: string | null }>>("GET", "/api/organization-scopes")).find((scope) => scope.name === "manage:billing")?.description).toBeNull();
  });

  test("an organization deleted behind Pulumi's back is made again, with its rules and members", async () => {
    const gone = await acme();
    await api("DELETE", `/api/organizations/${gone.id}`);

    await engine.refresh();
    await engine.up();

    const again = await acme();
    expect(again.id).not.toBe(gone.id);
    expect(await jit(again.id)).toEqual({ emailDomains: ["acme.com"], ssoConnectors: ["Acme Okta"], roles: ["Member"] });
    expect(await members(again.id)).toEqual([{ app: "Acme sync job", roles: ["Automation"] }]);
  });

  test("a create whose answer is lost is found again by its mark, never made twice", async () => {
    await engine.destroy();
    await sandbox.clearRequests();
    await sandbox.faults([{ match: { method: "POST", path: "^/api/organizations$" }, loseAnswer: true, times: 1 }]);

    await engine.up();
    await sandbox.clearFaults();

    const posts = (await sandbox.requests()).filter((entry) => entry.method === "POST" && entry.path === "/api/organizations");
    expect(posts.map((entry) => entry.status)).toEqual([0]); // the one create, its answer lost: not sent again
    expect((await organizations()).filter((organization) => organization.name === "Acme")).toHaveLength(1);
    await engine.preview({ expectNoChanges: true });
  });

  test("neither state nor output holds the SSO connector's secret", async () => {
    expect(await engine.exportDecryptedState()).toContain(oktaSecret);
    expect(await engine.exportState()).not.toContain(oktaSecret);
    expect(engine.transcript()).not.toContain(oktaSecret);
  });

  test("destroy leaves no organization, role or permission of the template behind", async () => {
    await engine.destroy();

    expect(await organizations()).toEqual([]);
    expect(await api("GET", "/api/organization-roles")).toEqual([]);
    expect(await api("GET", "/api/organization-scopes")).toEqual([]);
  });
});
