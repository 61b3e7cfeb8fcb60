// Import this module before the component: the mocks must be in place before any resource exists.
import * as pulumi from "@pulumi/pulumi";

export const account = "123456789012";
export const providerRegion = "eu-west-1";

export interface MockedResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  state: Record<string, any>;
}

/** Every resource the program registered, in order. */
export const registered: MockedResource[] = [];

/** What the aws provider would answer for the resources the sender creates. */
export function awsOutputsOf(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, any> } {
  // Like the aws provider: a regional resource without `region` lives in the provider's region.
  const region = inputs.region ?? providerRegion;
  const sesArn = (identity: string) => `arn:aws:ses:${region}:${account}:identity/${identity}`;
  switch (type) {
    case "aws:ses/domainIdentity:DomainIdentity":
      return { id: inputs.domain, state: { ...inputs, region, arn: sesArn(inputs.domain), verificationToken: `token-of-${inputs.domain}` } };
    case "aws:ses/domainDkim:DomainDkim":
      return { id: inputs.domain, state: { ...inputs, region, dkimTokens: ["dkim1", "dkim2", "dkim3"] } };
    case "aws:ses/emailIdentity:EmailIdentity":
      return { id: inputs.email, state: { ...inputs, region, arn: sesArn(inputs.email) } };
    case "aws:iam/user:User": {
      const userName = inputs.name ?? `${name}-a1b2c3`; // auto-naming
      return { id: userName, state: { ...inputs, name: userName, arn: `arn:aws:iam::${account}:user/${userName}` } };
    }
    case "aws:iam/accessKey:AccessKey":
      // Plain, as the mock monitor ignores additionalSecretOutputs: the component must mark it secret itself.
      return { id: `AKIA-${name}`, state: { ...inputs, secret: `secret-of-${name}`, status: "Active" } };
    default:
      return { id: `${name}-id`, state: inputs };
  }
}

pulumi.runtime.setMocks(
  {
    newResource({ type, name, inputs }) {
      const { id, state } = awsOutputsOf(type, name, inputs);
      registered.push({ type, name, inputs, state });
      return { id, state };
    },
    call({ token }) {
      throw new Error(`unexpected provider function call ${token}`);
    },
  },
  "logto-pulumi",
  "test",
  false,
);

/** The value of an output (known here, as the mocks are not a preview). */
export const valueOf = <T>(output: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) => output.apply((value) => resolve(value)));

export const resourcesOf = (component: string, type: string) =>
  registered.filter((resource) => resource.type === type && resource.name.startsWith(`${component}-`));
