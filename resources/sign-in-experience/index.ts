import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoResourceOptions } from "../provider-kit/options";
import { providerShim } from "../provider-kit/shim";
import type { ManagedFields } from "./schema";

type Inputs<T> = { [K in keyof T]?: pulumi.Input<T[K]> };

export interface SignInExperienceInputs extends Inputs<Omit<ManagedFields, "socialSignInConnectorTargets">> {
  /**
   * Social targets to offer, e.g. `[apple.target, oidc.target]`: passing the connectors'
   * outputs makes Logto get the connectors before the targets (it drops unknown ones).
   */
  socialSignInConnectorTargets?: pulumi.Input<pulumi.Input<string>[]>;
  /** The Email connector's `connectorId`, required for email sign-up or sign-in by code. */
  emailConnector?: pulumi.Input<string>;
}

/**
 * Logto's sign-in experience, a singleton. This resource owns only the fields it is given:
 * it leaves every other field alone, and on delete puts back the values those fields had
 * before it set them.
 */
export class SignInExperience extends pulumi.dynamic.Resource {
  declare readonly signUp: pulumi.Output<ManagedFields["signUp"]>;
  declare readonly signIn: pulumi.Output<ManagedFields["signIn"]>;
  declare readonly socialSignInConnectorTargets: pulumi.Output<string[] | undefined>;
  declare readonly singleSignOnEnabled: pulumi.Output<boolean | undefined>;
  declare readonly ownedFields: pulumi.Output<string[]>;

  constructor(name: string, args: SignInExperienceInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...args, ownedFields: undefined, previous: undefined },
      logtoResourceOptions(opts),
      "logto",
      "SignInExperience",
    );
  }
}
