/**
 * The app that `scripts/test-languages.sh` writes in three languages: this file,
 * `examples/python/app.py` and `examples/java/src/main/java/io/github/cdk8s/aigw/auth/examples/App.java`.
 * All three must print byte-identical output; keep them in step line by line.
 *
 *   ts-node --project examples/tsconfig.json examples/languages/app.ts [MODE]
 *
 * MODE:
 *   (none)            the small app: one policy of each of the six types
 *   tour              every other public class, static factory, option and getter
 *   duplicate-target  two policies on one backend: prints the synth error's message
 *
 * Run from the repository root: `tour` reads `examples/languages/credentials.ini` and the
 * environment variable `AIGW_EXAMPLE_API_KEY`.
 */
import { ApiObject, App, Chart, Duration } from 'cdk8s';
import {
  AiGatewayValidation,
  AnthropicApiKeyPolicy,
  ApiKeyPolicy,
  AwsBedrockAuth,
  AwsCredentials,
  AzureApiKeyPolicy,
  AzureCredentials,
  AzureOpenAIAuth,
  BackendSecurityPolicyBase,
  CredentialOverride,
  GcpCredentials,
  GcpVertexAuth,
  PolicyTarget,
  SealingScope,
  SecretSource,
  SecretStoreKind,
} from '../../src';

/** One policy of each type: literal and existing Secrets, OIDC for AWS and GCP. */
export function buildApp(app: App): Chart {
  const chart = new Chart(app, 'aigw', { namespace: 'ai-gateway' });

  new ApiKeyPolicy(chart, 'OpenAI', {
    metadata: { name: 'openai' },
    targets: [PolicyTarget.aiServiceBackend('openai')],
    apiKey: SecretSource.fromLiteral('sk-example-openai', { secretName: 'openai-apikey' }),
  });

  new AnthropicApiKeyPolicy(chart, 'Anthropic', {
    metadata: { name: 'anthropic' },
    targets: [PolicyTarget.aiServiceBackend('anthropic')],
    apiKey: SecretSource.fromExistingSecret('anthropic-apikey'),
  });

  new AzureApiKeyPolicy(chart, 'AzureKey', {
    metadata: { name: 'azure-apikey' },
    targets: [PolicyTarget.aiServiceBackend('azure-openai-key')],
    apiKey: SecretSource.fromLiteral('azure-example-key'),
  });

  new AwsBedrockAuth(chart, 'Bedrock', {
    metadata: { name: 'bedrock' },
    targets: [PolicyTarget.aiServiceBackend('bedrock'), PolicyTarget.inferencePool('bedrock-pool')],
    region: 'us-east-1',
    credentials: AwsCredentials.fromOidc({
      roleArn: 'arn:aws:iam::123456789012:role/ai-gateway-bedrock',
      oidc: {
        issuer: 'https://idp.example.com',
        clientId: 'ai-gateway',
        clientSecret: SecretSource.fromExistingSecret('idp-client-secret'),
        scopes: ['openid'],
      },
    }),
  });

  new AzureOpenAIAuth(chart, 'AzureOpenAI', {
    metadata: { name: 'azure-openai' },
    targets: [PolicyTarget.aiServiceBackend('azure-openai')],
    clientId: '00000000-0000-0000-0000-000000000001',
    tenantId: '00000000-0000-0000-0000-000000000002',
    credentials: AzureCredentials.fromClientSecret(SecretSource.fromLiteral('azure-example-client-secret')),
  });

  new GcpVertexAuth(chart, 'Vertex', {
    metadata: { name: 'vertex' },
    targets: [PolicyTarget.aiServiceBackend('vertex')],
    projectName: 'example-project',
    region: 'us-central1',
    credentials: GcpCredentials.fromWorkloadIdentityFederation({
      projectId: '123456789012',
      poolName: 'ai-gateway-pool',
      providerName: 'ai-gateway-provider',
      oidc: {
        issuer: 'https://idp.example.com',
        clientId: 'ai-gateway',
        clientSecret: SecretSource.fromExistingSecret('idp-client-secret'),
      },
    }),
  });

  return chart;
}

