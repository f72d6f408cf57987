import { Chart, Duration } from 'cdk8s';
import {
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
} from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth, thrownMessage, withEnv, withTempDir, writeFile } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const ISSUER = 'https://idp.example.com';

/** One way a policy uses a Secret: how to build such a policy from a source, and where its reference is. */
interface UseCase {
  readonly use: string;
  readonly key: string;
  readonly suffix: string;
  readonly prop: string;
  readonly build: (chart: Chart, source: SecretSource) => BackendSecurityPolicyBase;
  readonly ref: (spec: any) => any;
}

const USES: UseCase[] = [
  {
    use: 'API key',
    key: 'apiKey',
    suffix: 'apikey',
    prop: 'apiKey',
    build: (chart, source) => new ApiKeyPolicy(chart, 'p', { apiKey: source }),
    ref: (spec) => spec.apiKey.secretRef,
  },
  {
    use: 'AWS credentials file',
    key: 'credentials',
    suffix: 'aws-credentials',
    prop: 'credentials',
    build: (chart, source) => new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(source) }),
    ref: (spec) => spec.awsCredentials.credentialsFile.secretRef,
  },
  {
    use: 'Azure client secret',
    key: 'client-secret',
    suffix: 'azure-client-secret',
    prop: 'credentials',
    build: (chart, source) =>
      new AzureOpenAIAuth(chart, 'p', { clientId: 'client', tenantId: 'tenant', credentials: AzureCredentials.fromClientSecret(source) }),
    ref: (spec) => spec.azureCredentials.clientSecretRef,
  },
  {
    use: 'GCP service account key',
    key: 'service_account.json',
    suffix: 'gcp-service-account-key',
    prop: 'credentials',
    build: (chart, source) =>
      new GcpVertexAuth(chart, 'p', { projectName: 'proj', region: 'us-central1', credentials: GcpCredentials.fromServiceAccountKey(source) }),
    ref: (spec) => spec.gcpCredentials.credentialsFile.secretRef,
  },
  {
    use: 'OIDC client secret',
    key: 'client-secret',
    suffix: 'oidc-client-secret',
    prop: 'credentials.oidc.clientSecret',
    build: (chart, source) =>
      new AwsBedrockAuth(chart, 'p', {
        region: 'us-east-1',
        credentials: AwsCredentials.fromOidc({
          roleArn: 'arn:aws:iam::123456789012:role/bedrock',
          oidc: { issuer: ISSUER, clientId: 'gateway', clientSecret: source },
        }),
      }),
    ref: (spec) => spec.awsCredentials.oidcExchangeToken.oidc.clientSecret,
  },
];

describe('SecretSource.fromLiteral', () => {
  test.each(USES)('$use: emits one Opaque v1 Secret holding the value under the key "$key", in the policy namespace', (useCase) => {
    const { chart } = newChart('ai');
    const policy = useCase.build(chart, SecretSource.fromLiteral('value-1'));
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    expect(secret.apiVersion).toBe('v1');
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toEqual({ [useCase.key]: 'value-1' });
    expect(secret).not.toHaveProperty('data');
    expect(secret.metadata.namespace).toBe('ai');
    expect(secret.metadata.name).toBe(`${policy.name}-${useCase.suffix}`);
    expect(useCase.ref(onlyOfKind(objects, 'BackendSecurityPolicy').spec)).toEqual({ name: secret.metadata.name, namespace: 'ai' });
  });

  test('the Secret follows metadata.namespace of the policy, not the Chart', () => {
    const { chart } = newChart('chart-ns');
    new ApiKeyPolicy(chart, 'p', { metadata: { namespace: 'policy-ns' }, apiKey: SecretSource.fromLiteral('value-1') });
    expect(onlyOfKind(synth(chart), 'Secret').metadata.namespace).toBe('policy-ns');
  });

  test.each(['', '   ', '\n\t'])('a blank literal (%j) is refused (AIGW061)', (value) => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral(value) }), PATH, [
      { code: 'AIGW061', prop: 'apiKey', problem: 'the API key from the literal value is empty', fix: 'non-empty' },
    ]);
  });

  test('one source used by two policies: each emits its own Secret in its own namespace', () => {
    const { chart } = newChart();
    const source = SecretSource.fromLiteral('shared-value');
    const a = new ApiKeyPolicy(chart, 'a', { metadata: { namespace: 'team-a' }, apiKey: source });
    const b = new ApiKeyPolicy(chart, 'b', { metadata: { namespace: 'team-b' }, apiKey: source });
    const secrets = synth(chart).filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => [s.metadata.namespace, s.metadata.name])).toEqual([
      ['team-a', `${a.name}-apikey`],
      ['team-b', `${b.name}-apikey`],
    ]);
  });
});

