/**
 * The public email domains (gmail.com, outlook.com, …) that Logto refuses as SSO domains:
 * `singleSignOnDomainBlackList` of @logto/schemas, the list Logto's server and our sandbox apply.
 * The package is an ES module, hence the dynamic import.
 */
let publicDomains: Promise<ReadonlySet<string>> | undefined;

export function publicEmailDomains(): Promise<ReadonlySet<string>> {
  publicDomains ??= import("@logto/schemas").then((schemas) => new Set(schemas.singleSignOnDomainBlackList));
  return publicDomains;
}
