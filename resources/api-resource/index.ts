import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoResourceOptions } from "../provider-kit/options";
import { ClaimedInProgram, programProblemsInput, type ProgramProblem } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";

export interface ApiResourceInputs {
  /** Display name of the API in the Console. */
  name: pulumi.Input<string>;
  /** The API identifier (an absolute URI, the `aud` of its tokens), unique in the tenant; changing it replaces the API resource. */
  indicator: pulumi.Input<string>;
  /** Access token lifetime in seconds (default 3600). */
  accessTokenTtl?: pulumi.Input<number>;
  /** The tenant's default API (at most one). */
  isDefault?: pulumi.Input<boolean>;
  /** Permissions by name, with their descriptions: `{ "read:orders": "Read orders" }`. */
  scopes?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Take over this existing API resource (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

const indicators = new ClaimedInProgram();
const defaults = new ClaimedInProgram();

/**
 * A Logto API resource with its permissions. Roles refer to it with `permissions: [{ api, scopes }]`;
 * adding, removing or re-describing a permission touches only that permission.
 */
export class ApiResource extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly indicator: pulumi.Output<string>;
  declare readonly accessTokenTtl: pulumi.Output<number>;
  declare readonly isDefault: pulumi.Output<boolean>;
  declare readonly scopes: pulumi.Output<Record<string, string>>;
  /** The API resource's id in Logto. */
  readonly resourceId: pulumi.Output<string>;
  /** Each permission's id, by name. */
  declare readonly scopeIds: pulumi.Output<Record<string, string>>;

  /** The indicator as declared, when it is a plain value: roles refer to the API by it. */
  readonly declaredIndicator?: string;
  /** The permission names as declared, when known in the program: roles naming others fail at preview. */
  readonly declaredScopes?: readonly string[];

  constructor(name: string, args: ApiResourceInputs, opts?: pulumi.CustomResourceOptions) {
    const problems = [
      ...indicators.problems(args.indicator, name, "indicator", (first) => `ApiResource "${first}" has the same indicator; Logto keeps indicators unique`),
      ...defaults.problems(args.isDefault === true ? "default" : undefined, name, "isDefault", (first) => `ApiResource "${first}" is the default API already; a tenant has one`),
    ];
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...args, ...programProblemsInput(problems), scopeIds: undefined },
      logtoResourceOptions(opts),
      "logto",
      "ApiResource",
    );
    this.resourceId = this.id;
    if (typeof args.indicator === "string") this.declaredIndicator = args.indicator;
    const scopes = args.scopes;
    if (scopes !== undefined && !pulumi.Output.isInstance(scopes) && !(scopes instanceof Promise)) this.declaredScopes = Object.keys(scopes);
    if (scopes === undefined) this.declaredScopes = [];
  }
}

/** Permission names a role asks of an API of this program that the API does not declare. */
export function undeclaredScopes(property: string, api: unknown, scopes: pulumi.Input<pulumi.Input<string>[]>, index: number): ProgramProblem[] {
  if (!(api instanceof ApiResource) || api.declaredScopes === undefined || !Array.isArray(scopes)) return [];
  const declared = new Set(api.declaredScopes);
  return scopes.flatMap((scope, position) =>
    typeof scope === "string" && !declared.has(scope)
      ? [
          {
            property,
            reason: `${property}[${index}].scopes[${position}]: "${scope}" is not a permission of the API ${api.declaredIndicator ?? "it names"} (it declares ${[...declared].join(", ") || "none"})`,
          },
        ]
      : [],
  );
}
