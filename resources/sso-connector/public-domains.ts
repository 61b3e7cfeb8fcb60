/**
 * The public email domains that Logto refuses as SSO domains: `singleSignOnDomainBlackList` of
 * @logto/schemas, which Logto's server and our sandbox apply. Copied because importing
 * @logto/schemas for 19 names costs the provider process 0.5 s of CPU and 40 MiB at every run;
 * test/sso-connector/check.test.ts fails if the two lists part.
 */
export const publicEmailDomains: ReadonlySet<string> = new Set([
  "gmail.com",
  "yahoo.com",
  "hotmail.com",
  "outlook.com",
  "live.com",
  "icloud.com",
  "aol.com",
  "yandex.com",
  "mail.com",
  "protonmail.com",
  "yanex.com",
  "gmx.com",
  "mail.ru",
  "zoho.com",
  "qq.com",
  "163.com",
  "126.com",
  "sina.com",
  "sohu.com",
]);
