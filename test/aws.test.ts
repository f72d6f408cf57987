import { AwsBedrockAuth, AwsCredentials, PolicyTarget, SecretSource } from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const ROLE = 'arn:aws:iam::123456789012:role/bedrock-invoker';
const INI = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = example-secret\n';
const targets = () => [PolicyTarget.aiServiceBackend('bedrock')];
const oidc = (clientSecret = SecretSource.fromLiteral('oidc-client-secret-value')) => ({ issuer: 'https://idp.example.com', clientId: 'gateway', clientSecret });

describe('AwsBedrockAuth snapshots', () => {
  test('default credential chain (credentials left out)', () => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'bedrock', { region: 'us-east-1', targets: targets() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('credentials file from a literal', () => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'bedrock', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral(INI)), targets: targets() });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('credentials file from an existing Secret, explicit default profile', () => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'bedrock', {
      region: 'eu-central-1',
      credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromExistingSecret('aws-credentials'), 'default'),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('OIDC exchange with a literal client secret, scopes and a token endpoint', () => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'bedrock', {
      region: 'us-west-2',
      credentials: AwsCredentials.fromOidc({
        roleArn: ROLE,
        oidc: { ...oidc(), scopes: ['openid', 'aws'], tokenEndpoint: 'https://idp.example.com/oauth2/token' },
      }),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('OIDC exchange with an existing client secret in another namespace', () => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'bedrock', {
      region: 'us-west-2',
      credentials: AwsCredentials.fromOidc({ roleArn: ROLE, oidc: oidc(SecretSource.fromExistingSecret('idp-client', { namespace: 'identity' })) }),
      targets: targets(),
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('AwsBedrockAuth rendering', () => {
  test('default chain: region only, no Secret', () => {
    const { chart } = newChart('bedrock');
    const policy = new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.defaultChain() });
    const objects = synth(chart);
    expect(objects).toHaveLength(1);
    expect(objects[0].spec).toEqual({ type: 'AWSCredentials', awsCredentials: { region: 'us-east-1' } });
    expect(policy.secret).toBeUndefined();
  });

  test('credentials file: the INI file under "credentials" in the policy namespace, no profile written', () => {
    const { chart } = newChart('bedrock');
    const policy = new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral(INI)) });
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    expect(secret.stringData).toEqual({ credentials: INI });
    expect(secret.metadata.namespace).toBe('bedrock');
    expect(onlyOfKind(objects, 'BackendSecurityPolicy').spec.awsCredentials).toEqual({
      region: 'us-east-1',
      credentialsFile: { secretRef: { name: secret.metadata.name, namespace: 'bedrock' } },
    });
    expect(policy.secret?.toJson()).toEqual(secret);
  });

  test('OIDC: role ARN, clientID and a client secret reference that names its namespace; no credentials file', () => {
    const { chart } = newChart('bedrock');
    const policy = new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn: ROLE, oidc: oidc() }) });
    const objects = synth(chart);
    const aws = onlyOfKind(objects, 'BackendSecurityPolicy').spec.awsCredentials;
    const secret = onlyOfKind(objects, 'Secret');
    expect(aws).not.toHaveProperty('credentialsFile');
    expect(aws.oidcExchangeToken.awsRoleArn).toBe(ROLE);
    expect(aws.oidcExchangeToken.oidc.clientID).toBe('gateway');
    expect(aws.oidcExchangeToken.oidc.clientSecret).toEqual({ name: secret.metadata.name, namespace: 'bedrock' });
    expect(secret.stringData).toEqual({ 'client-secret': 'oidc-client-secret-value' });
    expect(policy.secret?.toJson()).toEqual(secret);
  });

  test.each([
    'arn:aws:iam::123456789012:role/x',
    'arn:aws:iam::123456789012:role/service-role/bedrock-invoker',
    'arn:aws-us-gov:iam::123456789012:role/x',
    'arn:aws-cn:iam::123456789012:role/x',
  ])('role ARN %s is accepted', (roleArn) => {
    const { chart } = newChart('bedrock');
    new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn, oidc: oidc() }) });
    expect(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec.awsCredentials.oidcExchangeToken.awsRoleArn).toBe(roleArn);
  });
});