/** Every factory, option and getter the small app leaves out. Returns the policies built. */
export function buildTour(app: App): BackendSecurityPolicyBase[] {
  const chart = new Chart(app, 'tour', { namespace: 'tour' });
  const policies: BackendSecurityPolicyBase[] = [];

  policies.push(new ApiKeyPolicy(chart, 'FromEnv', {
    metadata: { name: 'from-env', labels: { team: 'ml' }, annotations: { 'example.com/owner': 'ml' } },
    targets: [PolicyTarget.aiServiceBackend('from-env')],
    apiKey: SecretSource.fromEnv('AIGW_EXAMPLE_API_KEY', { secretName: 'from-env-key' }),
    credentialOverride: CredentialOverride.fromRequestHeaders(),
  }));

  policies.push(new AnthropicApiKeyPolicy(chart, 'External', {
    metadata: { name: 'external' },
    targets: [PolicyTarget.inferencePool('external-pool')],
    apiKey: SecretSource.fromExternalSecret({
      storeName: 'vault',
      remoteKey: 'ai/anthropic',
      remoteProperty: 'apiKey',
      storeKind: SecretStoreKind.CLUSTER_SECRET_STORE,
      refreshInterval: Duration.minutes(30),
      secretName: 'external-anthropic',
    }),
    credentialOverride: CredentialOverride.fromRequestHeaders({ header: 'x-tenant-key', fallbackToConfigured: false }),
  }));

  policies.push(new AzureApiKeyPolicy(chart, 'Sealed', {
    metadata: { name: 'sealed', namespace: 'tour-sealed' },
    apiKey: SecretSource.fromSealedSecret('AgBexampleSealedValue', { scope: SealingScope.NAMESPACE_WIDE }),
  }));
  policies.push(new ApiKeyPolicy(chart, 'ExternalDefaults', {
    apiKey: SecretSource.fromExternalSecret({ storeName: 'vault', remoteKey: 'ai/openai' }),
  }));
  policies.push(new ApiKeyPolicy(chart, 'SealedDefaults', {
    apiKey: SecretSource.fromSealedSecret('AgBexampleSealedValue'),
  }));

  policies.push(new AwsBedrockAuth(chart, 'DefaultChain', { region: 'us-west-2' }));
  policies.push(new AwsBedrockAuth(chart, 'ExplicitDefaultChain', {
    region: 'eu-west-1',
    credentials: AwsCredentials.defaultChain(),
  }));
  policies.push(new AwsBedrockAuth(chart, 'CredentialsFile', {
    metadata: { name: 'credentials-file' },
    region: 'us-east-1',
    credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromFile('examples/languages/credentials.ini')),
  }));
  policies.push(new AwsBedrockAuth(chart, 'CredentialsFileProfile', {
    metadata: { name: 'credentials-file-profile' },
    region: 'us-east-1',
    credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromExistingSecret('aws-credentials'), 'default'),
  }));

  policies.push(new AzureOpenAIAuth(chart, 'AzureOidc', {
    metadata: { name: 'azure-oidc' },
    clientId: 'client',
    tenantId: 'tenant',
    credentials: AzureCredentials.fromOidc({
      issuer: 'https://idp.example.com',
      clientId: 'ai-gateway',
      clientSecret: SecretSource.fromExistingSecret('idp-client-secret', { namespace: 'identity' }),
      scopes: ['openid', 'profile'],
      tokenEndpoint: 'https://idp.example.com/oauth2/token',
    }),
  }));

  policies.push(new GcpVertexAuth(chart, 'Adc', {
    metadata: { name: 'adc' },
    projectName: 'example-project',
    region: 'global',
    credentials: GcpCredentials.applicationDefault(),
    credentialOverride: CredentialOverride.fromDynamicMetadata({
      namespace: 'io.example.ext_authz',
      key: 'gcp-token',
      fallbackToConfigured: false,
    }),
  }));
  policies.push(new GcpVertexAuth(chart, 'DefaultAdc', { projectName: 'example-project', region: 'europe-west4' }));
  policies.push(new GcpVertexAuth(chart, 'ServiceAccountKey', {
    metadata: { name: 'service-account-key' },
    projectName: 'example-project',
    region: 'us-central1',
    credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral('{"type":"service_account"}')),
    credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: 'io.example.ext_authz' }),
  }));
  policies.push(new GcpVertexAuth(chart, 'Impersonation', {
    metadata: { name: 'impersonation' },
    projectName: 'example-project',
    region: 'us-central1',
    credentials: GcpCredentials.fromWorkloadIdentityFederation({
      projectId: '123456789012',
      poolName: 'pool',
      providerName: 'provider',
      serviceAccountName: 'vertex@example-project.iam.gserviceaccount.com',
      oidc: {
        issuer: 'https://idp.example.com',
        clientId: 'ai-gateway',
        clientSecret: SecretSource.fromLiteral('oidc-example-secret', { secretName: 'impersonation-oidc' }),
      },
    }),
  }));

  // Targets added after construction.
  const late = policies[0];
  late.addTarget(PolicyTarget.aiServiceBackend('from-env-2'));
  policies[5].addTarget(PolicyTarget.inferencePool('default-chain-pool'));

  // Raw objects are validated once the validation is enabled.
  const raw = new Chart(app, 'raw', { namespace: 'raw' });
  AiGatewayValidation.enable(raw);
  new ApiObject(raw, 'Backend', { apiVersion: 'aigateway.envoyproxy.io/v1beta1', kind: 'AIServiceBackend', metadata: { name: 'raw' } });

  return policies;
}

