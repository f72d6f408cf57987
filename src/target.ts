import { POLICY_GROUP } from './gateway-facts';

/**
 * A backend a BackendSecurityPolicy attaches to: an `AIServiceBackend` or an `InferencePool` in
 * the policy's namespace.
 */
export class PolicyTarget {
  /**
   * An `AIServiceBackend` (group `aigateway.envoyproxy.io`).
   *
   * @param name the name of the AIServiceBackend, in the policy's namespace
   */
  public static aiServiceBackend(name: string): PolicyTarget {
    return new PolicyTarget(POLICY_GROUP, 'AIServiceBackend', name);
  }

  /**
   * An `InferencePool` of the Gateway API Inference Extension (group `inference.networking.k8s.io`).
   *
   * @param name the name of the InferencePool, in the policy's namespace
   */
  public static inferencePool(name: string): PolicyTarget {
    return new PolicyTarget('inference.networking.k8s.io', 'InferencePool', name);
  }

  /** API group of the target. */
  public readonly group: string;
  /** Kind of the target. */
  public readonly kind: string;
  /** Name of the target, in the policy's namespace. */
  public readonly name: string;

  private constructor(group: string, kind: string, name: string) {
    this.group = group;
    this.kind = kind;
    this.name = name;
  }
}
