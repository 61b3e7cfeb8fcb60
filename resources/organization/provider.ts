import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { AmbiguousWriteError, configureFromStack, managementClient } from "../logto";
import { checkResource } from "../provider-kit/check";
import { diffOwned } from "../provider-kit/diff";
import { ListedBeforeThisRun } from "../provider-kit/listed-before-this-run";
import { isMarked } from "../provider-kit/managed-by";
import { fromLogto, jitPath, memberRolesPath, membersOf, membersPath, organizationPath, organizationsPath, toBody, type LogtoMember, type LogtoOrganization } from "./api";
import { organizationArgsSchema, ownedFields, type OrganizationApp, type OrganizationArgs } from "./schema";

export interface OrganizationOutputs extends OrganizationArgs {
  organizationId: string;
}

export const provider: pulumi.dynamic.ResourceProvider<OrganizationArgs, OrganizationOutputs> = {
  configure: configureFromStack,

  async check(olds, news) {
    return checkResource(organizationArgsSchema, olds, news);
  },

  async diff(_id, olds, news) {
    return diffOwned(olds, news, ownedFields);
  },

  async create(args) {
    const { organization, made } = await createOrganization(args);
    await converge(organization.id, args, made ? bare : undefined, organization);
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
    organizationsBeforeThisRun.forget(id);
  },
};

/** What a just-made organization holds: nothing to compare the JIT lists and members with. */
const bare: Partial<OrganizationArgs> = { jitEmailDomains: [], jitSsoConnectors: [], jitRoles: [], applications: [] };

const idsOf = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

/**
 * Names are not unique in Logto: an organization we make carries its resource's mark, and a
 * create looks for it first, so an interrupted run's is taken over.
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
    const madeAfterAll = await findMarked(args, true);
    if (madeAfterAll) return { organization: madeAfterAll, made: false };
    throw error;
  }
}

/**
 * A tenant may hold thousands of organizations (customers signing up), so they are listed once
 * per run only while there are fewer than `listedAtMost`; beyond that, a create searches by name.
 */
const listedAtMost = 1000;

const organizationsBeforeThisRun = new ListedBeforeThisRun(async () => {
  const organizations = await managementClient().getAllPages<LogtoOrganization>(organizationsPath, {}, listedAtMost / 100);
  return organizations.length < listedAtMost ? organizations : undefined;
});

const isOurs = (args: OrganizationArgs) => (organization: LogtoOrganization) => organization.name === args.name && isMarked(args.managedBy)(organization);

/** The organization this resource made earlier, if any: from the run's list, or (`fresh`, or too many to list) a search. */
async function findMarked(args: OrganizationArgs, fresh = false): Promise<LogtoOrganization | undefined> {
  if (args.managedBy === undefined) return undefined;
  const listed = fresh ? undefined : await organizationsBeforeThisRun.all();
  if (listed) return listed.find(isOurs(args));
  return (await managementClient().getAllPages<LogtoOrganization>(organizationsPath, { q: args.name })).find(isOurs(args));
}

async function adoptable(id: string): Promise<LogtoOrganization> {
  const organization = await managementClient().find<LogtoOrganization>(organizationPath(id));
  if (!organization) throw new Error(`adoptId: Logto has no organization ${id} to take over`);
  return organization;
}

/**
 * Sets every owned field that differs from `olds` (all of them when `olds` is unknown; `current`:
 * the organization, when already read). Each JIT list is replaced whole with Logto's PUT, which
 * is atomic and can be repeated; members are set by `setMembers`.
 */
async function converge(id: string, args: OrganizationArgs, olds?: Partial<OrganizationArgs>, current?: LogtoOrganization): Promise<void> {
  const client = managementClient();
  const changed = (field: keyof OrganizationArgs) => args[field] !== undefined && (!olds || !isDeepStrictEqual(olds[field], args[field]));
  // A just-made organization got its fields with the create.
  if (olds !== bare && (!olds || organizationFields.some(changed))) {
    // Without a customData of its own, the resource keeps what is there beside its mark.
    const kept = args.customData === undefined ? (current ?? (await client.get<LogtoOrganization>(organizationPath(id)))).customData : undefined;
    await client.patch(organizationPath(id), toBody(args, kept));
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
