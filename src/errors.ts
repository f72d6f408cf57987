import { Construct } from 'constructs';

/** One problem with a construct's props. */
export interface PropProblem {
  /** Rule code shared with the validation pass, so a problem is identifiable in every language. */
  readonly code: string;
  /** The prop, as the user wrote it (`credentials.oidc.issuer`). */
  readonly prop: string;
  /** What is wrong. Never contains a secret value. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Collects every problem with one construct's props so that they are reported together, in one
 * error that names the construct path.
 */
export class PropProblems {
  /** Made with the first problem: most constructs have none. */
  private problems?: PropProblem[];

  /** How many problems were found so far. */
  public get count(): number {
    return this.problems?.length ?? 0;
  }

  public add(problem: PropProblem): void {
    (this.problems ??= []).push(problem);
  }

  public throwIfAny(scope: Construct, constructName: string): void {
    if (!this.problems) return;
    const lines = this.problems.map((p) => `  ${p.code} ${p.prop}: ${p.problem}. Fix: ${p.fix}`);
    throw new Error(`Invalid ${constructName} at '${scope.node.path}':\n${lines.join('\n')}`);
  }
}
