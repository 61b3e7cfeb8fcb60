import type * as pulumi from "@pulumi/pulumi";
import { containsUnknown, unknownValue } from "../provider-kit/check";
import { nonSkippableMfaPolicies, type ManagedFields, type SignInExperienceArgs } from "./schema";

type Failure = pulumi.dynamic.CheckFailure;
type SignInMethod = NonNullable<ManagedFields["signIn"]>["methods"][number];
type Mfa = NonNullable<ManagedFields["mfa"]>;

/** The sign-in experience a PATCH is judged against: what it sends over what Logto holds. */
export type Effective = Required<Pick<ManagedFields, "signUp" | "signIn" | "mfa" | "adaptiveMfa">> & Pick<ManagedFields, "forgotPasswordMethods">;

/** Connector types that exist, or will when the sign-in experience is applied. */
export type ConnectorTypes = Set<string>;

const logtoCode = (code: string) => ` (Logto: sign_in_experiences.${code})`;

/**
 * Logto's own coupling rules (validateSignUp, validateSignIn, validateMfa and the PATCH route of
 * packages/core), checked at preview so a bad combination fails before anything is written.
 */
export function couplingFailures(args: SignInExperienceArgs, effective: Effective, connectorTypes: ConnectorTypes): Failure[] {
  const failures = [
    ...signUpFailures(args.signUp, connectorTypes),
    ...signInFailures(args.signIn, effective, connectorTypes),
    ...mfaFailures(args, effective),
    ...forgotPasswordFailures(args, effective, connectorTypes),
  ];
  // A missing connector is said once, though sign-up and sign-in both need it.
  return failures.filter((failure, index) => failures.findIndex(({ reason }) => reason === failure.reason) === index);
}

function signUpFailures(signUp: ManagedFields["signUp"], connectorTypes: ConnectorTypes): Failure[] {
  if (!signUp) return [];
  const failures: Failure[] = [];
  const fail = (reason: string) => failures.push({ property: "signUp", reason });
  const secondary = signUp.secondaryIdentifiers ?? [];
  const all = [...signUp.identifiers, ...secondary.map(({ identifier }) => identifier)];
  if (new Set(all).size !== all.length) fail("signUp: an identifier is listed twice (primary and secondary together)" + logtoCode("duplicated_sign_up_identifiers"));
  if (all.includes("emailOrPhone") && (all.includes("email") || all.includes("phone"))) {
    fail("signUp: emailOrPhone already covers email and phone" + logtoCode("duplicated_sign_up_identifiers"));
  }
  if (secondary.length && !signUp.identifiers.length) fail("signUp.secondaryIdentifiers need a primary identifier in signUp.identifiers" + logtoCode("missing_sign_up_identifiers"));
  if (signUp.identifiers.some((id) => id !== "username") && !signUp.verify) {
    fail("signUp.verify must be true: Logto verifies email and phone identifiers at sign-up");
  }
  secondary.forEach(({ identifier, verify }, index) => {
    if (identifier !== "username" && !verify) fail(`signUp.secondaryIdentifiers[${index}] (${identifier}): verify must be true` + logtoCode("passwordless_requires_verify"));
  });
  if (all.some((id) => id === "email" || id === "emailOrPhone") && !connectorTypes.has("Email")) {
    fail("email sign-up or sign-in by code needs an Email connector: create one (a Connector such as aws-ses-mail) and pass its connectorId as emailConnector, so it exists first");
  }
  if (all.some((id) => id === "phone" || id === "emailOrPhone") && !connectorTypes.has("Sms")) fail("phone sign-up needs an SMS connector in Logto");
  return failures;
}

