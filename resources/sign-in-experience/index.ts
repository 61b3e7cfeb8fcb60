import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoResourceOptions } from "../provider-kit/options";
import { providerShim } from "../provider-kit/shim";
import { manageableFields, type ManagedFields } from "./schema";

type Inputs<T> = { [K in keyof T]?: pulumi.Input<T[K]> };

export interface SignInExperienceInputs extends Inputs<Omit<ManagedFields, "socialSignInConnectorTargets" | "languageInfo">> {
  /**
   * Social targets to offer, e.g. `[apple.target, oidc.target]`: passing the connectors'
   * outputs makes Logto get the connectors before the targets (it drops unknown ones).
   */
  socialSignInConnectorTargets?: pulumi.Input<pulumi.Input<string>[]>;
  /** A fallback language without built-in phrases takes a CustomPhrase's `languageTag` output, so the phrases exist first. */
  languageInfo?: pulumi.Input<{ autoDetect: pulumi.Input<boolean>; fallbackLanguage: pulumi.Input<string> }>;
  /** The Email connector's `connectorId`, required for email sign-up or sign-in by code. */
  emailConnector?: pulumi.Input<string>;
}

type Outputs = { readonly [K in keyof ManagedFields]-?: pulumi.Output<ManagedFields[K] | undefined> };

/**
 * Logto's sign-in experience, a singleton. This resource owns only the fields it is given:
 * it leaves every other field alone, and on delete puts back the values those fields had
 * before it set them.
 */
export class SignInExperience extends pulumi.dynamic.Resource {
  declare readonly ownedFields: pulumi.Output<string[]>;

  constructor(name: string, args: SignInExperienceInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...Object.fromEntries(manageableFields.map((field) => [field, undefined])), ...args, ownedFields: undefined, previous: undefined },
      logtoResourceOptions(opts),
      "logto",
      "SignInExperience",
    );
  }
}

// The owned fields are outputs too, as Logto stored them.
export interface SignInExperience extends Outputs {}
