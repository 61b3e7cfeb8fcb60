import type * as pulumi from "@pulumi/pulumi";
import { isDeepStrictEqual } from "node:util";
import { configureFromStack, managementClient } from "../logto";
import { logtoLanguages, logtoRules } from "../logto/rules";
import { checkInputs } from "../provider-kit/check";
import { explainToEngine } from "../provider-kit/engine-log";
import { couplingFailures, emailBlocklistFailures, fallbackLanguageFailures, missingTargetFailures, type Effective } from "./rules";
import {
  ownedFieldsOf,
  signInExperienceArgsSchema,
  type ManagedField,
  type ManagedFields,
  type SignInExperienceArgs,
} from "./schema";
import { ownPart, storedForm } from "./stored-form";

const signInExperiencePath = "/api/sign-in-exp";

type LogtoSignInExperience = ManagedFields & Record<string, unknown>;

export interface SignInExperienceOutputs extends SignInExperienceArgs {
  /** The fields this resource set, so it changes nothing else and restores only these. */
  ownedFields: ManagedField[];
  /** Their values before this resource first set them: what delete puts back. */
  previous: Partial<Record<ManagedField, unknown>>;
}

export const provider: pulumi.dynamic.ResourceProvider<SignInExperienceArgs, SignInExperienceOutputs> = {
  configure: configureFromStack,

  async check(_olds, news) {
    const result = checkInputs(signInExperienceArgsSchema, news as unknown as Record<string, unknown>);
    if (result.failures?.length) return result;
    const args = storedForm(result.inputs as SignInExperienceArgs) as SignInExperienceArgs;
    const client = managementClient();
    const [connectors, current] = await Promise.all([client.get<Array<{ type: string; target: string }>>("/api/connectors"), currentSignInExperience()]);
    const types = new Set(connectors.map((connector) => connector.type));
    if (args.emailConnector !== undefined) types.add("Email");
    const socialTargets = new Set(connectors.filter((connector) => connector.type === "Social").map((connector) => connector.target));
    const effective = {
      signUp: args.signUp ?? current.signUp,
      signIn: args.signIn ?? current.signIn,
      mfa: args.mfa ?? current.mfa,
      adaptiveMfa: current.adaptiveMfa ?? {},
      forgotPasswordMethods: args.forgotPasswordMethods === undefined ? current.forgotPasswordMethods : args.forgotPasswordMethods,
    } as Effective;
    const failures = [
      ...couplingFailures(args, effective, types),
      ...missingTargetFailures(args.socialSignInConnectorTargets, socialTargets),
      ...(args.languageInfo ? await languageFailures(args.languageInfo) : []),
      ...(args.emailBlocklistPolicy ? emailBlocklistFailures(args.emailBlocklistPolicy, (await logtoRules()).isEmailOrDomain) : []),
    ];
    return failures.length ? { inputs: result.inputs, failures } : { ...result, inputs: { ...result.inputs, ...args } };
  },

  /**
   * Logto changes the sign-in experience on its own: deleting a social connector drops its
   * target, as a forced replacement of that connector does mid-run. So what Logto holds counts,
   * not only what state remembers: an owned field that differs there is set again.
   */
  async diff(_id, olds, news) {
    const owned = ownedFieldsOf(news);
    const changed =
      !isDeepStrictEqual([...(olds.ownedFields ?? [])].sort(), [...owned].sort()) ||
      owned.some((field) => !isDeepStrictEqual(olds[field], news[field])) ||
      olds.emailConnector !== news.emailConnector;
    if (changed) return { changes: true, replaces: [] };
    const current = await currentSignInExperience();
    const drifted = owned.filter((field) => !holds(current, field, news[field]));
    if (drifted.length) await explainToEngine(driftMessage(drifted, current, news));
    return { changes: drifted.length > 0, replaces: [] };
  },

  async create(args) {
    const owned = ownedFieldsOf(args);
    const current = await currentSignInExperience();
    const previous = pick(current, owned);
    const updated = await apply(pick(args, owned), current);
    return { id: "default", outs: outputsOf(updated, args, owned, previous) };
  },

  async read(_id, props) {
    const owned = props?.ownedFields ?? [];
    const current = await currentSignInExperience();
    const outs = outputsOf(current, props ?? {}, owned, props?.previous ?? {});
    const { ownedFields: _owned, previous: _previous, ...inputs } = outs;
    return { id: "default", props: outs, inputs: inputs as SignInExperienceOutputs };
  },

  async update(_id, olds, args) {
    const owned = ownedFieldsOf(args);
    const wasOwned = olds.ownedFields ?? [];
    const current = await currentSignInExperience();
    const released = wasOwned.filter((field) => !owned.includes(field));
    const previous = {
      ...omit(olds.previous ?? {}, released),
      ...pick(current, owned.filter((field) => !wasOwned.includes(field))),
    };
    const updated = await apply({ ...pick(olds.previous ?? {}, released), ...pick(args, owned) }, current);
    return { outs: outputsOf(updated, args, owned, previous) };
  },

  /**
   * Puts back the previous value of each owned field that still holds the value we set. A field
   * someone changed since (another stack, the Console) is theirs now and is left alone.
   */
  async delete(_id, props) {
    const current = await currentSignInExperience();
    const untouched = (props.ownedFields ?? []).filter((field) => holds(current, field, props[field]));
    await apply(pick(props.previous ?? {}, untouched), current);
  },
};

