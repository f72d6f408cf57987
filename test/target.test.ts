import { ApiKeyPolicy, PolicyTarget, SecretSource } from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const apiKey = () => SecretSource.fromExistingSecret('openai-key');

describe('PolicyTarget', () => {
  test('aiServiceBackend targets an AIServiceBackend of the aigateway.envoyproxy.io group', () => {
    const target = PolicyTarget.aiServiceBackend('openai');
    expect(target.group).toBe('aigateway.envoyproxy.io');
    expect(target.kind).toBe('AIServiceBackend');
    expect(target.name).toBe('openai');
  });

  test('inferencePool targets an InferencePool of the inference.networking.k8s.io group', () => {
    const target = PolicyTarget.inferencePool('vllm-llama');
    expect(target.group).toBe('inference.networking.k8s.io');
    expect(target.kind).toBe('InferencePool');
    expect(target.name).toBe('vllm-llama');
  });

  test('targets render as targetRefs {group, kind, name} in the order given, without a namespace', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', {
      apiKey: apiKey(),
      targets: [PolicyTarget.inferencePool('pool-a'), PolicyTarget.aiServiceBackend('backend-b')],
    });
    const policy = onlyOfKind(synth(chart), 'BackendSecurityPolicy');
    expect(policy.spec.targetRefs).toEqual([
      { group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'pool-a' },
      { group: 'aigateway.envoyproxy.io', kind: 'AIServiceBackend', name: 'backend-b' },
    ]);
    for (const ref of policy.spec.targetRefs) expect(Object.keys(ref).sort()).toEqual(['group', 'kind', 'name']);
  });

  test('no targets: targetRefs is left out', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: apiKey() });
    const policy = onlyOfKind(synth(chart), 'BackendSecurityPolicy');
    expect(policy.spec).not.toHaveProperty('targetRefs');
  });

  test('an InferencePool and an AIServiceBackend of the same name are two targets', () => {
    const { chart } = newChart('ai');
    const policy = new ApiKeyPolicy(chart, 'p', {
      apiKey: apiKey(),
      targets: [PolicyTarget.aiServiceBackend('same'), PolicyTarget.inferencePool('same')],
    });
    expect(policy.targets.map((t) => t.kind)).toEqual(['AIServiceBackend', 'InferencePool']);
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.targetRefs).toHaveLength(2);
  });

  test('a target whose name is not a DNS name is refused (AIGW064)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new ApiKeyPolicy(chart, 'p', { apiKey: apiKey(), targets: [PolicyTarget.aiServiceBackend('OpenAI_Backend')] }),
      `${CHART_ID}/p`,
      [{ code: 'AIGW064', prop: 'targets', problem: "'OpenAI_Backend'", fix: 'AIServiceBackend or InferencePool' }],
    );
  });

  test('a blank target name is refused (AIGW064)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new ApiKeyPolicy(chart, 'p', { apiKey: apiKey(), targets: [PolicyTarget.inferencePool('')] }),
      `${CHART_ID}/p`,
      [{ code: 'AIGW064', prop: 'targets', fix: 'AIServiceBackend or InferencePool' }],
    );
  });
});