describe('SecretSource.fromEnv', () => {
  const VAR = 'AIGW_AUTH_TEST_OPENAI_KEY';

  test('snapshot: the variable value in a Secret under apiKey', () => {
    const { chart } = newChart('ai');
    withEnv({ [VAR]: 'sk-from-env' }, () => new ApiKeyPolicy(chart, 'openai', { apiKey: SecretSource.fromEnv(VAR) }));
    expect(synth(chart)).toMatchSnapshot();
  });

  test('reads the variable when the policy is constructed, not at synth', () => {
    const { chart } = newChart('ai');
    withEnv({ [VAR]: 'sk-at-construction' }, () => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromEnv(VAR) }));
    const objects = withEnv({ [VAR]: 'sk-changed-later' }, () => synth(chart));
    expect(onlyOfKind(objects, 'Secret').stringData).toEqual({ apiKey: 'sk-at-construction' });
  });

  test('an unset variable is refused and the message names the variable (AIGW061)', () => {
    const { chart } = newChart('ai');
    withEnv({ [VAR]: undefined }, () =>
      expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromEnv(VAR) }), PATH, [
        { code: 'AIGW061', prop: 'apiKey', problem: `environment variable '${VAR}'`, fix: `set ${VAR}` },
      ]),
    );
  });

  test('a blank variable is refused and the message names the variable (AIGW061)', () => {
    const { chart } = newChart('ai');
    withEnv({ [VAR]: '  \n' }, () =>
      expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromEnv(VAR) }), PATH, [
        { code: 'AIGW061', prop: 'apiKey', problem: `environment variable '${VAR}'`, fix: `set ${VAR}` },
      ]),
    );
  });

  test('a blank variable name is refused (AIGW090)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromEnv(' ') }), PATH, [
      { code: 'AIGW090', prop: 'apiKey', problem: 'not an environment variable name', fix: 'not its value' },
    ]);
  });

  test('a value passed instead of a variable name is refused without echoing it (AIGW090)', () => {
    const { chart } = newChart('ai');
    const message = expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromEnv('sk-SECRET-123') }), PATH, [
      { code: 'AIGW090', prop: 'apiKey', problem: 'not an environment variable name' },
    ]);
    expect(message).not.toContain('sk-SECRET-123');
  });

  test('the message names the prop the source was given for', () => {
    const { chart } = newChart('ai');
    withEnv({ [VAR]: undefined }, () =>
      expectInvalid(
        () =>
          new AzureOpenAIAuth(chart, 'p', {
            clientId: 'client',
            tenantId: 'tenant',
            credentials: AzureCredentials.fromOidc({ issuer: ISSUER, clientId: 'gateway', clientSecret: SecretSource.fromEnv(VAR) }),
          }),
        PATH,
        [{ code: 'AIGW061', prop: 'credentials.clientSecret', problem: `OIDC client secret from environment variable '${VAR}'` }],
      ),
    );
  });
});