/** Names each field Logto holds otherwise, with both values: the preview shows no property change for it. */
function driftMessage(fields: ManagedField[], current: LogtoSignInExperience, news: Partial<SignInExperienceArgs>): string {
  const shown = (value: unknown) => {
    const text = JSON.stringify(value ?? null);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  };
  const lines = fields.map((field) => `    ${field}: Logto holds ${shown(ownPart(field, current[field]))}, this stack sets ${shown(news[field])}`);
  return [`SignInExperience: to update, because Logto's sign-in experience differs from this stack's (changed outside it):`, ...lines].join("\n");
}

/** Whether Logto's sign-in experience holds `value` in `field`, in the part this resource owns. */
const holds = (current: LogtoSignInExperience, field: ManagedField, value: unknown) => isDeepStrictEqual(ownPart(field, current[field]) ?? null, value ?? null);

const currentSignInExperience = () => managementClient().get<LogtoSignInExperience>(signInExperiencePath);

/** PATCHes the given fields; Logto drops unknown social targets without a word, so we check. */
async function apply(fields: Partial<Record<ManagedField, unknown>>, current: LogtoSignInExperience): Promise<LogtoSignInExperience> {
  if (Object.keys(fields).length === 0) return current;
  const updated = await managementClient().patch<LogtoSignInExperience>(signInExperiencePath, { ...keepAdaptiveMfa(fields, current), ...fields });
  const requested = (fields.socialSignInConnectorTargets as string[] | undefined) ?? [];
  const dropped = requested.filter((target) => !updated.socialSignInConnectorTargets?.includes(target));
  if (dropped.length) {
    throw new Error(`Logto dropped the social sign-in targets ${dropped.join(", ")}: no social connector has them`);
  }
  return updated;
}

function outputsOf(
  experience: LogtoSignInExperience,
  args: Partial<SignInExperienceArgs>,
  owned: ManagedField[],
  previous: Partial<Record<ManagedField, unknown>>,
): SignInExperienceOutputs {
  const email = args.emailConnector === undefined ? {} : { emailConnector: args.emailConnector };
  return { ...pick(experience, owned), ...email, ownedFields: owned, previous } as SignInExperienceOutputs;
}

function pick<T extends object>(source: T, fields: readonly string[]): Partial<Record<ManagedField, unknown>> {
  return Object.fromEntries(fields.map((field) => [field, ownPart(field as ManagedField, (source as Record<string, unknown>)[field]) ?? null]));
}

/**
 * Logto answers a PATCH that turns MFA off without naming adaptive MFA by storing
 * `adaptiveMfa: {enabled: false}` over the default `{}`: sending the stored `{}` along keeps it.
 */
function keepAdaptiveMfa(fields: Partial<Record<ManagedField, unknown>>, current: LogtoSignInExperience): Partial<Record<ManagedField, unknown>> {
  const mfa = fields.mfa as ManagedFields["mfa"] | undefined;
  const unset = current.adaptiveMfa && Object.keys(current.adaptiveMfa).length === 0;
  return mfa && mfa.factors.length === 0 && fields.adaptiveMfa === undefined && unset ? { adaptiveMfa: {} } : {};
}

async function languageFailures(languageInfo: NonNullable<ManagedFields["languageInfo"]>): Promise<pulumi.dynamic.CheckFailure[]> {
  const languages = await logtoLanguages();
  const tag = languageInfo.fallbackLanguage;
  const needsCustomPhrases = languages.isLanguageTag(tag) && !languages.builtIn.includes(tag);
  const customPhraseTags = needsCustomPhrases ? (await managementClient().get<Array<{ languageTag: string }>>("/api/custom-phrases")).map(({ languageTag }) => languageTag) : [];
  return fallbackLanguageFailures(languageInfo, languages, customPhraseTags);
}

function omit<T extends object>(source: T, fields: readonly string[]): Partial<Record<ManagedField, unknown>> {
  return Object.fromEntries(Object.entries(source).filter(([field]) => !fields.includes(field)));
}
