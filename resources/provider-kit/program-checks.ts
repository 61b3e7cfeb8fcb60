import type * as pulumi from "@pulumi/pulumi";

/**
 * Rules that span several resources of one program (an indicator declared twice, two default
 * APIs, a role naming a permission its API does not declare) can only be seen where the
 * resources are declared. A provider's check sees one resource, so the resource class passes
 * what it found as the input `programProblems`, and the check reports each one as a failure of
 * the property it names: the preview fails as for any other bad input, before any write.
 */
export interface ProgramProblem {
  property: string;
  reason: string;
}

export function programProblemFailures(news: Record<string, unknown>): pulumi.dynamic.CheckFailure[] {
  const problems = news.programProblems as ProgramProblem[] | undefined;
  return (problems ?? []).map(({ property, reason }) => ({ property, reason }));
}

/** The input that carries them, present only when there is one. */
export const programProblemsInput = (problems: ProgramProblem[]) => (problems.length ? { programProblems: problems } : {});

/** Values that must be unique among one kind of resource in a program, e.g. API indicators. */
export class ClaimedInProgram {
  private readonly owners = new Map<string, string>();

  /** Records `owner` for `value`; answers the owner that claimed it first, if another. */
  claim(value: string, owner: string): string | undefined {
    const first = this.owners.get(value);
    if (first === undefined) this.owners.set(value, owner);
    return first !== undefined && first !== owner ? first : undefined;
  }

  /** Claims `value` when it is a plain string (an output is not known in the program); a problem of `property` if another resource has it. */
  problems(value: unknown, owner: string, property: string, reason: (first: string) => string): ProgramProblem[] {
    const first = typeof value === "string" ? this.claim(value, owner) : undefined;
    return first === undefined ? [] : [{ property, reason: `${property}: ${reason(first)}` }];
  }
}
