import { isSamlProvider, type SsoProviderName } from "./schema";

/** What to register at the IdP (Logto Console's "Service provider info"): all follow from the connector's id. */
export function serviceProviderUrls(endpoint: string, id: string, providerName: SsoProviderName) {
  const urls = { callbackUrl: `${endpoint}/callback/${id}` };
  if (!isSamlProvider(providerName)) return urls;
  return {
    ...urls,
    assertionConsumerServiceUrl: `${endpoint}/api/authn/single-sign-on/saml/${id}`,
    spEntityId: `${endpoint}/enterprise-sso/${id}`,
  };
}