function signInFailures(signIn: ManagedFields["signIn"], effective: Effective, connectorTypes: ConnectorTypes): Failure[] {
  if (!signIn) return [];
  const failures: Failure[] = [];
  const fail = (reason: string) => failures.push({ property: "signIn", reason });
  const byCode = (identifier: string) => signIn.methods.some((method) => method.identifier === identifier && method.verificationCode);
  if (byCode("email") && !connectorTypes.has("Email")) {
    fail("email sign-up or sign-in by code needs an Email connector: create one (a Connector such as aws-ses-mail) and pass its connectorId as emailConnector, so it exists first");
  }
  if (byCode("phone") && !connectorTypes.has("Sms")) fail("phone sign-in by code needs an SMS connector in Logto");
  const { signUp } = effective;
  signIn.methods.forEach((method, index) => {
    if (!method.password && !method.verificationCode) fail(`signIn.methods[${index}] (${method.identifier}): enable password or verificationCode`);
    if (signUp.verify && !signUp.password && method.identifier !== "username" && !method.verificationCode) {
      fail(`signIn.methods[${index}] (${method.identifier}): verificationCode must be true when sign-up verifies without a password`);
    }
  });
  return failures;
}

function mfaFailures(args: SignInExperienceArgs, effective: Effective): Failure[] {
  const failures: Failure[] = [];
  const { mfa, adaptiveMfa } = args;
  if (mfa) {
    const fail = (reason: string) => failures.push({ property: "mfa", reason });
    if (new Set(mfa.factors).size !== mfa.factors.length) fail("mfa.factors: a factor is listed twice" + logtoCode("duplicated_mfa_factors"));
    if (mfa.factors.length === 1 && mfa.factors[0] === "BackupCode") fail("mfa.factors: BackupCode cannot be the only factor" + logtoCode("backup_code_cannot_be_enabled_alone"));
  }
  if (mfa || args.signIn) {
    // Said once, of the field this resource sets (of MFA when it sets both).
    const [property, side] = mfa ? ["mfa", "mfa"] : ["signIn", "sign_in"];
    for (const conflict of codeConflicts(effective.signIn.methods, effective.mfa)) {
      failures.push({ property, reason: `${property}: ${conflict} codes cannot be both a sign-in method and an MFA factor${logtoCode(`${conflict}_verification_code_cannot_be_used_for_${side}`)}` });
    }
  }
  // The PATCH route's order: what is sent about adaptive MFA, else what is stored.
  const mfaOn = effective.mfa.factors.length > 0;
  const nonSkippable = (nonSkippableMfaPolicies as readonly string[]).includes(effective.mfa.policy);
  const property = adaptiveMfa?.enabled !== undefined ? "adaptiveMfa" : "mfa";
  const adaptive = adaptiveMfa?.enabled ?? (mfa && mfaOn ? Boolean(effective.adaptiveMfa.enabled) : undefined);
  if (adaptive === true && !mfaOn) {
    failures.push({ property, reason: "adaptiveMfa.enabled needs MFA on: give mfa.factors" + logtoCode("adaptive_mfa_requires_mfa") });
  } else if (adaptive === true && !nonSkippable) {
    failures.push({ property, reason: `adaptive MFA (on in ${property === "mfa" ? "Logto" : "adaptiveMfa"}) needs mfa.policy ${nonSkippableMfaPolicies.join(" or ")}` + logtoCode("adaptive_mfa_requires_non_skippable_policy") });
  } else if (adaptive === false && nonSkippable) {
    failures.push({ property, reason: `mfa.policy ${effective.mfa.policy} cannot be skipped and needs adaptiveMfa.enabled: true; use Mandatory or a Prompt… policy` + logtoCode("non_adaptive_mfa_requires_skippable_policy") });
  }
  return failures;
}

function codeConflicts(methods: SignInMethod[], mfa: Mfa): Array<"email" | "phone"> {
  const factorOf = { email: "EmailVerificationCode", phone: "PhoneVerificationCode" } as const;
  return (["email", "phone"] as const).filter(
    (identifier) => methods.some((method) => method.identifier === identifier && method.verificationCode) && (mfa.factors as string[]).includes(factorOf[identifier]),
  );
}

const connectorOfMethod: Record<string, string> = { EmailVerificationCode: "Email", PhoneVerificationCode: "Sms" };

