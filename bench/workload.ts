/**
 * The benchmark's workload: N policies, each with one target and one literal Secret, the six
 * policy types in turn, built either with the library's constructs or as the same manifests in
 * raw `ApiObject`s.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import type * as Library from '../src';

/** How many of the six policy types to use, in turn (BENCH_TYPES=1 uses only APIKey). */
const TYPES = Number(process.env.BENCH_TYPES ?? 6);

/** The manifests the library emits for policy `i`, written out by hand. */
function rawManifests(i: number, namespace: string): [Record<string, any>, Record<string, any>] {
  const name = `tenant-${i}`;
  const ref = { name: `${name}-secret`, namespace };
  const secret = (key: string) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: ref.name, namespace },
    type: 'Opaque',
    stringData: { [key]: `value-${i}` },
  });
  const targetRefs = [{ group: 'aigateway.envoyproxy.io', kind: 'AIServiceBackend', name: `backend-${i}` }];
  const policy = (spec: Record<string, unknown>) => ({
    apiVersion: 'aigateway.envoyproxy.io/v1beta1',
    kind: 'BackendSecurityPolicy',
    metadata: { name, namespace },
    spec: { ...spec, targetRefs },
  });
  switch (i % TYPES) {
    case 0: return [policy({ type: 'APIKey', apiKey: { secretRef: ref } }), secret('apiKey')];
    case 1: return [policy({ type: 'AnthropicAPIKey', anthropicAPIKey: { secretRef: ref } }), secret('apiKey')];
    case 2: return [policy({ type: 'AzureAPIKey', azureAPIKey: { secretRef: ref } }), secret('apiKey')];
    case 3:
      return [policy({ type: 'AWSCredentials', awsCredentials: { region: 'us-east-1', credentialsFile: { secretRef: ref } } }), secret('credentials')];
    case 4:
      return [
        policy({ type: 'AzureCredentials', azureCredentials: { clientID: 'client', tenantID: 'tenant', clientSecretRef: ref } }),
        secret('client-secret'),
      ];
    default:
      return [
        policy({ type: 'GCPCredentials', gcpCredentials: { projectName: 'project', region: 'us-central1', credentialsFile: { secretRef: ref } } }),
        secret('service_account.json'),
      ];
  }
}

/**
 * One empty ApiObject subclass per policy type. Building the raw policies from these gives an App
 * with as many construct classes as the library's, and nothing else of the library.
 */
const RAW_CLASSES = Array.from({ length: 6 }, () => class extends ApiObject {});

/**
 * The raw baseline. With `sixClasses`, each policy type is built from its own empty ApiObject
 * subclass, to tell the cost of having several construct classes apart from the library's own.
 */
export function buildRaw(app: App, policies: number, charts: number, sixClasses = false): void {
  const chartList = Array.from({ length: charts }, (_, c) => new Chart(app, `chart-${c}`, { namespace: 'bench' }));
  for (let i = 0; i < policies; i++) {
    const chart = chartList[i % charts];
    const [policy, secret] = rawManifests(i, 'bench');
    const PolicyClass = sixClasses ? RAW_CLASSES[i % TYPES] : ApiObject;
    new PolicyClass(chart, `policy-${i}`, policy as any);
    new ApiObject(chart, `secret-${i}`, secret as any);
  }
}

export function buildLibrary(lib: typeof Library, app: App, policies: number, charts: number): void {
  const chartList = Array.from({ length: charts }, (_, c) => new Chart(app, `chart-${c}`, { namespace: 'bench' }));
  for (let i = 0; i < policies; i++) {
    const chart = chartList[i % charts];
    const name = `tenant-${i}`;
    const source = lib.SecretSource.fromLiteral(`value-${i}`, { secretName: `${name}-secret` });
    const common = { metadata: { name }, targets: [lib.PolicyTarget.aiServiceBackend(`backend-${i}`)] };
    const id = `policy-${i}`;
    switch (i % TYPES) {
      case 0: new lib.ApiKeyPolicy(chart, id, { ...common, apiKey: source }); break;
      case 1: new lib.AnthropicApiKeyPolicy(chart, id, { ...common, apiKey: source }); break;
      case 2: new lib.AzureApiKeyPolicy(chart, id, { ...common, apiKey: source }); break;
      case 3:
        new lib.AwsBedrockAuth(chart, id, { ...common, region: 'us-east-1', credentials: lib.AwsCredentials.fromCredentialsFile(source) });
        break;
      case 4:
        new lib.AzureOpenAIAuth(chart, id, { ...common, clientId: 'client', tenantId: 'tenant', credentials: lib.AzureCredentials.fromClientSecret(source) });
        break;
      default:
        new lib.GcpVertexAuth(chart, id, {
          ...common,
          projectName: 'project',
          region: 'us-central1',
          credentials: lib.GcpCredentials.fromServiceAccountKey(source),
        });
    }
  }
}
