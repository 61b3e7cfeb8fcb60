import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../program/config";
import { declaredConfigDefaults, declaredConfigKeys } from "../support/project-config";

/**
 * Every stack config key, given values a person may type by mistake: each ends either accepted or
 * as one problem line that names the key (`logto-pulumi:<key> …`), never as a crash.
 */
const keys = declaredConfigKeys;
const defaults = declaredConfigDefaults;

/** Every feature on, valid: each case changes one key of it. */
const valid: Record<string, string> = {
  ...defaults,
  "logto-pulumi:appUrl": "https://shop.example.com",
  "logto-pulumi:apple": "true",
  "logto-pulumi:appleServicesId": "com.example.shop.web",
  "logto-pulumi:oidc": "true",
  "logto-pulumi:oidcAuthorizationEndpoint": "https://idp.example.com/authorize",
  "logto-pulumi:oidcTokenEndpoint": "https://idp.example.com/token",
  "logto-pulumi:oidcJwksUri": "https://idp.example.com/jwks",
  "logto-pulumi:oidcClientId": "shop",
  "logto-pulumi:oidcClientSecret": "oidc-secret",
  "logto-pulumi:okta": "true",
  "logto-pulumi:oktaIssuer": "https://acme.okta.com",
  "logto-pulumi:oktaClientId": "okta-client",
  "logto-pulumi:oktaClientSecret": "okta-secret",
  "logto-pulumi:oktaDomains": '["acme.com"]',
  "logto-pulumi:email": "true",
  "logto-pulumi:emailFrom": "no-reply@example.com",
  "logto-pulumi:sesAccessKeyId": "AKIAEXAMPLE",
  "logto-pulumi:sesAccessKeySecret": "ses-secret",
  "logto-pulumi:api": "true",
  "logto-pulumi:apiIndicator": "https://api.shop.example.com",
  "logto-pulumi:apiPermissions": '{"read:orders": "Read orders"}',
  "logto-pulumi:apiRoles": '{"Clerk": {"description": "Clerk", "permissions": ["read:orders"], "default": true}}',
  "logto-pulumi:apiM2mClient": "true",
  "logto-pulumi:apiM2mPermissions": '["read:orders"]',
  "logto-pulumi:organization": "true",
  "logto-pulumi:organizationName": "Acme",
  "logto-pulumi:organizationPermissions": '{"invite:members": "Invite"}',
  "logto-pulumi:organizationRoles": '{"Member": {"permissions": ["invite:members"], "default": true}}',
};
const secretKeys = ["oidcClientSecret", "oktaClientSecret", "sesAccessKeySecret"].map((key) => `logto-pulumi:${key}`);

const mistakes: Array<[string, string]> = [
  ["empty", ""],
  ["blank", "   "],
  ["a number", "42"],
  ["a boolean", "true"],
  ["a list", '["x"]'],
  ["a map", '{"x": 1}'],
  ["not a URL", "not a url"],
  ["a URL with a path", "https://example.com/a/b?c=d#e"],
];

function problemsWith(config: Record<string, string>): string[] {
  pulumi.runtime.setAllConfig(config, secretKeys);
  try {
    readStackConfig(new pulumi.Config("logto-pulumi"));
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(pulumi.RunError);
    const [head, ...lines] = (error as Error).message.split("\n");
    expect(head).toBe("Invalid stack config:");
    return lines;
  }
}

describe("every stack config key, given a value typed by mistake", () => {
  test("the valid baseline passes", () => {
    expect(problemsWith(valid)).toEqual([]);
  });

  test.each(keys.flatMap((key) => mistakes.map(([what, value]) => [key, what, value] as const)))("%s %s: accepted, or one problem naming the key", (key, _what, value) => {
    const problems = problemsWith({ ...valid, [`logto-pulumi:${key}`]: value });

    for (const line of problems) expect(line).toMatch(new RegExp(`^  logto-pulumi:${key}[ .]`));
    expect(problems.length).toBeLessThanOrEqual(1);
  });
});
