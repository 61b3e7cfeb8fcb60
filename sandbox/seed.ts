// The state of a freshly seeded OSS tenant, plus the M2M app the sandbox's clients use.
import { generateStandardSecret } from './ids';
import type { Schemas } from './logto-modules';
import { tenantId, type StoreState } from './store';

export type M2mCredentials = { appId: string; appSecret: string };

/**
 * Column defaults of `sign_in_experiences` that `createDefaultSignInExperience` leaves to SQL
 * (packages/schemas/tables/sign_in_experiences.sql and its alterations).
 */
const signInExperienceColumnDefaults = {
  agreeToTermsPolicy: 'Automatic',
  socialSignIn: {},
  socialSignInConnectorTargets: [],
  signInMode: 'SignInAndRegister',
  customContent: {},
  customUiCsp: {},
  passwordPolicy: {},
  mfa: { factors: [], policy: 'UserControlled' },
  adaptiveMfa: {},
  singleSignOnEnabled: false,
  supportEmail: null,
  supportWebsiteUrl: null,
  unknownSessionRedirectUrl: null,
  captchaPolicy: {},
  sentinelPolicy: {},
  emailBlocklistPolicy: {},
  verificationCodePolicy: {},
  forgotPasswordMethods: null,
  passkeySignIn: {},
  signUpProfileFields: null,
  passwordExpiration: {},
  usernamePolicy: {},
};

export const seedState = (schemas: Schemas, { appId, appSecret }: M2mCredentials): StoreState => {
  const createdAt = Date.now();
  const { trustedDevice: _hiddenWithoutDevFeatures, ...defaults } = {
    ...signInExperienceColumnDefaults,
    ...schemas.createDefaultSignInExperience(tenantId, false),
  } as Record<string, unknown>;

  return {
    applications: [
      {
        tenantId,
        id: appId,
        name: 'Sandbox Management API client',
        secret: schemas.internalPrefix + generateStandardSecret(),
        description: 'Machine-to-machine app holding the "Logto Management API access" role.',
        type: 'MachineToMachine',
        oidcClientMetadata: { redirectUris: [], postLogoutRedirectUris: [] },
        customClientMetadata: {},
        protectedAppMetadata: null,
        customData: {},
        isThirdParty: false,
        appLevelAccessControlEnabled: false,
        createdAt,
      },
    ],
    applicationSecrets: [
      {
        tenantId,
        applicationId: appId,
        name: schemas.defaultApplicationSecretName,
        value: appSecret,
        createdAt,
        expiresAt: null,
      },
    ],
    connectors: [],
    ssoConnectors: [],
    signInExperience: defaults,
    managementApiAppIds: [appId],
    internalAdminAppIds: [],
  };
};