/** Two policies on one backend: the synth fails with AIGW001. */
export function buildDuplicateTarget(app: App): void {
  const chart = new Chart(app, 'duplicate', { namespace: 'ai-gateway' });
  new ApiKeyPolicy(chart, 'First', {
    metadata: { name: 'first' },
    targets: [PolicyTarget.aiServiceBackend('openai')],
    apiKey: SecretSource.fromExistingSecret('first-apikey'),
  });
  new ApiKeyPolicy(chart, 'Second', {
    metadata: { name: 'second' },
    targets: [PolicyTarget.aiServiceBackend('openai')],
    apiKey: SecretSource.fromExistingSecret('second-apikey'),
  });
}

/** One line per policy, from the public getters. */
function describe(policy: BackendSecurityPolicyBase): string {
  const targets = policy.targets.map((t) => `${t.group}/${t.kind}/${t.name}`).join(',');
  const secret = policy.secret ? `${policy.secret.kind}/${policy.secret.name}` : '-';
  return `# ${policy.apiObject.kind} ${policy.namespace}/${policy.name} targets=[${targets}] secret=${secret}\n`;
}

function main(mode: string): number {
  const app = new App();
  if (mode === '') {
    buildApp(app);
  } else if (mode === 'tour') {
    const override = CredentialOverride.fromRequestHeaders({ fallbackToConfigured: false });
    process.stdout.write(`# fallbackToConfigured=${override.fallbackToConfigured}\n`);
    for (const policy of buildTour(app)) process.stdout.write(describe(policy));
  } else if (mode === 'duplicate-target') {
    buildDuplicateTarget(app);
    try {
      app.synthYaml();
    } catch (e) {
      process.stdout.write(`${(e as Error).message}\n`);
      return 0;
    }
    process.stderr.write('expected the synth to fail\n');
    return 1;
  } else {
    process.stderr.write(`unknown mode '${mode}'\n`);
    return 2;
  }
  process.stdout.write(app.synthYaml());
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv[2] ?? '');
}
