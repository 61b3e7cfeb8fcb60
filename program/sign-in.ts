import * as pulumi from "@pulumi/pulumi";
import { SignInExperience, type Connector, type SsoConnector } from "../resources";

export interface SignInConnectors {
  apple?: Connector;
  oidc?: Connector;
  okta?: SsoConnector;
  email?: Connector;
}

/**
 * Turns the connectors on in Logto's sign-in page: social buttons for Apple and OIDC, SSO for
 * Okta, and email sign-up (verified) with sign-in by code or password. Social targets and SSO
 * always follow the config; sign-up and sign-in are left as they are in Logto unless email is on.
 */
export function signInExperience(connectors: SignInConnectors): SignInExperience {
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
    },
    { dependsOn: [...social, ...(okta ? [okta] : []), ...(email ? [email] : [])] as pulumi.Resource[] },
  );
}
