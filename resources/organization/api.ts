import { managedByKey } from "../provider-kit/managed-by";
import type { OrganizationApp, OrganizationArgs } from "./schema";

export const organizationsPath = "/api/organizations";
export const organizationPath = (id: string) => `${organizationsPath}/${encodeURIComponent(id)}`;
export const jitPath = (id: string, list: "email-domains" | "sso-connectors" | "roles") => `${organizationPath(id)}/jit/${list}`;
export const membersPath = (id: string) => `${organizationPath(id)}/applications`;
export const memberRolesPath = (id: string, appId: string) => `${membersPath(id)}/${encodeURIComponent(appId)}/roles`;

export interface LogtoOrganization {
  id: string;
  name: string;
  description: string | null;
  customData: Record<string, unknown>;
  isMfaRequired: boolean;
  color: NonNullable<OrganizationArgs["color"]>;
  branding: NonNullable<OrganizationArgs["branding"]>;
  customCss: string | null;
}

/** An item of `GET /api/organizations/:id/applications`: the app and its organization roles. */
export interface LogtoMember {
  id: string;
  organizationRoles: Array<{ id: string }>;
}

/** The owned fields as Logto takes them; `customData` always carries the mark, beside what the user keeps there. */
export function toBody(args: OrganizationArgs, currentCustomData: Record<string, unknown> = {}) {
  const { [managedByKey]: _mark, ...unmarked } = currentCustomData;
  return {
    name: args.name,
    description: args.description,
    customData: { ...(args.customData ?? unmarked), ...(args.managedBy !== undefined && { [managedByKey]: args.managedBy }) },
    ...(args.isMfaRequired !== undefined && { isMfaRequired: args.isMfaRequired }),
    ...(args.color !== undefined && { color: args.color }),
    ...(args.branding !== undefined && { branding: args.branding }),
    ...(args.customCss !== undefined && { customCss: args.customCss }),
  };
}

/** Logto's values of the fields `owned` holds (the fields this resource was given). */
export function fromLogto(organization: LogtoOrganization, owned: Partial<OrganizationArgs>): OrganizationArgs {
  const { [managedByKey]: _mark, ...customData } = organization.customData ?? {};
  return {
    name: organization.name,
    description: organization.description,
    ...(owned.customData !== undefined && { customData }),
    ...(owned.isMfaRequired !== undefined && { isMfaRequired: organization.isMfaRequired }),
    ...(owned.color !== undefined && { color: organization.color }),
    ...(owned.branding !== undefined && { branding: organization.branding }),
    ...(owned.customCss !== undefined && { customCss: organization.customCss }),
  };
}

export const membersOf = (members: LogtoMember[]): OrganizationApp[] =>
  members.map((member) => ({ id: member.id, roles: member.organizationRoles.map((role) => role.id).sort() })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
