import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";

import { spawnSandbox, type Sandbox } from "../support/sandbox";
import { validateAgainstSchema, type OpenApiDocument } from "./openapi-schema";

const openApiFile = path.resolve(__dirname, "../../../shared/logto-openapi-v1.41.0.json");
const document = JSON.parse(readFileSync(openApiFile, "utf8")) as OpenApiDocument;

/** `/api/applications/:id` and `/api/applications/{applicationId}` name the same route. */
const shapeOf = (route: string) => route.replace(/:[^/]+|\{[^}]+\}/g, "{}");
const literalSegments = (route: string) => route.split("/").filter((part) => !part.startsWith("{")).length;
/** The documented path for a route template (`:id`) or a concrete path, literal segments first. */
const openApiPathFor = (route: string) =>
  Object.keys(document.paths)
    .filter((candidate) =>
      new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(route.includes(":") ? shapeOf(route).replace(/\{\}/g, "x") : route),
    )
    .sort((a, b) => literalSegments(b) - literalSegments(a))[0];

const template = (usageType: string) => ({ usageType, subject: "Code", content: "{{code}}" });

describe("sandbox contract with Logto v1.41.0's OpenAPI document", () => {
  let sandbox: Sandbox;
  let idp: Server;
  let issuer: string;

  beforeAll(async () => {
    idp = createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/a`, token_endpoint: `${issuer}/t`, jwks_uri: `${issuer}/j` }));
    });
    await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    sandbox = await spawnSandbox();
  });
  afterAll(async () => {
    await sandbox?.stop();
    await new Promise<void>((resolve) => idp?.close(() => resolve()));
  });

  test("the schema check is not vacuous", () => {
    const schema = document.paths["/api/applications/{id}"]!.get.responses["200"].content["application/json"].schema;
    const errors = validateAgainstSchema(document, schema, { id: 5, type: "Mainframe", isAdmin: "no" });
    expect(errors).toEqual(expect.arrayContaining(["$.name: required", "$.id: expected string, got integer", "$.isAdmin: expected boolean, got string"]));
    expect(errors.some((error) => error.startsWith("$.type:"))).toBe(true);
  });

  test("every Management API route the sandbox serves exists in the document with that method", async () => {
    const routes = (await fetch(`${sandbox.endpoint}/__sandbox/routes`).then(async (response) => response.json())) as Array<{ method: string; path: string }>;
    expect(routes.length).toBeGreaterThan(15);
    const missing = routes.filter(({ method, path: route }) => {
      const documented = openApiPathFor(route);
      return !documented || !document.paths[documented]![method.toLowerCase()];
    });
    expect(missing).toEqual([]);
  });

  test("sample requests and responses satisfy the documented schemas", async () => {
    const samples: Array<[method: string, route: string, body?: unknown]> = [];
    const call = async (method: string, route: string, body?: unknown) => {
      const response = await sandbox.api(method, route, body);
      samples.push([method, route, body]);
      const documented = openApiPathFor(route.split("?")[0]!);
      expect(documented).toBeDefined();
      const operation = document.paths[documented!]![method.toLowerCase()];
      if (body !== undefined) {
        const requestSchema = operation.requestBody?.content?.["application/json"]?.schema;
        expect({ request: `${method} ${route}`, errors: validateAgainstSchema(document, requestSchema, body) }).toEqual({ request: `${method} ${route}`, errors: [] });
      }
      const responseSchema = operation.responses?.[String(response.status)]?.content?.["application/json"]?.schema;
      expect({ call: `${method} ${route}`, status: response.status, documented: Boolean(operation.responses?.[String(response.status)]) }).toEqual({
        call: `${method} ${route}`,
        status: response.status,
        documented: true,
      });
      if (responseSchema) {
        expect({ call: `${method} ${route}`, errors: validateAgainstSchema(document, responseSchema, response.body) }).toEqual({ call: `${method} ${route}`, errors: [] });
      }
      return response.body as any;
    };

    const app = await call("POST", "/api/applications", {
      name: "web",
      type: "Traditional",
      oidcClientMetadata: { redirectUris: ["https://a.example.com/cb"], postLogoutRedirectUris: [] },
      customClientMetadata: { corsAllowedOrigins: ["https://a.example.com"] },
    });
    await call("GET", "/api/applications");
    await call("GET", "/api/applications?page=1&page_size=5");
    await call("GET", `/api/applications/${app.id}`);
    await call("PATCH", `/api/applications/${app.id}`, { name: "web 2", customData: { a: 1 } });
    await call("GET", `/api/applications/${app.id}/secrets`);
    await call("POST", `/api/applications/${app.id}/secrets`, { name: "ci" });
    await call("PATCH", `/api/applications/${app.id}/secrets/ci`, { name: "ci-2" });
    await call("DELETE", `/api/applications/${app.id}/secrets/ci-2`);

    await call("GET", "/api/connector-factories");
    await call("GET", "/api/connector-factories/oidc");
    const apple = await call("POST", "/api/connectors", { connectorId: "apple-universal", config: { clientId: "x" } });
    await call("POST", "/api/connectors", {
      connectorId: "aws-ses-mail",
      config: { accessKeyId: "a", accessKeySecret: "b", region: "eu-west-1", templates: ["Register", "SignIn", "ForgotPassword", "Generic"].map(template) },
    });
    await call("GET", "/api/connectors");
    await call("GET", `/api/connectors/${apple.id}`);
    await call("PATCH", `/api/connectors/${apple.id}`, { config: { clientId: "y" }, syncProfile: true });

    await call("GET", "/api/sso-connector-providers");
    const sso = await call("POST", "/api/sso-connectors", {
      providerName: "OIDC",
      connectorName: "Acme",
      config: { issuer, clientId: "c", clientSecret: "s" },
      domains: ["acme.com"],
      branding: { displayName: "Acme" },
    });
    await call("GET", "/api/sso-connectors");
    await call("GET", `/api/sso-connectors/${sso.id}`);
    await call("PATCH", `/api/sso-connectors/${sso.id}`, { connectorName: "Acme 2" });

    await call("GET", "/api/sign-in-exp");
    await call("PATCH", "/api/sign-in-exp", { socialSignInConnectorTargets: ["apple"], singleSignOnEnabled: true });
    await call("PUT", "/api/custom-phrases/fr", { input: { username: "Nom d'utilisateur" } });
    await call("GET", "/api/custom-phrases");
    await call("GET", "/api/custom-phrases/fr");
    await call("DELETE", "/api/custom-phrases/fr");

    const resource = await call("POST", "/api/resources", { name: "Orders", indicator: "https://orders.example.com", accessTokenTtl: 600 });
    await call("GET", "/api/resources");
    await call("GET", "/api/resources?includeScopes=true&page=1&page_size=5");
    await call("GET", `/api/resources/${resource.id}`);
    await call("PATCH", `/api/resources/${resource.id}`, { name: "Orders 2", accessTokenTtl: 900 });
    await call("PATCH", `/api/resources/${resource.id}/is-default`, { isDefault: true });
    const read = await call("POST", `/api/resources/${resource.id}/scopes`, { name: "read:orders", description: "Read orders" });
    const write = await call("POST", `/api/resources/${resource.id}/scopes`, { name: "write:orders" });
    await call("GET", `/api/resources/${resource.id}/scopes`);
    await call("GET", `/api/resources/${resource.id}/scopes?search=%25orders&page=1&page_size=1`);
    await call("PATCH", `/api/resources/${resource.id}/scopes/${write.id}`, { description: null });

    const role = await call("POST", "/api/roles", { name: "Order reader", description: "Reads orders", type: "MachineToMachine", scopeIds: [read.id] });
    await call("GET", "/api/roles");
    await call("GET", "/api/roles?type=MachineToMachine&search=%25order%25&page=1&page_size=5");
    await call("GET", `/api/roles/${role.id}`);
    await call("PATCH", `/api/roles/${role.id}`, { description: "Reads every order", isDefault: false });
    await call("POST", `/api/roles/${role.id}/scopes`, { scopeIds: [write.id] });
    await call("GET", `/api/roles/${role.id}/scopes`);
    await call("DELETE", `/api/roles/${role.id}/scopes/${write.id}`);
    const worker = await call("POST", "/api/applications", { name: "worker", type: "MachineToMachine" });
    await call("POST", `/api/roles/${role.id}/applications`, { applicationIds: [worker.id] });
    await call("GET", `/api/roles/${role.id}/applications`);
    await call("DELETE", `/api/roles/${role.id}/applications/${worker.id}`);
    await call("POST", `/api/applications/${worker.id}/roles`, { roleIds: [role.id] });
    await call("GET", `/api/applications/${worker.id}/roles`);
    await call("PUT", `/api/applications/${worker.id}/roles`, { roleIds: [role.id] });
    await call("DELETE", `/api/applications/${worker.id}/roles/${role.id}`);

    // The organization template, organizations, JIT and organization applications.
    const orgRead = await call("POST", "/api/organization-scopes", { name: "read members", description: "Read members" });
    const orgWrite = await call("POST", "/api/organization-scopes", { name: "write:members" });
    await call("POST", "/api/organization-scopes", { name: "read members" });
    await call("GET", "/api/organization-scopes");
    await call("GET", "/api/organization-scopes?q=members&page=1&page_size=5");
    await call("GET", `/api/organization-scopes/${orgRead.id}`);
    await call("PATCH", `/api/organization-scopes/${orgRead.id}`, { description: null });
    const orgRole = await call("POST", "/api/organization-roles", {
      name: "Member",
      description: "A member",
      type: "MachineToMachine",
      organizationScopeIds: [orgRead.id],
      resourceScopeIds: [read.id],
    });
    const jitRole = await call("POST", "/api/organization-roles", { name: "Guest", organizationScopeIds: [], resourceScopeIds: [] });
    await call("GET", "/api/organization-roles");
    await call("GET", "/api/organization-roles?q=mem&page=1&page_size=5");
    await call("GET", `/api/organization-roles/${orgRole.id}`);
    await call("PATCH", `/api/organization-roles/${orgRole.id}`, { description: "Any member" });
    await call("POST", `/api/organization-roles/${orgRole.id}/scopes`, { organizationScopeIds: [orgWrite.id] });
    await call("GET", `/api/organization-roles/${orgRole.id}/scopes`);
    await call("PUT", `/api/organization-roles/${orgRole.id}/scopes`, { organizationScopeIds: [orgRead.id, orgWrite.id] });
    await call("DELETE", `/api/organization-roles/${orgRole.id}/scopes/${orgWrite.id}`);
    await call("POST", `/api/organization-roles/${orgRole.id}/resource-scopes`, { scopeIds: [write.id] });
    await call("GET", `/api/organization-roles/${orgRole.id}/resource-scopes?page=1&page_size=5`);
    await call("PUT", `/api/organization-roles/${orgRole.id}/resource-scopes`, { scopeIds: [read.id, write.id] });
    await call("DELETE", `/api/organization-roles/${orgRole.id}/resource-scopes/${write.id}`);

    const org = await call("POST", "/api/organizations", {
      name: "Acme",
      description: "Rockets",
      customData: { tier: "gold" },
      isMfaRequired: true,
      color: { primaryColor: "#abcdef", isDarkModeEnabled: false },
      branding: { logoUrl: "https://acme.example.com/logo.svg" },
      customCss: ".x{}",
    });
    await call("GET", "/api/organizations");
    await call("GET", "/api/organizations?q=acme&showFeatured=true&page=1&page_size=5");
    await call("GET", `/api/organizations/${org.id}`);
    await call("GET", "/api/organizations/nope");
    await call("PATCH", `/api/organizations/${org.id}`, { customData: { tier: "silver" }, description: null });
    await call("POST", `/api/organizations/${org.id}/jit/email-domains`, { emailDomain: "acme.com" });
    await call("GET", `/api/organizations/${org.id}/jit/email-domains`);
    await call("PUT", `/api/organizations/${org.id}/jit/email-domains`, { emailDomains: ["acme.com", "acme.org"] });
    await call("DELETE", `/api/organizations/${org.id}/jit/email-domains/acme.org`);
    await call("POST", `/api/organizations/${org.id}/jit/roles`, { organizationRoleIds: [jitRole.id] });
    await call("GET", `/api/organizations/${org.id}/jit/roles`);
    await call("PUT", `/api/organizations/${org.id}/jit/roles`, { organizationRoleIds: [jitRole.id, orgRole.id] });
    await call("DELETE", `/api/organizations/${org.id}/jit/roles/${orgRole.id}`);
    await call("POST", `/api/organizations/${org.id}/jit/sso-connectors`, { ssoConnectorIds: [sso.id] });
    await call("GET", `/api/organizations/${org.id}/jit/sso-connectors`);
    await call("PUT", `/api/organizations/${org.id}/jit/sso-connectors`, { ssoConnectorIds: [sso.id] });
    await call("DELETE", `/api/organizations/${org.id}/jit/sso-connectors/${sso.id}`);
    const member = await call("POST", "/api/applications", { name: "member", type: "MachineToMachine" });
    const robot = await call("POST", "/api/applications", { name: "robot", type: "MachineToMachine" });
    await call("POST", `/api/organizations/${org.id}/applications`, { applicationIds: [member.id] });
    await call("PUT", `/api/organizations/${org.id}/applications`, { applicationIds: [member.id, robot.id] });
    await call("POST", `/api/organizations/${org.id}/applications/roles`, { applicationIds: [member.id, robot.id], organizationRoleIds: [orgRole.id] });
    await call("GET", `/api/organizations/${org.id}/applications`);
    await call("GET", `/api/organizations/${org.id}/applications/${member.id}/roles`);
    await call("PUT", `/api/organizations/${org.id}/applications/${member.id}/roles`, { organizationRoleIds: [orgRole.id] });
    await call("DELETE", `/api/organizations/${org.id}/applications/${member.id}/roles/${orgRole.id}`);
    await call("POST", `/api/organizations/${org.id}/applications/${member.id}/roles`, { organizationRoleIds: [orgRole.id] });
    await call("GET", `/api/applications/${member.id}/organizations`);
    await call("DELETE", `/api/organizations/${org.id}/applications/${robot.id}`);
    await call("DELETE", `/api/organizations/${org.id}`);
    await call("DELETE", `/api/organization-roles/${orgRole.id}`);
    await call("DELETE", `/api/organization-scopes/${orgRead.id}`);
    await call("DELETE", `/api/applications/${member.id}`);
    await call("DELETE", `/api/applications/${robot.id}`);

    await call("DELETE", `/api/roles/${role.id}`);
    await call("DELETE", `/api/resources/${resource.id}/scopes/${write.id}`);
    await call("DELETE", `/api/resources/${resource.id}`);
    await call("DELETE", `/api/applications/${worker.id}`);

    await call("DELETE", `/api/sso-connectors/${sso.id}`);
    await call("DELETE", `/api/connectors/${apple.id}`);
    await call("DELETE", `/api/applications/${app.id}`);

    const served = new Set(samples.map(([method, route]) => `${method} ${openApiPathFor(route.split("?")[0]!)}`));
    const routes = (await fetch(`${sandbox.endpoint}/__sandbox/routes`).then(async (response) => response.json())) as Array<{ method: string; path: string }>;
    expect(routes.map(({ method, path: route }) => `${method} ${openApiPathFor(route)}`).filter((route) => !served.has(route))).toEqual([]);
  });
});