describe('SecretSource.fromFile', () => {
  const INI = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example-secret\n';

  test('snapshot: the file contents, verbatim, in a Secret under credentials', () => {
    withTempDir((dir) => {
      const path = writeFile(dir, 'credentials', INI);
      const { chart } = newChart('ai');
      new AwsBedrockAuth(chart, 'bedrock', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromFile(path)) });
      const objects = synth(chart);
      expect(onlyOfKind(objects, 'Secret').stringData).toEqual({ credentials: INI });
      expect(objects).toMatchSnapshot();
    });
  });

  test('reads the file when the policy is constructed, not at synth', () => {
    withTempDir((dir) => {
      const path = writeFile(dir, 'key', 'sk-first');
      const { chart } = newChart('ai');
      new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromFile(path) });
      writeFile(dir, 'key', 'sk-second');
      expect(onlyOfKind(synth(chart), 'Secret').stringData).toEqual({ apiKey: 'sk-first' });
    });
  });

  test('a missing file is refused; the message names the path (AIGW091)', () => {
    withTempDir((dir) => {
      const missing = `${dir}/no-such-file.json`;
      const { chart } = newChart('ai');
      expectInvalid(
        () =>
          new GcpVertexAuth(chart, 'p', {
            projectName: 'proj',
            region: 'us-central1',
            credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromFile(missing)),
          }),
        PATH,
        [{ code: 'AIGW091', prop: 'credentials', problem: `cannot read file '${missing}' (ENOENT)`, fix: 'check the path' }],
      );
    });
  });

  test('an empty file is refused; the message names the path (AIGW061)', () => {
    withTempDir((dir) => {
      const path = writeFile(dir, 'empty', '\n');
      const { chart } = newChart('ai');
      expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromFile(path) }), PATH, [
        { code: 'AIGW061', prop: 'apiKey', problem: `file '${path}' (empty)` },
      ]);
    });
  });
});

describe('SecretSource.fromExistingSecret', () => {
  test.each(USES)('$use: references the Secret in the policy namespace and emits nothing', (useCase) => {
    const { chart } = newChart('ai');
    const policy = useCase.build(chart, SecretSource.fromExistingSecret('managed-elsewhere'));
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(policy.secret).toBeUndefined();
    expect(useCase.ref(objects[0].spec)).toEqual({ name: 'managed-elsewhere', namespace: 'ai' });
  });

  test.each(USES.filter((u) => u.key === 'apiKey' || u.key === 'credentials'))(
    '$use: a Secret in another namespace is refused, the gateway would ignore the namespace (AIGW063)',
    (useCase) => {
      const { chart } = newChart('ai');
      expectInvalid(() => useCase.build(chart, SecretSource.fromExistingSecret('s', { namespace: 'secrets' })), PATH, [
        { code: 'AIGW063', prop: useCase.prop, problem: "ignores namespace 'secrets'", fix: "create the Secret in namespace 'ai'" },
      ]);
    },
  );

  test.each(USES.filter((u) => u.key !== 'apiKey' && u.key !== 'credentials'))(
    '$use: a Secret in another namespace is allowed and the reference names that namespace',
    (useCase) => {
      const { chart } = newChart('ai');
      useCase.build(chart, SecretSource.fromExistingSecret('s', { namespace: 'secrets' }));
      const objects = synth(chart);
      expect(objects).toHaveLength(1);
      expect(useCase.ref(objects[0].spec)).toEqual({ name: 's', namespace: 'secrets' });
    },
  );

  test.each(USES)('$use: naming the policy namespace explicitly is accepted', (useCase) => {
    const { chart } = newChart('ai');
    useCase.build(chart, SecretSource.fromExistingSecret('s', { namespace: 'ai' }));
    expect(useCase.ref(synth(chart)[0].spec)).toEqual({ name: 's', namespace: 'ai' });
  });

  test.each(['Upper', 'under_score', '-leading', 'trailing-', '', 'x'.repeat(254)])(
    'a Secret name that is not a DNS name (%j) is refused (AIGW064)',
    (name) => {
      const { chart } = newChart('ai');
      expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromExistingSecret(name) }), PATH, [
        { code: 'AIGW064', prop: 'apiKey', problem: 'is not a valid Kubernetes object name', fix: 'lower case letters' },
      ]);
    },
  );

  test('a namespace that is not a DNS label is refused (AIGW064)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () =>
        new AzureOpenAIAuth(chart, 'p', {
          clientId: 'client',
          tenantId: 'tenant',
          credentials: AzureCredentials.fromClientSecret(SecretSource.fromExistingSecret('s', { namespace: 'Secrets.NS' })),
        }),
      PATH,
      [{ code: 'AIGW064', prop: 'credentials', problem: "namespace 'Secrets.NS' is not a valid namespace name", fix: 'lower case letters' }],
    );
  });
});

