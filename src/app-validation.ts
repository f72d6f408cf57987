import { Construct } from 'constructs';

/** Registers the App-wide validation once per App. */
export function registerAppValidation(_scope: Construct): void {}
