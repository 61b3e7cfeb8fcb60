import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { logtoResourceOptions } from "../provider-kit/options";
import { ClaimedInProgram, programProblemsInput } from "../provider-kit/program-checks";
import { providerShim } from "../provider-kit/shim";
import type { Translation } from "./schema";

export interface CustomPhraseInputs {
  /** Language the wording is for, e.g. `en`, `fr`, `sv`; one CustomPhrase per language. */
  languageTag: pulumi.Input<string>;
  /** Phrases by Logto's phrase keys, e.g. `{ action: { sign_in: "Log in" } }`. */
  translation: pulumi.Input<Translation>;
}

const languageTags = new ClaimedInProgram();

/**
 * Logto's custom phrases for one language: the sign-in page's wording. The language's phrases
 * held before are put back on delete.
 */
export class CustomPhrase extends pulumi.dynamic.Resource {
  declare readonly languageTag: pulumi.Output<string>;
  declare readonly translation: pulumi.Output<Translation>;

  constructor(name: string, args: CustomPhraseInputs, opts?: pulumi.CustomResourceOptions) {
    const problems = languageTags.problems(args.languageTag, name, "languageTag", (first) => `CustomPhrase "${first}" has the same language; Logto keeps one set of custom phrases per language`);
    super(
      providerShim(path.join(__dirname, "provider")),
      name,
      { ...args, ...programProblemsInput(problems), previous: undefined },
      logtoResourceOptions(opts),
      "logto",
      "CustomPhrase",
    );
  }
}