describe('SecretOptions.secretName', () => {
  test.each(USES)('$use: fromLiteral with secretName emits and references a Secret of that name', (useCase) => {
    const { chart } = newChart('ai');
    useCase.build(chart, SecretSource.fromLiteral('value-1', { secretName: 'chosen-name' }));
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    expect(secret.metadata).toEqual({ name: 'chosen-name', namespace: 'ai' });
    expect(secret.stringData).toEqual({ [useCase.key]: 'value-1' });
    expect(useCase.ref(onlyOfKind(objects, 'BackendSecurityPolicy').spec)).toEqual({ name: 'chosen-name', namespace: 'ai' });
  });

  test('fromEnv and fromFile take secretName too', () => {
    withTempDir((dir) => {
      const path = writeFile(dir, 'key', 'sk-file');
      withEnv({ AIGW_AUTH_TEST_NAMED: 'sk-env' }, () => {
        const { chart } = newChart('ai');
        new ApiKeyPolicy(chart, 'a', { apiKey: SecretSource.fromEnv('AIGW_AUTH_TEST_NAMED', { secretName: 'from-env' }) });
        new ApiKeyPolicy(chart, 'b', { apiKey: SecretSource.fromFile(path, { secretName: 'from-file' }) });
        const secrets = synth(chart).filter((o) => o.kind === 'Secret');
        expect(secrets.map((o) => [o.metadata.name, o.stringData.apiKey])).toEqual([
          ['from-env', 'sk-env'],
          ['from-file', 'sk-file'],
        ]);
      });
    });
  });

  test('a secretName that is not a DNS name is refused (AIGW064)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromLiteral('v', { secretName: 'My_Secret' }) }), PATH, [
      { code: 'AIGW064', prop: 'apiKey.secretName', problem: "'My_Secret'", fix: 'lower case letters' },
    ]);
  });

  test('a secretName equal to the rotated-credentials Secret ai-eg-bsp-<policy name> is refused (AIGW065)', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => new ApiKeyPolicy(chart, 'p', { metadata: { name: 'openai' }, apiKey: SecretSource.fromLiteral('v', { secretName: 'ai-eg-bsp-openai' }) }),
      PATH,
      [{ code: 'AIGW065', prop: 'apiKey', fix: 'name the Secret differently' }],
    );
  });
});

describe('SecretSource.fromExternalSecret', () => {
  test('snapshot: API key from a ClusterSecretStore, one property, refreshed every 15 minutes', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'openai', {
      apiKey: SecretSource.fromExternalSecret({
        storeName: 'aws-secrets-manager',
        storeKind: SecretStoreKind.CLUSTER_SECRET_STORE,
        remoteKey: 'prod/llm/openai',
        remoteProperty: 'api_key',
        refreshInterval: Duration.minutes(15),
      }),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test.each(USES)('$use: an ExternalSecret in the policy namespace makes the referenced Secret with the key "$key"; no v1 Secret', (useCase) => {
    const { chart } = newChart('ai');
    const policy = useCase.build(chart, SecretSource.fromExternalSecret({ storeName: 'vault', remoteKey: 'llm/credential' }));
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const external = onlyOfKind(objects, 'ExternalSecret');
    expect(external.apiVersion).toBe('external-secrets.io/v1');
    expect(external.metadata).toEqual({ name: `${policy.name}-${useCase.suffix}`, namespace: 'ai' });
    expect(external.spec).toEqual({
      secretStoreRef: { name: 'vault', kind: 'SecretStore' },
      target: { name: external.metadata.name, creationPolicy: 'Owner' },
      data: [{ secretKey: useCase.key, remoteRef: { key: 'llm/credential' } }],
    });
    expect(useCase.ref(onlyOfKind(objects, 'BackendSecurityPolicy').spec)).toEqual({ name: external.metadata.name, namespace: 'ai' });
    expect(policy.secret?.toJson()).toEqual(external);
  });

  test('secretName names the ExternalSecret and its target Secret', () => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromExternalSecret({ storeName: 'vault', remoteKey: 'k', secretName: 'openai-key' }) });
    const objects = synth(chart);
    const external = onlyOfKind(objects, 'ExternalSecret');
    expect([external.metadata.name, external.spec.target.name]).toEqual(['openai-key', 'openai-key']);
    expect(onlyOfKind(objects, 'BackendSecurityPolicy').spec.apiKey.secretRef.name).toBe('openai-key');
  });

  test('a store name that is not a DNS name and a blank remote key are refused together (AIGW064, AIGW061)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromExternalSecret({ storeName: 'Vault_Store', remoteKey: ' ' }) }), PATH, [
      { code: 'AIGW064', prop: 'apiKey.storeName', problem: "'Vault_Store'", fix: 'SecretStore or ClusterSecretStore' },
      { code: 'AIGW061', prop: 'apiKey.remoteKey', problem: 'is empty', fix: 'vault' },
    ]);
  });
});

