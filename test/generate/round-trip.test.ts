// `logto-pulumi generate` round trip: a tenant made by hand (through the API) with 20 or more
// objects of every kind the resources manage → a generated program → `pulumi up` takes every
// object over (nothing new in Logto, nothing changed) → a preview expects no changes; and no
// secret of the tenant is in the generated files or in anything printed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createEngineStack, repoRoot, type EngineStack } from "../support/engine";
import { build, npmInstall, pack, pulumiVersion, run, typescriptVersion } from "../support/package";
import { spawnSandbox, type Sandbox } from "../support/sandbox";

const count = 20;
const pad = (index: number) => String(index).padStart(2, "0");
/** Every secret the tenant holds, by the object and field that holds it: none may leak. */
const secretOf = (object: string, field: string) => `s3cret-${object}-${field}-${Math.random().toString(36).slice(2, 10)}`;

/** Paths where two JSON values differ, e.g. `/api/applications[3].customClientMetadata`. */
function differences(before: unknown, after: unknown, at = ""): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === null || after === null || typeof before !== "object" || typeof after !== "object") return [`${at}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((key) => differences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], Array.isArray(before) ? `${at}[${key}]` : `${at}.${key}`));
}

describe("generate: a hand-made tenant becomes a program that takes it over unchanged", () => {
  let sandbox: Sandbox;
  let engine: EngineStack | undefined;
  const work: string[] = [];
  const secrets = new Map<string, string>();
  const api = async <T>(method: string, apiPath: string, body?: unknown) => {
    const response = await sandbox.api(method, apiPath, body);
    if (response.status >= 300) throw new Error(`${method} ${apiPath}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  const remember = (object: string, field: string) => {
    const value = secretOf(object, field);
    secrets.set(`${object}/${field}`, value);
    return value;
  };

  /**
   * What Logto holds, object by object (settings and relations), keyed by id so that list order
   * does not count. What adoption writes on purpose is left out: the stack's mark in an app's or
   * an organization's customData ("pulumi:managedBy"), and an app's CORS origins stored as []
   * where they were absent (the same list).
   */
  async function snapshot() {
    const paths = ["/api/applications?page_size=100", "/api/connectors", "/api/sso-connectors?page_size=100", "/api/resources?includeScopes=true", "/api/roles?page_size=100", "/api/organization-scopes", "/api/organization-roles?page_size=100", "/api/organizations?page_size=100", "/api/custom-phrases"];
    const byId = (list: Array<Record<string, any>>) => Object.fromEntries(list.map((item) => [item.id ?? item.languageTag, item]));
    const unmarked = ({ customData, customClientMetadata, ...object }: Record<string, any>) => {
      const { ["pulumi:managedBy"]: _mark, ...data } = customData ?? {};
      return { ...object, ...(customData && { customData: data }), ...(customClientMetadata && { customClientMetadata: { ...customClientMetadata, corsAllowedOrigins: customClientMetadata.corsAllowedOrigins ?? [] } }) };
    };
    const state: Record<string, unknown> = { signInExperience: await api("GET", "/api/sign-in-exp") };
    for (const each of paths) state[each.split("?")[0]!] = byId((await api<Array<Record<string, any>>>("GET", each)).map(unmarked));
    const ids = (list: string) => Object.keys(state[list] as object);
    const relation = async (apiPath: string) => byId((await api<Array<Record<string, any>>>("GET", apiPath)).map(unmarked));
    for (const id of ids("/api/roles")) state[`role ${id} scopes`] = await relation(`/api/roles/${id}/scopes`);
    const machines = Object.values(state["/api/applications"] as Record<string, { id: string; type: string }>).filter((app) => app.type === "MachineToMachine");
    for (const { id } of machines) state[`app ${id} roles`] = await relation(`/api/applications/${id}/roles?page_size=100`);
    for (const id of ids("/api/organization-roles")) {
      state[`org role ${id} scopes`] = await relation(`/api/organization-roles/${id}/scopes`);
      state[`org role ${id} api scopes`] = await relation(`/api/organization-roles/${id}/resource-scopes`);
    }
    for (const id of ids("/api/organizations")) {
      state[`organization ${id} jit domains`] = (await api<Array<{ emailDomain: string }>>("GET", `/api/organizations/${id}/jit/email-domains`)).map((row) => row.emailDomain).sort();
      for (const part of ["jit/sso-connectors", "jit/roles", "applications?page_size=100"]) state[`organization ${id} ${part}`] = await relation(`/api/organizations/${id}/${part}`);
    }
    return state;
  }

  async function makeTenant(): Promise<void> {
    const apis = [];
    for (let index = 0; index < count; index++) {
      apis.push(await api<{ id: string; indicator: string }>("POST", "/api/resources", { name: `Service ${pad(index)}`, indicator: `https://service-${pad(index)}.example.com`, accessTokenTtl: 600 + index }));
      for (const action of ["read", "write"]) await api("POST", `/api/resources/${apis[index]!.id}/scopes`, { name: `${action}:things${pad(index)}`, description: `${action} things` });
    }
    const scopeIds = async (resourceId: string) => (await api<Array<{ id: string }>>("GET", `/api/resources/${resourceId}/scopes`)).map((scope) => scope.id);
    const roles = [];
    for (let index = 0; index < count; index++) {
      const type = index < 15 ? "User" : "MachineToMachine";
      roles.push(await api<{ id: string }>("POST", "/api/roles", { name: `Role ${pad(index)}`, description: `Role number ${index}`, type, scopeIds: await scopeIds(apis[index]!.id) }));
    }
    const apps = [];
    for (let index = 0; index < count; index++) {
      const type = index < 10 ? "Traditional" : index < 14 ? "SPA" : index < 16 ? "Native" : "MachineToMachine";
      const host = `https://app-${pad(index)}.example.com`;
      apps.push(await api<{ id: string; type: string }>("POST", "/api/applications", {
        name: `App ${pad(index)}`,
        type,
        description: index % 2 ? `App number ${index}` : undefined,
        oidcClientMetadata: { redirectUris: type === "MachineToMachine" ? [] : [type === "Native" ? `io.example.app${index}://callback` : `${host}/callback`], postLogoutRedirectUris: type === "Traditional" ? [host] : [] },
        ...(type === "SPA" && { customClientMetadata: { corsAllowedOrigins: [host] } }),
      }));
    }
    for (const [offset, app] of apps.filter((app) => app.type === "MachineToMachine").entries()) await api("POST", `/api/applications/${app.id}/roles`, { roleIds: [roles[15 + offset]!.id] });
    await api("POST", "/api/applications", { name: "Partner portal", type: "Traditional", isThirdParty: true, oidcClientMetadata: { redirectUris: ["https://partner.example.com/cb"], postLogoutRedirectUris: [] } });

    await api("POST", "/api/connectors", { connectorId: "apple-universal", id: "apple", config: { clientId: "com.example.web", scope: "email name" } });
    await api("POST", "/api/connectors", {
      connectorId: "aws-ses-mail",
      id: "ses",
      config: { accessKeyId: "AKIAEXAMPLE", accessKeySecret: remember("ses", "accessKeySecret"), region: "eu-west-1", emailAddress: "no-reply@example.com", templates: ["Register", "SignIn", "ForgotPassword", "Generic"].map((usageType) => ({ usageType, subject: "Code", content: "{{code}}" })) },
    });
    for (let index = 0; index < count - 2; index++) {
      const idp = `https://idp-${pad(index)}.example.com`;
      await api("POST", "/api/connectors", {
        connectorId: "oidc",
        id: `corp-${pad(index)}`,
        metadata: { target: `corp-${pad(index)}`, name: { en: `Corp ${pad(index)}` } },
        config: { authorizationEndpoint: `${idp}/authorize`, tokenEndpoint: `${idp}/token`, clientId: `client-${pad(index)}`, clientSecret: remember(`corp-${pad(index)}`, "clientSecret"), scope: "openid profile email", idTokenVerificationConfig: { jwksUri: `${idp}/jwks` } },
      });
    }
    const ssoConnectors = [];
    for (let index = 0; index < count; index++) {
      ssoConnectors.push(await api<{ id: string }>("POST", "/api/sso-connectors", {
        providerName: index % 2 ? "OIDC" : "Okta",
        connectorName: `Customer ${pad(index)} SSO`,
        config: { issuer: `${sandbox.endpoint}/__sandbox/idp/customer-${pad(index)}`, clientId: `sso-client-${pad(index)}`, clientSecret: remember(`Customer ${pad(index)} SSO`, "clientSecret"), scope: "openid profile email" },
        domains: [`customer-${pad(index)}.example.com`],
      }));
    }
    const organizationScopes = [];
    for (let index = 0; index < count; index++) organizationScopes.push(await api<{ id: string }>("POST", "/api/organization-scopes", { name: `action-${pad(index)}:things`, description: index % 3 ? `Action ${index}` : undefined }));
    const organizationRoles = [];
    for (let index = 0; index < count; index++) {
      const role = await api<{ id: string }>("POST", "/api/organization-roles", { name: `Org role ${pad(index)}`, description: `Org role ${index}`, type: index < 15 ? "User" : "MachineToMachine", organizationScopeIds: [organizationScopes[index]!.id] });
      if (index < 15) await api("POST", `/api/organization-roles/${role.id}/resource-scopes`, { scopeIds: (await scopeIds(apis[index]!.id)).slice(0, 1) });
      organizationRoles.push(role);
    }
    const machines = apps.filter((app) => app.type === "MachineToMachine");
    for (let index = 0; index < count; index++) {
      const organization = await api<{ id: string }>("POST", "/api/organizations", { name: `Customer ${pad(index)}`, description: `Customer number ${index}`, customData: { tier: index % 2 ? "gold" : "silver" }, isMfaRequired: index % 4 === 0 });
      await api("POST", `/api/organizations/${organization.id}/jit/email-domains`, { emailDomain: `customer-${pad(index)}.example.com` });
      await api("POST", `/api/organizations/${organization.id}/jit/sso-connectors`, { ssoConnectorIds: [ssoConnectors[index]!.id] });
      await api("POST", `/api/organizations/${organization.id}/jit/roles`, { organizationRoleIds: [organizationRoles[index % 15]!.id] });
      const machine = machines[index % machines.length]!;
      await api("POST", `/api/organizations/${organization.id}/applications`, { applicationIds: [machine.id] });
      await api("POST", `/api/organizations/${organization.id}/applications/${machine.id}/roles`, { organizationRoleIds: [organizationRoles[15 + (index % 5)]!.id] });
    }
    const tags = ["de", "fr", "it", "es", "ja", "ko", "ru", "ar", "tr-TR", "pl-PL", "pt-BR", "pt-PT", "zh-CN", "zh-HK", "zh-TW", "th", "uk-UA", "cs", "sv", "af-ZA"];
    for (const tag of tags) await api("PUT", `/api/custom-phrases/${tag}`, { action: { sign_in: `Sign in (${tag})` }, input: { username: `User (${tag})` } });
    await api("PATCH", "/api/sign-in-exp", {
      color: { primaryColor: "#0F766E", isDarkModeEnabled: true, darkPrimaryColor: "#2DD4BF" },
      termsOfUseUrl: "https://example.com/terms",
      agreeToTermsPolicy: "Manual",
      passwordPolicy: { length: { min: 12 } },
      mfa: { factors: ["Totp", "BackupCode"], policy: "PromptAtSignInAndSignUp" },
      languageInfo: { autoDetect: false, fallbackLanguage: "sv" },
      socialSignInConnectorTargets: ["apple", "corp-00", "corp-01"],
      singleSignOnEnabled: true,
      signUp: { identifiers: ["email"], password: true, verify: true },
      signIn: { methods: [{ identifier: "email", password: true, verificationCode: true, isPasswordPrimary: true }] },
    });
  }

  beforeAll(async () => {
    sandbox = await spawnSandbox();
    work.push(await build());
  });

  afterAll(async () => {
    await engine?.dispose();
    await sandbox?.stop();
    for (const directory of work) if (!process.env.KEEP_GENERATED) fs.rmSync(directory, { recursive: true, force: true });
  });

  test("npm run generate runs the same command from the sources", async () => {
    const help = await run("bash", [path.join(repoRoot, "scripts/generate.sh"), "--help"]);
    expect(help.stderr).toMatch(/^Usage: logto-pulumi generate --out <directory>/);
  });

  test("round trip", async () => {
    await makeTenant();
    secrets.set("m2m app secret", sandbox.appSecret);
    for (const app of await api<Array<{ id: string; secret: string }>>("GET", "/api/applications?page_size=100")) secrets.set(`client secret of ${app.id}`, app.secret);
    const before = await snapshot();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-generated-"));
    work.push(out);

    // The command as users run it: the packed package's bin (`npx logto-pulumi generate`).
    const tool = fs.mkdtempSync(path.join(os.tmpdir(), "logto-pulumi-tool-"));
    work.push(tool);
    const tarball = await pack(work[0]!, tool, "0.1.0");
    await npmInstall(tool, [tarball, `@pulumi/pulumi@${pulumiVersion}`]);
    const generated = await run(path.join(tool, "node_modules/.bin/logto-pulumi"), ["generate", "--out", out, "--endpoint", sandbox.endpoint, "--app-id", sandbox.appId], {
      env: { ...process.env, LOGTO_M2M_APP_SECRET: sandbox.appSecret },
      maxBuffer: 16 * 1024 * 1024,
    });
    const printed = `${generated.stdout}\n${generated.stderr}`;

    // Every object of every kind is declared with its adoptId; the third-party app is listed as not declared.
    const text = (file: string) => fs.readFileSync(path.join(out, file), "utf8");
    const declared = (file: string, type: string) => (text(file).match(new RegExp(`new ${type}\\(`, "g")) ?? []).length;
    const figures = {
      applications: declared("applications.ts", "Application"),
      apiResources: declared("api-resources.ts", "ApiResource"),
      roles: declared("roles.ts", "Role"),
      connectors: declared("connectors.ts", "Connector"),
      ssoConnectors: declared("sso-connectors.ts", "SsoConnector"),
      organizationScopes: declared("organization-template.ts", "OrganizationScope"),
      organizationRoles: declared("organization-template.ts", "OrganizationRole"),
      organizations: declared("organizations.ts", "Organization"),
      customPhrases: declared("custom-phrases.ts", "CustomPhrase"),
      signInExperiences: declared("sign-in-experience.ts", "SignInExperience"),
    };
    expect(figures).toEqual({ applications: 20, apiResources: 20, roles: 20, connectors: 20, ssoConnectors: 20, organizationScopes: 20, organizationRoles: 20, organizations: 20, customPhrases: 20, signInExperiences: 1 });
    const objects = Object.values(figures).reduce((sum, each) => sum + each, 0);
    expect(printed).toContain("Not declared (2):");
    expect(printed).toMatch(/^ {2}- application "Sandbox Management API client" \(\w+\): the machine-to-machine app generate signs in with/m);
    expect(printed).toMatch(/^ {2}- application "Partner portal" \(\w+\): third-party Traditional applications are not modelled yet$/m);
    const files = fs.readdirSync(out).map((file) => text(file)).join("\n");
    expect((files.match(/adoptId: /g) ?? []).length).toBe(objects - figures.customPhrases - figures.signInExperiences);

    // No secret of the tenant anywhere: not in the files, not in what generate printed.
    for (const [what, value] of secrets) {
      expect({ what, inFiles: files.includes(value), printed: printed.includes(value) }).toEqual({ what, inFiles: false, printed: false });
    }

    // The program type-checks against the package and takes the tenant over.
    await npmInstall(out, [tarball, `@pulumi/pulumi@${pulumiVersion}`, `typescript@${typescriptVersion}`]);
    await run(path.join(out, "node_modules/.bin/tsc"), ["--noEmit", "-p", out]);
    const secretConfig = Object.fromEntries(
      [...text("stack-config.sh").matchAll(/^pulumi config set --secret (\w+) '<(.+)>'$/gm)].map(([, key, what]) => {
        const connector = /of (?:connector (\S+) \(|SSO connector "([^"]+)")/.exec(what!)!;
        const field = what!.split(" of ")[0]!;
        return [key!, secrets.get(`${connector[1] ?? connector[2]}/${field}`)!];
      }),
    );
    expect(Object.values(secretConfig).every((value) => value !== undefined)).toBe(true);
    engine = await createEngineStack({ workDir: out, logto: sandbox, secrets: secretConfig });

    const up = await engine.up();

    const taken = up.summary.resourceChanges?.create ?? 0;
    expect(taken).toBe(objects + 1); // and the stack itself
    const after = await snapshot();
    const idsOf = (state: Record<string, unknown>) => Object.entries(state).flatMap(([list, items]) => (items && typeof items === "object" && !Array.isArray(items) ? Object.keys(items).map((id) => `${list} ${id}`) : []));
    const created = idsOf(after).filter((id) => !idsOf(before).includes(id)).length;
    const changed = differences(before, after);
    await engine.preview({ expectNoChanges: true });
    const transcript = engine.transcript();
    for (const [what, value] of secrets) expect({ what, leaked: transcript.includes(value) }).toEqual({ what, leaked: false });
    console.log(`generate round trip: ${objects} objects generated, ${taken - 1} taken over by up, ${created} created and ${changed.length} fields changed in Logto; then a preview with no changes`);
    expect({ created, changed }).toEqual({ created: 0, changed: [] });
  });
});
