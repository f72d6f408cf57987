import { Chart } from 'cdk8s';
import {
  AwsBedrockAuth,
  AwsCredentials,
  AzureCredentials,
  AzureOpenAIAuth,
  BackendSecurityPolicyBase,
  GcpCredentials,
  GcpVertexAuth,
  OidcOptions,
  SecretSource,
} from '../src';
import { CHART_ID, expectInvalid, newChart, onlyOfKind, synth } from './support/construct-helpers';

const PATH = `${CHART_ID}/p`;
const ISSUER = 'https://idp.example.com/realms/gateway';

/** The three places an OIDC exchange appears: how to build one, the prop prefix in messages, where the block renders. */
interface Site {
  readonly name: string;
  readonly prop: string;
  readonly build: (chart: Chart, oidc: OidcOptions) => BackendSecurityPolicyBase;
  readonly exchange: (spec: any) => any;
  /** Every field of the exchange block (no grantType, no aud). */
  readonly exchangeFields: string[];
}

const SITES: Site[] = [
  {
    name: 'AWS',
    prop: 'credentials.oidc',
    build: (chart, oidc) =>
      new AwsBedrockAuth(chart, 'p', { region: 'us-east-1', credentials: AwsCredentials.fromOidc({ roleArn: 'arn:aws:iam::123456789012:role/r', oidc }) }),
    exchange: (spec) => spec.awsCredentials.oidcExchangeToken,
    exchangeFields: ['awsRoleArn', 'oidc'],
  },
  {
    name: 'Azure',
    prop: 'credentials',
    build: (chart, oidc) => new AzureOpenAIAuth(chart, 'p', { clientId: 'c', tenantId: 't', credentials: AzureCredentials.fromOidc(oidc) }),
    exchange: (spec) => spec.azureCredentials.oidcExchangeToken,
    exchangeFields: ['oidc'],
  },
  {
    name: 'GCP',
    prop: 'credentials.oidc',
    build: (chart, oidc) =>
      new GcpVertexAuth(chart, 'p', {
        projectName: 'proj',
        region: 'us-central1',
        credentials: GcpCredentials.fromWorkloadIdentityFederation({ projectId: '1', poolName: 'pool', providerName: 'prov', oidc }),
      }),
    exchange: (spec) => spec.gcpCredentials.workloadIdentityFederationConfig.oidcExchangeToken,
    exchangeFields: ['oidc'],
  },
];

const valid = (overrides: Partial<OidcOptions> = {}): OidcOptions => ({
  issuer: ISSUER,
  clientId: 'gateway',
  clientSecret: SecretSource.fromLiteral('oidc-client-secret-value'),
  ...overrides,
});

function renderedExchange(site: Site, chart: Chart): any {
  return site.exchange(onlyOfKind(synth(chart), 'BackendSecurityPolicy').spec);
}

