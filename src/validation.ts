import { Construct } from 'constructs';
import { registerAppValidation } from './app-validation';

/**
 * The App-wide validation of BackendSecurityPolicies and their Secrets.
 *
 * Creating any policy construct of this library enables it. Apps that only hold raw `ApiObject`s
 * or `Include`d YAML enable it explicitly.
 */
export class AiGatewayValidation {
  /**
   * Validate every BackendSecurityPolicy and Secret of the App that `scope` belongs to at synth
   * time: errors fail the synth together, warnings are printed. Calling it again does nothing.
   *
   * @param scope any construct of the App
   */
  public static enable(scope: Construct): void {
    registerAppValidation(scope);
  }

  private constructor() {}
}
