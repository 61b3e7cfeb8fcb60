import { generateProgram } from "../../generate/program";
import type { Tenant, TenantConnector } from "../../generate/tenant";

const tenantWith = (connector: Partial<TenantConnector>): Tenant => ({
  applications: [],
  connectors: [{ id: "corp", connectorId: "oidc", type: "Social", target: "corp", config: {}, metadata: { target: "corp" }, syncProfile: false, isStandard: true, ...connector }],
  ssoConnectors: [],
  apiResources: [],
  roles: [],
  organizationScopes: [],
  organizationRoles: [],
  organizations: [],
  signInExperience: {},
  customPhrases: [],
});

describe("generate writes what the resources keep secret as secret stack config, and nothing else", () => {
  test("an OIDC connector's client secret and free-form customConfig become config reads; its endpoints, client id and scope stay in the code", () => {
    const config = {
      clientId: "corp-client",
      clientSecret: "s3cret-client",
      tokenEndpoint: "https://idp.example.com/token",
      tokenEndpointAuthMethod: "client_secret_post",
      scope: "openid email",
      customConfig: { audience: "s3cret-audience" },
    };
    const generated = generateProgram(tenantWith({ config }), { project: "tenant", ownAppId: "m2m" });
    const text = Object.values(generated.files).join("\n");

    expect(generated.secrets.map(({ what }) => what)).toEqual([
      "clientSecret of connector corp (oidc)",
      "customConfig of connector corp (oidc) (as JSON)",
    ]);
    expect(text).toContain("config.requireSecretObject(");
    expect(text).not.toContain("s3cret-");
    for (const plain of ["corp-client", "https://idp.example.com/token", "client_secret_post", "openid email"]) expect(text).toContain(plain);
  });
});
