import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ApiResource, undeclaredScopes } from "../api-resource";
import { OrganizationScope } from "../organization-scope";
import { logtoResourceOptions } from "../provider-kit/options";
import { ClaimedInProgram, programProblemsInput } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";
import { apiPermissionsInput, type RolePermissionInput } from "../role";
import type { RolePermissions, RoleType } from "../role/schema";

export interface OrganizationRoleInputs {
  /** Unique in the organization template, ≤ 128 characters. */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** `User` (default: members, just-in-time provisioning) or `MachineToMachine` (member apps); changed in place. */
  type?: pulumi.Input<RoleType>;
  /** Organization permissions: `OrganizationScope`s of the program, or ids of ones managed elsewhere. */
  permissions?: Array<OrganizationScope | pulumi.Input<string>>;
  /** API permissions, as for `Role`: `[{ api, scopes }]`. */
  apiPermissions?: RolePermissionInput[];
  /** Take over this existing organization role (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

const names = new ClaimedInProgram();

/** A role of Logto's organization template: organization permissions and API permissions. */
export class OrganizationRole extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | null>;
  declare readonly type: pulumi.Output<RoleType>;
  declare readonly permissions: pulumi.Output<string[]>;
  declare readonly apiPermissions: pulumi.Output<RolePermissions[]>;
  /** The organization role's id in Logto. */
  readonly organizationRoleId: pulumi.Output<string>;

  /** The type as declared, when it is a plain value (organizations check it at preview). */
  readonly declaredType?: RoleType;

  constructor(name: string, args: OrganizationRoleInputs, opts?: pulumi.CustomResourceOptions) {
    const problems = names.problems(args.name, name, "name", (first) => `OrganizationRole "${first}" has the same name; Logto keeps organization role names unique`);
    (args.apiPermissions ?? []).forEach(({ api, scopes }, index) => problems.push(...undeclaredScopes("apiPermissions", api, scopes, index)));
    const apis = (args.apiPermissions ?? []).flatMap(({ api }) => (api instanceof ApiResource ? [api] : []));
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      {
        ...args,
        permissions: args.permissions?.map((scope) => (scope instanceof OrganizationScope ? scope.id : scope)),
        apiPermissions: apiPermissionsInput(args.apiPermissions),
        ...programProblemsInput(problems),
      },
      logtoResourceOptions(pulumi.mergeOptions(opts, { dependsOn: apis })),
      "logto",
      "OrganizationRole",
    );
    this.organizationRoleId = this.id;
    const type = args.type ?? "User";
    if (typeof type === "string") this.declaredType = type;
  }
}
