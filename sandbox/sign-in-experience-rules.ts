// Cross-field rules of the sign-in experience (packages/core/src/libraries/sign-in-experience/
// sign-up.ts, sign-in.ts, mfa.ts and index.ts), as documented for Logto 1.41/1.42.
import { assertThat, RequestError } from './errors';

type ConnectorType = 'Social' | 'Email' | 'Sms';
type SignUp = {
  identifiers: string[];
  password: boolean;
  verify: boolean;
  secondaryIdentifiers?: Array<{ identifier: string; verify?: boolean }>;
};
type SignInMethod = {
  identifier: string;
  password: boolean;
  verificationCode: boolean;
  isPasswordPrimary: boolean;
};
type Mfa = { factors: string[]; policy?: string };

const connectorNotFound = (type: 'Email' | 'Sms') =>
  new RequestError({ code: 'sign_in_experiences.enabled_connector_not_found', type });

const requireConnector = (types: Set<ConnectorType>, type: 'Email' | 'Sms') => {
  assertThat(types.has(type), connectorNotFound(type));
};

const duplicated = () => new RequestError('sign_in_experiences.duplicated_sign_up_identifiers');

export const validateSignUp = (signUp: SignUp, connectorTypes: Set<ConnectorType>) => {
  const { identifiers, secondaryIdentifiers = [] } = signUp;
  const all = [...identifiers, ...secondaryIdentifiers.map(({ identifier }) => identifier)];

  assertThat(new Set(all).size === all.length, duplicated());
  assertThat(
    !all.includes('emailOrPhone') || (!all.includes('email') && !all.includes('phone')),
    duplicated()
  );
  assertThat(
    secondaryIdentifiers.length === 0 || identifiers.length > 0,
    'sign_in_experiences.missing_sign_up_identifiers'
  );

  for (const identifier of identifiers) {
    if (identifier === 'email') {
      requireConnector(connectorTypes, 'Email');
    }
    if (identifier === 'phone') {
      requireConnector(connectorTypes, 'Sms');
    }
    if (identifier !== 'username') {
      assertThat(signUp.verify, 'sign_in_experiences.passwordless_requires_verify');
    }
  }
  for (const { identifier, verify } of secondaryIdentifiers) {
    if (identifier === 'email' || identifier === 'emailOrPhone') {
      requireConnector(connectorTypes, 'Email');
    }
    if (identifier === 'phone' || identifier === 'emailOrPhone') {
      requireConnector(connectorTypes, 'Sms');
    }
    if (identifier !== 'username') {
      assertThat(verify, 'sign_in_experiences.passwordless_requires_verify');
    }
  }
};

const codeFactorOf = { email: 'EmailVerificationCode', phone: 'PhoneVerificationCode' } as const;

/** Email/phone codes cannot be both a sign-in method and an MFA factor. */
const usesCodeInBoth = (methods: SignInMethod[], mfa: Mfa | undefined, identifier: 'email' | 'phone') =>
  methods.some((method) => method.identifier === identifier && method.verificationCode) &&
  Boolean(mfa?.factors.includes(codeFactorOf[identifier]));

export const validateSignIn = (
  signIn: { methods: SignInMethod[] },
  signUp: SignUp,
  connectorTypes: Set<ConnectorType>,
  storedMfa: Mfa | undefined
) => {
  const { methods } = signIn;
  if (methods.some(({ identifier, verificationCode }) => verificationCode && identifier === 'email')) {
    requireConnector(connectorTypes, 'Email');
  }
  if (methods.some(({ identifier, verificationCode }) => verificationCode && identifier === 'phone')) {
    requireConnector(connectorTypes, 'Sms');
  }
  assertThat(
    methods.every(({ password, verificationCode }) => password || verificationCode),
    'sign_in_experiences.at_least_one_authentication_factor'
  );
  if (signUp.verify && !signUp.password) {
    assertThat(
      methods.every(
        ({ identifier, verificationCode }) => verificationCode || identifier === 'username'
      ),
      'sign_in_experiences.code_sign_in_must_be_enabled'
    );
  }
  for (const identifier of ['email', 'phone'] as const) {
    assertThat(
      !usesCodeInBoth(methods, storedMfa, identifier),
      `sign_in_experiences.${identifier}_verification_code_cannot_be_used_for_sign_in`
    );
  }
};

export const validateMfa = (mfa: Mfa, signInMethods: SignInMethod[]) => {
  assertThat(
    new Set(mfa.factors).size === mfa.factors.length,
    'sign_in_experiences.duplicated_mfa_factors'
  );
  assertThat(
    !(mfa.factors.length === 1 && mfa.factors[0] === 'BackupCode'),
    'sign_in_experiences.backup_code_cannot_be_enabled_alone'
  );
  for (const identifier of ['email', 'phone'] as const) {
    assertThat(
      !usesCodeInBoth(signInMethods, mfa, identifier),
      `sign_in_experiences.${identifier}_verification_code_cannot_be_used_for_mfa`
    );
  }
};

/** Adaptive MFA settings (`adaptiveMfaGuard`). */
type AdaptiveMfa = { enabled?: boolean };

const isMfaEnabled = (mfa: Mfa) => mfa.factors.length > 0;

/** The prompt policies a user cannot skip: only adaptive MFA may use them. */
const nonSkippableMfaPolicies = ['PromptAtSignInAndSignUpMandatory', 'PromptOnlyAtSignInMandatory'];
const isNonSkippable = (mfa: Mfa) => nonSkippableMfaPolicies.includes(mfa.policy ?? '');

const mfaPolicyError = (code: string) =>
  new RequestError({ code: `sign_in_experiences.${code}`, status: 422 });

