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
};

export const seedState = (
  schemas: Schemas,
  { appId, appSecret }: M2mCredentials,
  signingKeyPem: string
): StoreState => {
  const createdAt = Date.now();
  const { trustedDevice: _hiddenWithoutDevFeatures, ...defaults } = {
    ...signInExperienceColumnDefaults,
    usernamePolicy: schemas.defaultUsernamePolicy,
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
    signingKeyPem,
  };
};

/** A state file from another run may lack the configured M2M credentials: add them back. */
export const ensureM2mAccess = (
  state: StoreState,
  seeded: StoreState,
  { appId, appSecret }: M2mCredentials
) => {
  const [seededSecret] = seeded.applicationSecrets;
  if (!state.applications.some(({ id }) => id === appId)) {
    state.applications.push(...seeded.applications);
    state.applicationSecrets.push(seededSecret!);
  } else if (
    !state.applicationSecrets.some(
      (secret) => secret.applicationId === appId && secret.value === appSecret
    )
  ) {
    state.applicationSecrets.push({ ...seededSecret!, name: `Sandbox secret ${Date.now()}` });
  }
  if (!state.managementApiAppIds.includes(appId)) {
    state.managementApiAppIds.push(appId);
  }
};
