import { POLICY_API_VERSION, POLICY_KIND, TARGET_KINDS } from '../src/gateway-facts';
import { AiServiceBackend } from '../src/imports/ai-service-backend-aigateway.envoyproxy.io';
import { BackendSecurityPolicy } from '../src/imports/backend-security-policy-aigateway.envoyproxy.io';
import { InferencePool } from '../src/imports/inference-pool-inference.networking.k8s.io';

// The constructs take apiVersion, kind and target groups from the gateway facts, so that loading
// a policy does not load the types `cdk8s import` generates. These keep the two in step.
describe('gateway facts and the types generated from the CRDs', () => {
  test('a policy is written with the apiVersion and kind the BackendSecurityPolicy CRD serves', () => {
    expect(BackendSecurityPolicy.GVK).toEqual({ apiVersion: POLICY_API_VERSION, kind: POLICY_KIND });
  });

  test.each([
    ['AIServiceBackend', AiServiceBackend.GVK],
    ['InferencePool', InferencePool.GVK],
  ])('the %s target group and kind are those of its CRD', (kind, gvk) => {
    const target = TARGET_KINDS.find((t) => t.kind === kind)!;
    expect(`${target.group}/${target.kind}`).toBe(`${gvk.apiVersion.split('/')[0]}/${gvk.kind}`);
  });
});