/**
 * The adaptive MFA checks of the PATCH route, against the MFA sent or else the stored one; with
 * `adaptiveMfa` left out, a policy sent with factors must suit the stored adaptive setting.
 */
export const validateAdaptiveMfa = (
  sent: { mfa?: Mfa; adaptiveMfa?: AdaptiveMfa },
  stored: { mfa: Mfa; adaptiveMfa: AdaptiveMfa }
) => {
  const { mfa, adaptiveMfa } = sent;
  const effectiveMfa = mfa ?? stored.mfa;
  if (adaptiveMfa?.enabled) {
    assertThat(isMfaEnabled(effectiveMfa), mfaPolicyError('adaptive_mfa_requires_mfa'));
    assertThat(
      isNonSkippable(effectiveMfa),
      mfaPolicyError('adaptive_mfa_requires_non_skippable_policy')
    );
  }
  if (adaptiveMfa?.enabled === false) {
    assertThat(
      !isNonSkippable(effectiveMfa),
      mfaPolicyError('non_adaptive_mfa_requires_skippable_policy')
    );
  }
  if (adaptiveMfa === undefined && mfa && isMfaEnabled(mfa)) {
    // Adaptive MFA on wants a non-skippable policy, off a skippable one.
    const error = stored.adaptiveMfa.enabled
      ? mfaPolicyError('adaptive_mfa_requires_non_skippable_policy')
      : mfaPolicyError('non_adaptive_mfa_requires_skippable_policy');
    assertThat(isNonSkippable(mfa) === Boolean(stored.adaptiveMfa.enabled), error);
  }
};

/** Like the Console: MFA turned off without a word on adaptive MFA turns adaptive MFA off too. */
export const normalizeAdaptiveMfa = (mfa: Mfa | undefined, adaptiveMfa: AdaptiveMfa | undefined) =>
  mfa && !isMfaEnabled(mfa) && adaptiveMfa === undefined ? { enabled: false } : adaptiveMfa;

/**
 * `getForgotPasswordAvailability`: a method counts when it is listed and its connector exists;
 * with no list at all (null, the default) every connector type present counts.
 */
export const forgotPasswordAvailability = (
  methods: string[] | null | undefined,
  connectorTypes: Set<ConnectorType>
) => ({
  email:
    connectorTypes.has('Email') && (!methods || methods.includes('EmailVerificationCode')),
  phone: connectorTypes.has('Sms') && (!methods || methods.includes('PhoneVerificationCode')),
});

export const validateForgotPasswordMethods = (
  methods: string[],
  connectorTypes: Set<ConnectorType>
) => {
  const available = forgotPasswordAvailability(methods, connectorTypes);
  for (const method of methods) {
    const unavailable =
      (method === 'EmailVerificationCode' && !available.email && 'email') ||
      (method === 'PhoneVerificationCode' && !available.phone && 'sms');
    assertThat(
      !unavailable,
      new RequestError({
        code: 'sign_in_experiences.forgot_password_method_requires_connector',
        method: unavailable,
      })
    );
  }
};

type PasswordExpiration = { enabled?: boolean; validPeriodDays?: number; enabledAt?: number };
type PasswordExpirationGuard = {
  safeParse: (value: unknown) => { success: true; data: PasswordExpiration } | { success: false };
};

/**
 * The password expiration a PATCH leaves, checked on every PATCH, sent or not: the one sent merged
 * over the stored one (`enabled: false` alone resets it). `enabledAt` is the server's: kept while
 * the policy stays on, stamped when it is turned on, never taken from the client.
 */
export const resolvePasswordExpiration = (
  sent: PasswordExpiration | undefined,
  stored: { passwordExpiration: PasswordExpiration; forgotPasswordMethods?: string[] | null },
  sentForgotPasswordMethods: string[] | null | undefined,
  connectorTypes: Set<ConnectorType>,
  guard: PasswordExpirationGuard
): PasswordExpiration => {
  const merged =
    sent?.enabled === false ? { enabled: false } : { ...stored.passwordExpiration, ...sent };
  const parsed = guard.safeParse(merged);
  assertThat(
    parsed.success,
    new RequestError({
      code: 'sign_in_experiences.password_expiration_invalid_period_days',
      status: 422,
    })
  );
  const expiration = parsed.data;
  if (!expiration.enabled) {
    return expiration;
  }

  const available = forgotPasswordAvailability(
    sentForgotPasswordMethods ?? stored.forgotPasswordMethods,
    connectorTypes
  );
  assertThat(
    available.email || available.phone,
    new RequestError({
      code: 'sign_in_experiences.password_expiration_requires_forgot_password',
      status: 422,
    })
  );
  const storedEnabledAt = stored.passwordExpiration.enabled
    ? stored.passwordExpiration.enabledAt
    : undefined;
  return { ...expiration, enabledAt: storedEnabledAt ?? Date.now() };
};

/**
 * Deleting a connector may not take away the last way to reset a password while password
 * expiration is on (packages/core/src/routes/connector/index.ts, DELETE).
 */
export const validateConnectorRemoval = (
  signInExperience: { passwordExpiration?: PasswordExpiration; forgotPasswordMethods?: string[] | null },
  remainingTypes: Set<ConnectorType>
) => {
  if (!signInExperience.passwordExpiration?.enabled) {
    return;
  }
  const available = forgotPasswordAvailability(signInExperience.forgotPasswordMethods, remainingTypes);
  assertThat(
    available.email || available.phone,
    new RequestError({
      code: 'sign_in_experiences.password_expiration_requires_forgot_password',
      status: 422,
    })
  );
};
