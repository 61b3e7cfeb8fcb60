import * as pulumi from "@pulumi/pulumi";

/**
 * Logto names of applications and organizations are not unique, and Logto has no idempotency
 * keys: every such object we make carries its resource's mark in `customData`, and a create
 * looks for the mark first, so what an interrupted run or an unanswered POST made is taken over,
 * never made twice.
 */
export const managedByKey = "pulumi:managedBy";

/** The mark of the resource `name` of this program: `<project>/<stack>/<resource name>`. */
export const managedByOf = (name: string) => `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;

/** Whether an object carries the mark `managedBy`. */
export const isMarked = (managedBy: string | undefined) => (object: { customData?: Record<string, unknown> | null }) =>
  managedBy !== undefined && object.customData?.[managedByKey] === managedBy;