describe('AwsBedrockAuth bad input', () => {
  test.each(['', '   '])('a blank region (%j) is refused (AIGW020)', (region) => {
    const { chart } = newChart('bedrock');
    expectInvalid(() => new AwsBedrockAuth(chart, 'p', { region }), PATH, [
      { code: 'AIGW020', prop: 'region', problem: 'is empty', fix: 'us-east-1' },
    ]);
  });

  test.each([
    ['an account that is not 12 digits', 'arn:aws:iam::1234:role/x'],
    ['a user, not a role', 'arn:aws:iam::123456789012:user/x'],
    ['an assumed-role session ARN', 'arn:aws:sts::123456789012:assumed-role/x/session'],
    ['a role name only', 'bedrock-invoker'],
    ['surrounding whitespace', ` ${ROLE}`],
  ])('a role ARN with %s is refused (AIGW022)', (_label, roleArn) => {
    const { chart } = newChart('bedrock');
    expectInvalid(() => new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn, oidc: oidc() }) }), PATH, [
      { code: 'AIGW022', prop: 'credentials.roleArn', problem: 'is not an IAM role ARN', fix: 'arn:aws:iam::<12-digit account>:role/<role name>' },
    ]);
  });

  test('an empty role ARN is refused (AIGW022)', () => {
    const { chart } = newChart('bedrock');
    expectInvalid(() => new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn: '', oidc: oidc() }) }), PATH, [
      { code: 'AIGW022', prop: 'credentials.roleArn', problem: 'is empty', fix: 'arn:aws:iam::' },
    ]);
  });

  test('a credentials-file profile other than default is legal but draws an AIGW023 warning at synth: v1.1.0 reads only [default]', () => {
    const { app, chart } = newChart('bedrock');
    const policy = new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromExistingSecret('aws'), 'prod') });
    expect(policy.apiObject.toJson().spec.awsCredentials.credentialsFile.profile).toBe('prod');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      app.synthYaml();
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/AIGW023 .*profile 'prod' has no effect/);
    } finally {
      warn.mockRestore();
    }
  });

  test('a credentials file in an existing Secret of another namespace is refused (AIGW063)', () => {
    const { chart } = newChart('bedrock');
    expectInvalid(
      () =>
        new AwsBedrockAuth(chart, 'p', {
          region: 'us-east-1',
          credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromExistingSecret('aws', { namespace: 'secrets' })),
        }),
      PATH,
      [{ code: 'AIGW063', prop: 'credentials', problem: 'AWS credentials file', fix: "namespace 'bedrock'" }],
    );
  });

  test('region and file problems are reported together', () => {
    const { chart } = newChart('bedrock');
    expectInvalid(
      () => new AwsBedrockAuth(chart, 'p', { region: '', credentials: AwsCredentials.fromCredentialsFile(SecretSource.fromLiteral(''), 'prod') }),
      PATH,
      [
        { code: 'AIGW020', prop: 'region' },
        { code: 'AIGW061', prop: 'credentials', problem: 'AWS credentials file' },
      ],
    );
  });

  test('region, role ARN and OIDC problems are reported together', () => {
    const { chart } = newChart('bedrock');
    expectInvalid(
      () =>
        new AwsBedrockAuth(chart, 'p', {
          region: ' ',
          credentials: AwsCredentials.fromOidc({
            roleArn: 'arn:aws:iam::1:role/x',
            oidc: { issuer: 'http://idp.example.com', clientId: '', clientSecret: SecretSource.fromLiteral('') },
          }),
        }),
      PATH,
      [
        { code: 'AIGW020', prop: 'region' },
        { code: 'AIGW022', prop: 'credentials.roleArn' },
        { code: 'AIGW050', prop: 'credentials.oidc.issuer' },
        { code: 'AIGW051', prop: 'credentials.oidc.clientId' },
        { code: 'AIGW061', prop: 'credentials.oidc.clientSecret' },
      ],
    );
  });
});
