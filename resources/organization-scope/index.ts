import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoResourceOptions } from "../provider-kit/options";
import { ClaimedInProgram, programProblemsInput } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";

export interface OrganizationScopeInputs {
  /** Unique in the organization template, ≤ 128 characters; spaces are allowed. */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Take over this existing organization permission (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

const names = new ClaimedInProgram();

/** A permission of Logto's organization template, given to organization roles. */
export class OrganizationScope extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | null>;
  /** The permission's id in Logto. */
  readonly organizationScopeId: pulumi.Output<string>;

  constructor(name: string, args: OrganizationScopeInputs, opts?: pulumi.CustomResourceOptions) {
    const problems = names.problems(args.name, name, "name", (first) => `OrganizationScope "${first}" has the same name; Logto keeps organization permission names unique`);
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...args, ...programProblemsInput(problems) },
      logtoResourceOptions(opts),
      "logto",
      "OrganizationScope",
    );
    this.organizationScopeId = this.id;
  }
}
