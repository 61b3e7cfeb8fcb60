// The library's entry point (`import { Application } from "logto-pulumi"`). The AWS email sender
// is `logto-pulumi/aws`, so programs without it need not install or load @pulumi/aws.
export { ApiResource, type ApiResourceInputs } from "./api-resource";
export { Application, type ApplicationInputs } from "./application";
export { Connector, type ConnectorInputs } from "./connector";
export { CustomPhrase, type CustomPhraseInputs } from "./custom-phrase";
export { Organization, type OrganizationInputs, type OrganizationRoleRef } from "./organization";
export { OrganizationRole, type OrganizationRoleInputs } from "./organization-role";
export { OrganizationScope, type OrganizationScopeInputs } from "./organization-scope";
export { Role, type RoleInputs, type RolePermissionInput, type RoleType } from "./role";
export { SignInExperience, type SignInExperienceInputs } from "./sign-in-experience";
export { SsoConnector, type SsoConnectorInputs } from "./sso-connector";