function forgotPasswordFailures(args: SignInExperienceArgs, effective: Effective, connectorTypes: ConnectorTypes): Failure[] {
  const failures: Failure[] = [];
  (args.forgotPasswordMethods ?? []).forEach((method, index) => {
    const type = connectorOfMethod[method];
    if (!connectorTypes.has(type)) {
      failures.push({ property: "forgotPasswordMethods", reason: `forgotPasswordMethods[${index}] ${method} needs ${type === "Email" ? "an Email" : "an SMS"} connector in Logto` + logtoCode("forgot_password_method_requires_connector") });
    }
  });
  if (args.passwordExpiration?.enabled) {
    // No list (Logto's default, null) means every method whose connector exists.
    const methods = effective.forgotPasswordMethods ?? Object.keys(connectorOfMethod);
    const usable = methods.some((method) => connectorTypes.has(connectorOfMethod[method]));
    if (!usable) {
      failures.push({
        property: "passwordExpiration",
        reason: "passwordExpiration needs a way to reset a password: set forgotPasswordMethods with a method whose connector exists" + logtoCode("password_expiration_requires_forgot_password"),
      });
    }
  }
  return failures;
}

/** Blocklist entries as Logto's PATCH parses them; `isEmailOrDomain` is Logto's own emailOrEmailDomainRegEx test. */
export function emailBlocklistFailures(policy: ManagedFields["emailBlocklistPolicy"], isEmailOrDomain: (item: string) => boolean): Failure[] {
  if (!policy) return [];
  const failures: Failure[] = [];
  const fail = (reason: string) => failures.push({ property: "emailBlocklistPolicy", reason });
  if (policy.blockDisposableAddresses) fail("emailBlocklistPolicy.blockDisposableAddresses is only available in Logto Cloud");
  const list = policy.customBlocklist ?? [];
  list.forEach((item, index) => {
    if (item === unknownValue) return;
    if (!isEmailOrDomain(item)) fail(`emailBlocklistPolicy.customBlocklist[${index}] "${item}": must be an email address or a domain such as @example.com` + logtoCode("invalid_custom_email_blocklist_format"));
    else if (list.indexOf(item) !== index) fail(`emailBlocklistPolicy.customBlocklist[${index}] "${item}" is listed twice (Logto would drop it)`);
  });
  return failures;
}

/** Targets that are known now and match no social connector: Logto would drop them silently. */
export function missingTargetFailures(targets: string[] | undefined, socialTargets: Set<string>): Failure[] {
  return (targets ?? [])
    .map((target, index) => ({ target, index }))
    .filter(({ target }) => target !== unknownValue && !socialTargets.has(target))
    .map(({ target, index }) => ({
      property: "socialSignInConnectorTargets",
      reason:
        `socialSignInConnectorTargets[${index}] "${target}": Logto has no social connector with this target, and would drop it silently. ` +
        "If a Connector of this stack has it, Logto no longer has that connector (deleted outside Pulumi): `pulumi refresh` (or `pulumi up --refresh`) " +
        "notices and makes it again. Otherwise pass the Connector's target output, so the connector is created first",
    }));
}

export interface Languages {
  isLanguageTag(tag: string): boolean;
  builtIn: readonly string[];
}

/**
 * The fallback language must be a language tag Logto knows, with built-in phrases or custom
 * phrases in Logto. A tag given as a CustomPhrase's output is not known at preview: not judged.
 */
export function fallbackLanguageFailures(languageInfo: ManagedFields["languageInfo"], languages: Languages, customPhraseTags: readonly string[]): Failure[] {
  const tag = languageInfo?.fallbackLanguage;
  if (tag === undefined || containsUnknown(tag)) return [];
  const fail = (reason: string) => [{ property: "languageInfo", reason: `languageInfo.fallbackLanguage "${tag}": ${reason}` }];
  if (!languages.isLanguageTag(tag)) return fail("is not a language tag Logto knows, such as en, fr, de, pt-BR or zh-CN");
  if (languages.builtIn.includes(tag) || customPhraseTags.includes(tag)) return [];
  return fail(
    `Logto has no built-in phrases for it (it has ${languages.builtIn.join(", ")}); declare a CustomPhrase for "${tag}" and pass its languageTag output here, so it exists first` +
      logtoCode("unsupported_default_language"),
  );
}
