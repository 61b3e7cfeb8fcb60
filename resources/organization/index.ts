import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { Application } from "../application";
import { Connector } from "../connector";
import { OrganizationRole } from "../organization-role";
import { managedByOf } from "../provider-kit/managed-by";
import { logtoResourceOptions } from "../provider-kit/options";
import { programProblemsInput, type ProgramProblem } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";
import { Role } from "../role";
import type { SsoConnector } from "../sso-connector";
import type { OrganizationApp, OrganizationArgs } from "./schema";

type Inputs<T> = { [K in keyof T]?: pulumi.Input<T[K]> };

/** An organization role of the program, or the id of one managed elsewhere. */
export type OrganizationRoleRef = OrganizationRole | pulumi.Input<string>;

export interface OrganizationInputs {
  /** Display name (≤ 128 characters); not unique in Logto. */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Arbitrary JSON kept on the organization; replaced whole when given. */
  customData?: pulumi.Input<Record<string, unknown>>;
  /** Members must set up multi-factor authentication. */
  isMfaRequired?: pulumi.Input<boolean>;
  color?: pulumi.Input<Inputs<NonNullable<OrganizationArgs["color"]>>>;
  branding?: pulumi.Input<Inputs<NonNullable<OrganizationArgs["branding"]>>>;
  customCss?: pulumi.Input<string>;
  /**
   * Just-in-time provisioning: users with a verified email of `emailDomains`, or who sign in
   * through `ssoConnectors` (`SsoConnector`s, or ids), join with the User organization `roles`.
   * Each list is owned when given.
   */
  jit?: {
    emailDomains?: pulumi.Input<pulumi.Input<string>[]>;
    ssoConnectors?: Array<SsoConnector | pulumi.Input<string>>;
    roles?: OrganizationRoleRef[];
  };
  /** Machine-to-machine apps that are members (all of them), each with its MachineToMachine organization roles. */
  applications?: Array<{ app: Application | pulumi.Input<string>; roles?: OrganizationRoleRef[] }>;
  /** Take over this existing organization (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A Logto organization (a B2B customer): its settings, just-in-time provisioning and member
 * apps. Logto's names are not unique, so the organization carries this resource's mark in its
 * customData, by which a create finds what an interrupted run made.
 */
export class Organization extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | null>;
  declare readonly jitEmailDomains: pulumi.Output<string[] | undefined>;
  declare readonly jitSsoConnectors: pulumi.Output<string[] | undefined>;
  declare readonly jitRoles: pulumi.Output<string[] | undefined>;
  declare readonly applications: pulumi.Output<OrganizationApp[] | undefined>;
  /** The organization's id in Logto. */
  readonly organizationId: pulumi.Output<string>;

  constructor(name: string, args: OrganizationInputs, opts?: pulumi.CustomResourceOptions) {
    const { jit, applications, ...fields } = args;
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      {
        ...fields,
        jitEmailDomains: jit?.emailDomains,
        jitSsoConnectors: jit?.ssoConnectors?.map(idOf),
        jitRoles: jit?.roles?.map(roleRef),
        applications: applications?.map(({ app, roles }) => ({
          ...(app instanceof Application ? { id: app.id, type: app.declaredType ?? app.type } : { id: app }),
          roles: (roles ?? []).map(roleRef),
        })),
        ...programProblemsInput(wrongKinds(args)),
        managedBy: managedByOf(name),
      },
      logtoResourceOptions(opts),
      "logto",
      "Organization",
    );
    this.organizationId = this.id;
  }
}

/** A resource of the program by its id (resources of the wrong kind too: `wrongKinds` reports them), else the id given. */
const idOf = (value: pulumi.CustomResource | pulumi.Input<string>) => (value instanceof pulumi.CustomResource ? value.id : value);

/** An organization role as the provider takes it: its id, and its type when known (checked at preview). */
const roleRef = (role: OrganizationRoleRef) => (role instanceof OrganizationRole ? { id: role.id, type: role.declaredType ?? role.type } : { id: idOf(role) });

/** Objects of the wrong kind: a social connector where an SSO connector goes, a tenant role where an organization role goes. */
function wrongKinds(args: OrganizationInputs): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  args.jit?.ssoConnectors?.forEach((connector, index) => {
    if (connector instanceof Connector) {
      problems.push({ property: "jitSsoConnectors", reason: `jit.ssoConnectors[${index}]: a social or email Connector; just-in-time provisioning takes enterprise SsoConnectors` });
    }
  });
  const roles: Array<[string, OrganizationRoleRef[] | undefined]> = [
    ["jit.roles", args.jit?.roles],
    ...(args.applications ?? []).map((app, index): [string, OrganizationRoleRef[] | undefined] => [`applications[${index}].roles`, app.roles]),
  ];
  for (const [where, list] of roles) {
    list?.forEach((role, index) => {
      if ((role as unknown) instanceof Role) {
        problems.push({ property: where.startsWith("jit") ? "jitRoles" : "applications", reason: `${where}[${index}]: a tenant Role; organizations take OrganizationRoles` });
      }
    });
  }
  return problems;
}
