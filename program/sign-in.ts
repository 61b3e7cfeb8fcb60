import * as pulumi from "@pulumi/pulumi";
import { CustomPhrase, SignInExperience, type Connector, type SsoConnector } from "../resources";
import type { StackConfig } from "./config";

export interface SignInConnectors {
  apple?: Connector;
  oidc?: Connector;
  okta?: SsoConnector;
  email?: Connector;
}

/** What the stack config says of the sign-in page; a key left unset leaves Logto's value alone. */
export type SignInPage = Pick<StackConfig, "branding" | "colors" | "legal" | "passwordPolicy" | "mfa">;

/**
 * Turns the connectors on in Logto's sign-in page: social buttons for Apple and OIDC, SSO for
 * Okta, and email sign-up (verified) with sign-in by code or password. Social targets and SSO
 * always follow the config; sign-up and sign-in are left as they are in Logto unless email is on.
 * Branding, colors, legal links, password policy and MFA are set when the config has them.
 */
export function signInExperience(connectors: SignInConnectors, page: SignInPage = {}): SignInExperience {
  const social = [connectors.apple, connectors.oidc].filter((connector): connector is Connector => connector !== undefined);
  const { email, okta } = connectors;
  return new SignInExperience(
    "sign-in",
    {
      socialSignInConnectorTargets: social.map((connector) => connector.target),
      singleSignOnEnabled: okta !== undefined,
      ...(email && {
        emailConnector: email.connectorId,
        signUp: { identifiers: ["email"], password: true, verify: true },
        signIn: { methods: [{ identifier: "email", password: true, verificationCode: true, isPasswordPrimary: true }] },
      }),
      ...(page.branding && { branding: page.branding }),
      ...(page.colors && { color: page.colors }),
      ...page.legal,
      ...(page.passwordPolicy && { passwordPolicy: page.passwordPolicy }),
      ...(page.mfa && { mfa: page.mfa }),
    },
    { dependsOn: [...social, ...(okta ? [okta] : []), ...(email ? [email] : [])] as pulumi.Resource[] },
  );
}

/** The sign-in page's wording per language, from the `phrases` config key. */
export function customPhrases(phrases: StackConfig["phrases"]): CustomPhrase[] {
  return Object.entries(phrases).map(([languageTag, translation]) => new CustomPhrase(`phrases-${languageTag}`, { languageTag, translation }));
}