describe('SecretSource.fromSealedSecret', () => {
  test('snapshot: Azure client secret sealed namespace-wide', () => {
    const { chart } = newChart('ai');
    new AzureOpenAIAuth(chart, 'azure', {
      clientId: 'client',
      tenantId: 'tenant',
      credentials: AzureCredentials.fromClientSecret(SecretSource.fromSealedSecret('AgBy3i4OJSWK+PiTySYZZA==', { scope: SealingScope.NAMESPACE_WIDE })),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test.each(USES)('$use: a SealedSecret that unseals into the referenced Secret with the key "$key"; no v1 Secret', (useCase) => {
    const { chart } = newChart('ai');
    const policy = useCase.build(chart, SecretSource.fromSealedSecret('AgBsealed=='));
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const sealed = onlyOfKind(objects, 'SealedSecret');
    const name = `${policy.name}-${useCase.suffix}`;
    expect(sealed.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(sealed.metadata).toEqual({ name, namespace: 'ai' });
    expect(sealed.spec).toEqual({ encryptedData: { [useCase.key]: 'AgBsealed==' }, template: { metadata: { name, namespace: 'ai' }, type: 'Opaque' } });
    expect(useCase.ref(onlyOfKind(objects, 'BackendSecurityPolicy').spec)).toEqual({ name, namespace: 'ai' });
    expect(policy.secret?.toJson()).toEqual(sealed);
  });

  test.each([
    [SealingScope.NAMESPACE_WIDE, 'sealedsecrets.bitnami.com/namespace-wide'],
    [SealingScope.CLUSTER_WIDE, 'sealedsecrets.bitnami.com/cluster-wide'],
  ])('scope %s is annotated %s', (scope, annotation) => {
    const { chart } = newChart('ai');
    new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromSealedSecret('AgB==', { scope }) });
    expect(onlyOfKind(synth(chart), 'SealedSecret').metadata.annotations).toEqual({ [annotation]: 'true' });
  });

  test('a blank sealed value and a bad secretName are refused together (AIGW061, AIGW064)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => new ApiKeyPolicy(chart, 'p', { apiKey: SecretSource.fromSealedSecret('', { secretName: 'Sealed_Name' }) }), PATH, [
      { code: 'AIGW061', prop: 'apiKey', problem: 'sealed value is empty', fix: 'kubeseal --raw' },
      { code: 'AIGW064', prop: 'apiKey.secretName', problem: "'Sealed_Name'" },
    ]);
  });
});

