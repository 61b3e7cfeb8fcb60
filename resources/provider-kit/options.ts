import * as pulumi from "@pulumi/pulumi";

/**
 * The options every Logto resource registers with. A create finds again what identifies its
 * object (an app's mark, a connector's id, an SSO connector's name, the one sign-in
 * experience), so a replacement made while its predecessor still exists would be that
 * predecessor, and the predecessor's delete would then remove it: replacements delete first,
 * whatever `opts` say (`pulumi up --replace`, `replaceOnChanges` included).
 */
export function logtoResourceOptions(opts: pulumi.CustomResourceOptions | undefined, secretOutputs: string[] = []): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { deleteBeforeReplace: true, ...(secretOutputs.length > 0 && { additionalSecretOutputs: secretOutputs }) });
}
