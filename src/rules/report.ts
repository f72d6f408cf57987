import { RULES } from './catalog';
import { Finding, ObjectRef } from './types';

/** Collects findings; the severity of each comes from the rule catalogue. */
export class Findings {
  public readonly list: Finding[] = [];

  public add(code: string, object: ObjectRef, message: string, fix: string): void {
    const rule = RULES[code];
    if (!rule) throw new Error(`unknown rule code ${code}`);
    this.list.push({ code, severity: rule.severity, object, message, fix });
  }
}