describe('error messages never contain the secret value', () => {
  const VALUE = 'sk-SECRET-123';
  const VAR = 'AIGW_AUTH_TEST_SECRET_VALUE';
  const literal = () => SecretSource.fromLiteral(VALUE);
  const oidc = (issuer: string, extra: { tokenEndpoint?: string } = {}) => ({ issuer, clientId: 'gateway', clientSecret: literal(), ...extra });

  const failing: Array<[string, (chart: Chart, file: string) => unknown]> = [
    ['APIKey, bad metadata.name', (c) => new ApiKeyPolicy(c, 'p', { metadata: { name: 'Bad_Name' }, apiKey: literal() })],
    [
      'AnthropicAPIKey, duplicate target',
      (c) => new AnthropicApiKeyPolicy(c, 'p', { apiKey: literal(), targets: [PolicyTarget.aiServiceBackend('a'), PolicyTarget.aiServiceBackend('a')] }),
    ],
    [
      'AzureAPIKey, blank metadata namespace of the override',
      (c) => new AzureApiKeyPolicy(c, 'p', { apiKey: literal(), credentialOverride: CredentialOverride.fromDynamicMetadata({ namespace: ' ' }) }),
    ],
    [
      'AWS credentials file, empty region and other profile',
      (c) => new AwsBedrockAuth(c, 'p', { region: '', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral(`[prod]\naws_secret_access_key = ${VALUE}\n`), 'prod') }),
    ],
    [
      'AWS OIDC, bad role ARN and http issuer',
      (c) => new AwsBedrockAuth(c, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn: 'arn:aws:iam::1:role/x', oidc: oidc('http://idp') }) }),
    ],
    [
      'Azure client secret, blank clientId',
      (c) => new AzureOpenAIAuth(c, 'p', { clientId: ' ', tenantId: 'tenant', credentials: AzureCredentials.fromClientSecret(literal()) }),
    ],
    [
      'Azure OIDC, http token endpoint',
      (c) => new AzureOpenAIAuth(c, 'p', { clientId: 'c', tenantId: 't', credentials: AzureCredentials.fromOidc(oidc(ISSUER, { tokenEndpoint: 'http://idp/token' })) }),
    ],
    [
      'GCP key, blank projectName',
      (c) => new GcpVertexAuth(c, 'p', { projectName: '', region: 'us-central1', credentials: GcpCredentials.fromServiceAccountKey(SecretSource.fromLiteral(`{"private_key":"${VALUE}"}`)) }),
    ],
    [
      'GCP WIF, blank poolName',
      (c) => new GcpVertexAuth(c, 'p', {
        projectName: 'proj',
        region: 'us-central1',
        credentials: GcpCredentials.fromWorkloadIdentityFederation({ projectId: '1', poolName: '', providerName: 'prov', oidc: oidc(ISSUER) }),
      }),
    ],
    ['fromLiteral with a bad secretName', (c) => new ApiKeyPolicy(c, 'p', { apiKey: SecretSource.fromLiteral(VALUE, { secretName: 'Bad_Name' }) })],
    ['fromSealedSecret with a bad secretName', (c) => new ApiKeyPolicy(c, 'p', { apiKey: SecretSource.fromSealedSecret(VALUE, { secretName: 'Bad_Name' }) })],
    ['fromEnv, bad namespace', (c) => new ApiKeyPolicy(c, 'p', { metadata: { namespace: 'Bad' }, apiKey: SecretSource.fromEnv(VAR) })],
    [
      'fromEnv, 17 targets',
      (c) => new ApiKeyPolicy(c, 'p', { apiKey: SecretSource.fromEnv(VAR), targets: Array.from({ length: 17 }, (_, i) => PolicyTarget.aiServiceBackend(`b${i}`)) }),
    ],
    ['fromFile, empty region', (c, file) => new AwsBedrockAuth(c, 'p', { region: ' ', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromFile(file)) })],
    [
      'fromFile as OIDC client secret, blank clientId',
      (c, file) => new AwsBedrockAuth(c, 'p', {
        metadata: { name: 'bedrock' },
        region: 'us-east-1',
        credentials: AwsCredentials.fromOidc({
          roleArn: 'arn:aws:iam::123456789012:role/x',
          oidc: { issuer: ISSUER, clientId: '', clientSecret: SecretSource.fromFile(file) },
        }),
      }),
    ],
  ];

  test.each(failing)('%s', (_label, build) => {
    withTempDir((dir) => {
      const file = writeFile(dir, 'secret', `${VALUE}\n`);
      withEnv({ [VAR]: VALUE }, () => {
        const { chart } = newChart('ai');
        const message = thrownMessage(() => build(chart, file));
        expect(message).toMatch(/AIGW\d{3}/);
        expect(message).not.toContain(VALUE);
        expect(message).not.toContain('SECRET-123');
      });
    });
  });
});