describe.each(SITES)('OIDC exchange in $name', (site) => {
  test('renders the oidc block (no grantType, aud), with provider.issuer, clientID and a clientSecret reference that names its namespace', () => {
    const { chart } = newChart('ai');
    site.build(chart, valid());
    const objects = synth(chart);
    const secret = onlyOfKind(objects, 'Secret');
    const exchange = site.exchange(onlyOfKind(objects, 'BackendSecurityPolicy').spec);
    expect(Object.keys(exchange).sort()).toEqual(site.exchangeFields);
    expect(exchange.oidc).toEqual({
      provider: { issuer: ISSUER },
      clientID: 'gateway',
      clientSecret: { name: secret.metadata.name, namespace: 'ai' },
    });
    expect(secret.stringData).toEqual({ 'client-secret': 'oidc-client-secret-value' });
    expect(secret.metadata.namespace).toBe('ai');
  });

  test('scopes and tokenEndpoint are written when given', () => {
    const { chart } = newChart('ai');
    site.build(chart, valid({ scopes: ['openid', 'profile'], tokenEndpoint: 'https://idp.example.com/token' }));
    const { oidc } = renderedExchange(site, chart);
    expect(oidc.scopes).toEqual(['openid', 'profile']);
    expect(oidc.provider).toEqual({ issuer: ISSUER, tokenEndpoint: 'https://idp.example.com/token' });
  });

  test('an existing client secret without a namespace is referenced with the policy namespace, even "default"', () => {
    const { chart } = newChart();
    const policy = site.build(chart, valid({ clientSecret: SecretSource.fromExistingSecret('idp-client') }));
    expect(policy.secret).toBeUndefined();
    expect(renderedExchange(site, chart).oidc.clientSecret).toEqual({ name: 'idp-client', namespace: 'default' });
  });

  test('an existing client secret in another namespace is allowed', () => {
    const { chart } = newChart('ai');
    site.build(chart, valid({ clientSecret: SecretSource.fromExistingSecret('idp-client', { namespace: 'identity' }) }));
    expect(renderedExchange(site, chart).oidc.clientSecret).toEqual({ name: 'idp-client', namespace: 'identity' });
  });

  test.each(['', '   '])('an empty issuer (%j) is refused (AIGW050)', (issuer) => {
    const { chart } = newChart('ai');
    expectInvalid(() => site.build(chart, valid({ issuer })), PATH, [
      { code: 'AIGW050', prop: `${site.prop}.issuer`, problem: 'is empty', fix: 'https issuer URL' },
    ]);
  });

  test.each(['http://idp.example.com', 'idp.example.com', 'ftp://idp.example.com', 'https://'])('a non-https issuer (%j) is refused (AIGW050)', (issuer) => {
    const { chart } = newChart('ai');
    expectInvalid(() => site.build(chart, valid({ issuer })), PATH, [
      { code: 'AIGW050', prop: `${site.prop}.issuer`, problem: `'${issuer}' is not an https URL`, fix: 'https issuer URL' },
    ]);
  });

  test.each(['http://idp.example.com/token', '/token', ''])('a non-https tokenEndpoint (%j) is refused (AIGW050)', (tokenEndpoint) => {
    const { chart } = newChart('ai');
    expectInvalid(() => site.build(chart, valid({ tokenEndpoint })), PATH, [
      { code: 'AIGW050', prop: `${site.prop}.tokenEndpoint`, problem: 'is not an https URL', fix: 'leave it out to discover it' },
    ]);
  });

  test.each(['', '  '])('a blank clientId (%j) is refused (AIGW051)', (clientId) => {
    const { chart } = newChart('ai');
    expectInvalid(() => site.build(chart, valid({ clientId })), PATH, [
      { code: 'AIGW051', prop: `${site.prop}.clientId`, problem: 'is empty', fix: 'set the OIDC client ID' },
    ]);
  });

  test('a blank client secret literal is refused (AIGW061)', () => {
    const { chart } = newChart('ai');
    expectInvalid(() => site.build(chart, valid({ clientSecret: SecretSource.fromLiteral('') })), PATH, [
      { code: 'AIGW061', prop: `${site.prop}.clientSecret`, problem: 'OIDC client secret' },
    ]);
  });

  test('issuer, tokenEndpoint, clientId and client secret problems are reported together', () => {
    const { chart } = newChart('ai');
    expectInvalid(
      () => site.build(chart, { issuer: 'http://idp', tokenEndpoint: 'http://idp/token', clientId: '', clientSecret: SecretSource.fromExistingSecret('Bad_Name') }),
      PATH,
      [
        { code: 'AIGW050', prop: `${site.prop}.issuer` },
        { code: 'AIGW050', prop: `${site.prop}.tokenEndpoint` },
        { code: 'AIGW051', prop: `${site.prop}.clientId` },
        { code: 'AIGW064', prop: `${site.prop}.clientSecret` },
      ],
    );
  });
});

test('snapshot: OIDC exchange with an existing client secret in a Chart without namespace', () => {
  const { chart } = newChart();
  new AzureOpenAIAuth(chart, 'azure', {
    clientId: 'c',
    tenantId: 't',
    credentials: AzureCredentials.fromOidc({ issuer: ISSUER, clientId: 'gateway', clientSecret: SecretSource.fromExistingSecret('idp-client') }),
  });
  expect(synth(chart)).toMatchSnapshot();
});
