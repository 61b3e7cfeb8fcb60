import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { AmbiguousWriteError, configureLogto, managementClient } from "../logto";
import { adoptIdFailures, withFailures } from "../provider-kit/adopt";
import { checkInputs } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { isMarked } from "../provider-kit/managed-by";
import { programProblemFailures } from "../provider-kit/program-checks";
import { fromLogto, jitPath, memberRolesPath, membersOf, membersPath, organizationPath, organizationsPath, toBody, type LogtoMember, type LogtoOrganization } from "./api";
import { organizationArgsSchema, ownedFields, type OrganizationApp, type OrganizationArgs } from "./schema";

export interface OrganizationOutputs extends OrganizationArgs {
  organizationId: string;
}

type Props = Record<string, unknown>;

export const provider: pulumi.dynamic.ResourceProvider<OrganizationArgs, OrganizationOutputs> = {
  async configure(req) {
    configureLogto((key) => req.config.get(key));
  },

  async check(olds, news) {
    const result = checkInputs(organizationArgsSchema, news as unknown as Props);
    return withFailures(result, [...adoptIdFailures(olds as unknown as Props, news as unknown as Props), ...programProblemFailures(news as unknown as Props)]);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ownedFields);
  },

  async create(args) {
    const { organization, made } = await createOrganization(args);
    await converge(organization.id, args, made ? bare : undefined);
    return { id: organization.id, outs: outputsOf(organization.id, args) };
  },

  async read(id, props) {
    const client = managementClient();
    const organization = await client.find<LogtoOrganization>(organizationPath(id));
    if (!organization) return {};
    const owned = props ?? ({} as Partial<OrganizationArgs>);
    const [jitEmailDomains, jitSsoConnectors, jitRoles, applications] = await Promise.all([
      owned.jitEmailDomains && client.get<Array<{ emailDomain: string }>>(jitPath(id, "email-domains")).then((rows) => rows.map((row) => row.emailDomain).sort()),
      owned.jitSsoConnectors && client.get<Array<{ id: string }>>(jitPath(id, "sso-connectors")).then(idsOf),
      owned.jitRoles && client.get<Array<{ id: string }>>(jitPath(id, "roles")).then(idsOf),
      owned.applications && client.getAllPages<LogtoMember>(membersPath(id)).then(membersOf),
    ]);
    const current: OrganizationArgs = {
      ...fromLogto(organization, owned),
      ...(jitEmailDomains && { jitEmailDomains }),
      ...(jitSsoConnectors && { jitSsoConnectors }),
      ...(jitRoles && { jitRoles }),
      ...(applications && { applications }),
      ...(owned.managedBy !== undefined && { managedBy: owned.managedBy }),
      ...(owned.adoptId !== undefined && { adoptId: owned.adoptId }),
    };
    // Returning inputs makes refresh record drift in owned fields, so the next `up` repairs it.
    return { id, props: outputsOf(id, current), inputs: current as OrganizationOutputs };
  },

  async update(id, olds, news) {
    await converge(id, news, olds);
    return { outs: outputsOf(id, news) };
  },

  async delete(id) {
    await managementClient().deleteIfExists(organizationPath(id));
  },
};

/** What a just-made organization holds: nothing to compare the JIT lists and members with. */
const bare: Partial<OrganizationArgs> = { jitEmailDomains: [], jitSsoConnectors: [], jitRoles: [], applications: [] };

const idsOf = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

/**
 * Names are not unique in Logto: an organization we make carries its resource's mark, and a
 * create looks for it first (by name, then mark), so an interrupted run's is taken over.
 */
async function createOrganization(args: OrganizationArgs): Promise<{ organization: LogtoOrganization; made: boolean }> {
  const client = managementClient();
  if (args.adoptId !== undefined) return { organization: await adoptable(args.adoptId), made: false };
  const earlier = await findMarked(args);
  if (earlier) return { organization: earlier, made: false };
  try {
    return { organization: await client.post<LogtoOrganization>(organizationsPath, toBody(args)), made: true };
  } catch (error) {
    if (!(error instanceof AmbiguousWriteError)) throw error;
    // Not sent again: a slow create may still land. The next run finds it by its mark.
    const madeAfterAll = await findMarked(args);
    if (madeAfterAll) return { organization: madeAfterAll, made: false };
    throw error;
  }
}

