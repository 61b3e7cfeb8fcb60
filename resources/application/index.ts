import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoEndpoint } from "../provider-kit/endpoint";
import { managedByOf } from "../provider-kit/managed-by";
import { logtoResourceOptions } from "../provider-kit/options";
import { providerShim } from "../provider-kit/shim";
import { Role } from "../role";
import type { ApplicationType } from "./schema";
import { issuerOf, openidConfigurationUrlOf } from "./urls";

export interface ApplicationInputs {
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Changing the type replaces the application (Logto cannot change it). */
  type: pulumi.Input<ApplicationType>;
  redirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  postLogoutRedirectUris?: pulumi.Input<pulumi.Input<string>[]>;
  corsAllowedOrigins?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * MachineToMachine apps: the roles the app holds (all of them; roles given elsewhere are
   * removed): `Role`s of the program (a User role fails at preview), or ids of roles managed
   * elsewhere. Omit it to leave the app's roles alone.
   */
  roles?: Array<Role | pulumi.Input<string>>;
  /** Take over this existing application (by id) when the resource is created, instead of making one. */
  adoptId?: pulumi.Input<string>;
}

/** A Logto application (Traditional web, SPA, Native or machine-to-machine). */
export class Application extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | null>;
  declare readonly type: pulumi.Output<ApplicationType>;
  declare readonly redirectUris: pulumi.Output<string[]>;
  declare readonly postLogoutRedirectUris: pulumi.Output<string[]>;
  declare readonly corsAllowedOrigins: pulumi.Output<string[]>;
  /** The ids of the roles the app holds, when `roles` is given. */
  declare readonly roles: pulumi.Output<string[] | undefined>;
  /** The client secret (`AUTH_LOGTO_SECRET`), a Pulumi secret; absent for SPA and Native apps. */
  declare readonly appSecret: pulumi.Output<string | undefined>;
  // Known whenever the id is, an update's preview included, so what depends on them shows no change.
  /** The client ID (`AUTH_LOGTO_ID`): the application's id. */
  readonly appId: pulumi.Output<string>;
  /** `<endpoint>/oidc` (`AUTH_LOGTO_ISSUER`). */
  readonly issuer: pulumi.Output<string>;
  readonly openidConfigurationUrl: pulumi.Output<string>;

  /** The type as declared, when it is a plain value (organizations check their member apps at preview). */
  readonly declaredType?: ApplicationType;

  constructor(name: string, args: ApplicationInputs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      {
        ...args,
        // A Role's type travels with its id so that a User role is refused at preview.
        roles: args.roles?.map((role) => (role instanceof Role ? { id: role.id, type: role.declaredType ?? role.type } : { id: role })),
        managedBy: managedByOf(name),
        appSecret: undefined,
      },
      logtoResourceOptions(opts, ["appSecret"]),
      "logto",
      "Application",
    );
    if (typeof args.type === "string") this.declaredType = args.type;
    const endpoint = logtoEndpoint();
    this.appId = this.id;
    this.issuer = pulumi.output(issuerOf(endpoint));
    this.openidConfigurationUrl = pulumi.output(openidConfigurationUrlOf(endpoint));
  }
}
