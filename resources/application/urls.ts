/** The tenant's OpenID Provider (`AUTH_LOGTO_ISSUER`) and its discovery document. */
export const issuerOf = (endpoint: string) => `${endpoint}/oidc`;
export const openidConfigurationUrlOf = (endpoint: string) => `${issuerOf(endpoint)}/.well-known/openid-configuration`;
