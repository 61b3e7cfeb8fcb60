import { code, literal, variableName } from "../../generate/source";

describe("generated code reads as a person would write it", () => {
  test("short objects and lists stay on one line, with bare keys where they can be", () => {
    expect(literal({ name: "Shop", "read:orders": "Read", list: ["a", "b"], ttl: 600, on: true, none: null })).toBe(
      '{ name: "Shop", "read:orders": "Read", list: ["a", "b"], ttl: 600, on: true, none: null }',
    );
  });

  test("long ones break one entry per line with trailing commas; code is placed as is", () => {
    const text = literal({ config: { clientSecret: code('config.requireSecret("oidcClientSecret")'), authorizationEndpoint: "https://idp.example.com/oauth2/v1/authorize" } });

    expect(text).toBe(
      ["{", "  config: {", '    clientSecret: config.requireSecret("oidcClientSecret"),', '    authorizationEndpoint: "https://idp.example.com/oauth2/v1/authorize",', "  },", "}"].join("\n"),
    );
  });

  test("variable names: camelCase of the display name and the kind, never twice the kind, never a keyword, never taken twice", () => {
    const taken = new Set<string>();
    expect(variableName("Acme SSO", taken, "sso")).toBe("acmeSso");
    expect(variableName("Shop", taken, "app")).toBe("shopApp");
    expect(variableName("Shop", taken, "app")).toBe("shopApp2");
    expect(variableName("read:orders", taken, "permission")).toBe("readOrdersPermission");
    expect(variableName("Café Crème", taken)).toBe("cafeCreme");
    expect(variableName("corp00Connector clientSecret", taken)).toBe("corp00ConnectorClientSecret");
    expect(variableName("default", taken)).toBe("itemDefault");
  });
});
