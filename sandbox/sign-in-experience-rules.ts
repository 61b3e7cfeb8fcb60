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

const connectorOfMethod = { EmailVerificationCode: 'Email', PhoneVerificationCode: 'Sms' } as const;

export const validateForgotPasswordMethods = (
  methods: string[],
  connectorTypes: Set<ConnectorType>
) => {
  for (const method of methods) {
    const type = connectorOfMethod[method as keyof typeof connectorOfMethod];
    assertThat(
      !type || connectorTypes.has(type),
      new RequestError({ code: 'sign_in_experiences.forgot_password_method_requires_connector', method })
    );
  }
};

export const validatePasswordExpiration = (
  forgotPasswordMethods: string[] | null | undefined,
  connectorTypes: Set<ConnectorType>
) => {
  const usable = (forgotPasswordMethods ?? []).some((method) => {
    const type = connectorOfMethod[method as keyof typeof connectorOfMethod];
    return type !== undefined && connectorTypes.has(type);
  });
  assertThat(
    usable,
    new RequestError({
      code: 'sign_in_experiences.password_expiration_requires_forgot_password',
      status: 422,
    })
  );
};
