import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "../provider-kit/check";
import type { SignInExperienceArgs } from "./schema";

/**
 * Logto's own coupling rules (validateSignUp / validateSignIn in packages/core), checked at
 * preview so a bad combination fails before anything is written. `connectorTypes` are the
 * connector types that exist or will exist when the sign-in experience is applied.
 */
export function couplingFailures(args: SignInExperienceArgs, connectorTypes: Set<string>): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const { signUp, signIn } = args;

  if (signUp) {
    const all = [...signUp.identifiers, ...(signUp.secondaryIdentifiers ?? []).map((secondary) => secondary.identifier)];
    if (new Set(all).size !== all.length) fail("signUp", "signUp: an identifier is listed twice (primary and secondary together)");
    if (signUp.identifiers.some((id) => id !== "username") && !signUp.verify) {
      fail("signUp", "signUp.verify must be true: Logto verifies email and phone identifiers at sign-up");
    }
  }
  const usesEmail =
    signUp?.identifiers.includes("email") ||
    signUp?.secondaryIdentifiers?.some(({ identifier }) => identifier === "email" || identifier === "emailOrPhone") ||
    signIn?.methods.some(({ identifier, verificationCode }) => identifier === "email" && verificationCode);
  if (usesEmail && !connectorTypes.has("Email")) {
    fail(
      signUp?.identifiers.includes("email") ? "signUp" : "signIn",
      "email sign-up or sign-in by code needs an Email connector: create one (a Connector such as aws-ses-mail) and pass its connectorId as emailConnector, so it exists first",
    );
  }
  const usesPhone =
    signUp?.identifiers.includes("phone") || signIn?.methods.some(({ identifier, verificationCode }) => identifier === "phone" && verificationCode);
  if (usesPhone && !connectorTypes.has("Sms")) {
    fail(signUp?.identifiers.includes("phone") ? "signUp" : "signIn", "phone sign-up or sign-in by code needs an SMS connector in Logto");
  }

  signIn?.methods.forEach((method, index) => {
    if (!method.password && !method.verificationCode) {
      fail("signIn", `signIn.methods[${index}] (${method.identifier}): enable password or verificationCode`);
    }
    const codeRequired = signUp?.verify && !signUp.password && method.identifier !== "username";
    if (codeRequired && !method.verificationCode) {
      fail("signIn", `signIn.methods[${index}] (${method.identifier}): verificationCode must be true when sign-up verifies without a password`);
    }
  });
  return failures;
}

/** Targets that are known now and match no social connector: Logto would drop them silently. */
export function missingTargetFailures(targets: string[] | undefined, socialTargets: Set<string>): pulumi.dynamic.CheckFailure[] {
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