/** One search by name per create: a tenant may hold many organizations (customers), listing them all would not scale. */
async function findMarked(args: OrganizationArgs): Promise<LogtoOrganization | undefined> {
  if (args.managedBy === undefined) return undefined;
  const named = await managementClient().getAllPages<LogtoOrganization>(organizationsPath, { q: args.name });
  return named.find((organization) => organization.name === args.name && isMarked(args.managedBy)(organization));
}

async function adoptable(id: string): Promise<LogtoOrganization> {
  const organization = await managementClient().find<LogtoOrganization>(organizationPath(id));
  if (!organization) throw new Error(`adoptId: Logto has no organization ${id} to take over`);
  return organization;
}

/**
 * Sets every owned field that differs from `olds` (all of them when `olds` is unknown). The JIT
 * lists and the members are replaced whole with Logto's PUTs, which are atomic and can be
 * repeated; a member's roles are set per app.
 */
async function converge(id: string, args: OrganizationArgs, olds?: Partial<OrganizationArgs>): Promise<void> {
  const client = managementClient();
  const changed = (field: keyof OrganizationArgs) => args[field] !== undefined && (!olds || !isDeepStrictEqual(olds[field], args[field]));
  // A just-made organization got its fields with the create.
  if (olds !== bare && (!olds || organizationFields.some(changed))) {
    const current = args.customData === undefined ? (await client.get<LogtoOrganization>(organizationPath(id))).customData : undefined;
    await client.patch(organizationPath(id), toBody(args, current));
  }
  await Promise.all([
    changed("jitEmailDomains") && client.put(jitPath(id, "email-domains"), { emailDomains: args.jitEmailDomains }),
    changed("jitSsoConnectors") && client.put(jitPath(id, "sso-connectors"), { ssoConnectorIds: args.jitSsoConnectors }),
    changed("jitRoles") && client.put(jitPath(id, "roles"), { organizationRoleIds: args.jitRoles }),
    changed("applications") && setMembers(id, args.applications!, olds === bare ? [] : undefined),
  ]);
}

/** The fields of the organization itself, set with one PATCH. */
const organizationFields = ["name", "description", "customData", "isMfaRequired", "color", "branding", "customCss"] as const;

/**
 * Makes the member apps and their roles exactly `wanted` (`held`: the current members, when
 * known). Members are added and removed one by one: Logto's PUT of the member list drops every
 * membership first, and with it the roles of apps that stay.
 */
async function setMembers(id: string, wanted: OrganizationApp[], held?: OrganizationApp[]): Promise<void> {
  const client = managementClient();
  const current = held ?? membersOf(await client.getAllPages<LogtoMember>(membersPath(id)));
  const joining = wanted.filter((app) => !current.some((member) => member.id === app.id));
  const leaving = current.filter((member) => !wanted.some((app) => app.id === member.id));
  // Adding a member twice is a no-op in Logto: a POST whose answer was lost may be sent again.
  const add = () => client.post(membersPath(id), { applicationIds: joining.map((app) => app.id) });
  if (joining.length) await add().catch((error) => (error instanceof AmbiguousWriteError ? add() : Promise.reject(error)));
  await Promise.all(leaving.map((member) => client.deleteIfExists(`${membersPath(id)}/${encodeURIComponent(member.id)}`)));
  await Promise.all(
    wanted.map(async (app) => {
      const before = current.find((member) => member.id === app.id)?.roles ?? [];
      if (isDeepStrictEqual(before, app.roles)) return;
      // Logto's PUT of a member's roles is atomic but refuses an empty list.
      if (app.roles.length) await client.put(memberRolesPath(id, app.id), { organizationRoleIds: app.roles });
      else await Promise.all(before.map((roleId) => client.deleteIfExists(`${memberRolesPath(id, app.id)}/${encodeURIComponent(roleId)}`)));
    }),
  );
}

const outputsOf = (id: string, args: OrganizationArgs): OrganizationOutputs => ({ ...args, organizationId: id });
