import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { ApiResource, undeclaredScopes } from "../api-resource";
import { logtoResourceOptions } from "../provider-kit/options";
import { ClaimedInProgram, programProblemsInput } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";
import type { RolePermissions, RoleType } from "./schema";

export type { RoleType };

export interface RolePermissionInput {
  /** The API resource: an `ApiResource` of this program, or the indicator of one managed elsewhere. */
  api: ApiResource | pulumi.Input<string>;
  /** Permission names of that API. */
  scopes: pulumi.Input<pulumi.Input<string>[]>;
}

export interface RoleInputs {
  /** Unique in the tenant (across both types). */
  name: pulumi.Input<string>;
  /** Required by Logto. */
  description: pulumi.Input<string>;
  /** `User` (default) or `MachineToMachine`; changing it replaces the role. */
  type?: pulumi.Input<RoleType>;
  /** User roles only: given to every new user. */
  isDefault?: pulumi.Input<boolean>;
  permissions?: RolePermissionInput[];
  /** Take over this existing role (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

const names = new ClaimedInProgram();

/** A Logto role (RBAC): for users, or for machine-to-machine apps (`Application.roles`). */
export class Role extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly type: pulumi.Output<RoleType>;
  declare readonly isDefault: pulumi.Output<boolean>;
  declare readonly permissions: pulumi.Output<RolePermissions[]>;
  /** The role's id in Logto. */
  readonly roleId: pulumi.Output<string>;

  /** The type as declared, when it is a plain value (apps check it at preview). */
  readonly declaredType?: RoleType;

  constructor(name: string, args: RoleInputs, opts?: pulumi.CustomResourceOptions) {
    const problems = names.problems(args.name, name, "name", (first) => `Role "${first}" has the same name; Logto keeps role names unique`);
    const apis = (args.permissions ?? []).flatMap(({ api }) => (api instanceof ApiResource ? [api] : []));
    (args.permissions ?? []).forEach(({ api, scopes }, index) => problems.push(...undeclaredScopes("permissions", api, scopes, index)));
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      {
        ...args,
        permissions: apiPermissionsInput(args.permissions),
        ...programProblemsInput(problems),
      },
      // The APIs come first: a role's permissions must exist before it is given them.
      logtoResourceOptions(pulumi.mergeOptions(opts, { dependsOn: apis })),
      "logto",
      "Role",
    );
    this.roleId = this.id;
    const type = args.type ?? "User";
    if (typeof type === "string") this.declaredType = type;
  }
}

/**
 * API permissions as the providers take them: `{ api: <indicator>, scopes }`. An `ApiResource`
 * of the program is named by its declared indicator (not its output), which keeps the role out
 * of a preview in which only the API changes; the role depends on the API explicitly instead.
 */
export const apiPermissionsInput = (permissions: RolePermissionInput[] | undefined) =>
  permissions?.map(({ api, scopes }) => ({ api: api instanceof ApiResource ? (api.declaredIndicator ?? api.indicator) : api, scopes }));
