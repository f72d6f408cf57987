import { cdk8s, javascript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

const CDK8S_CLI_VERSION = '2.207.60';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-aigw-auth',
  description:
    'Typed cdk8s constructs for Envoy AI Gateway BackendSecurityPolicy: API keys, AWS Bedrock, Azure OpenAI and GCP Vertex AI credentials, right by construction, with a synth-time and YAML lint validation pass.',
  author: 'cdk8s-aigw-auth maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-aigw-auth/cdk8s-aigw-auth.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'Apache-2.0',
  keywords: ['cdk8s', 'envoy', 'ai-gateway', 'kubernetes', 'llm', 'backendsecuritypolicy'],

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',
  typescriptVersion: '~5.9.0',

  // Runtime dependencies that are not jsii libraries are bundled into the package.
  bundledDeps: ['yaml@^2.9.0'],
  devDeps: [`cdk8s-cli@${CDK8S_CLI_VERSION}`, 'fast-check@^4', 'ts-node@^10', '@types/node@^20', 'jest-util@^29'],
  bin: { 'cdk8s-aigw-auth': 'lib/cli/main.js' },

  publishToPypi: {
    distName: 'cdk8s-aigw-auth',
    module: 'cdk8s_aigw_auth',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk8s.aigw.auth',
    mavenGroupId: 'io.github.cdk8s',
    mavenArtifactId: 'cdk8s-aigw-auth',
  },

  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  docgen: true,

  jestOptions: {
    // Snapshot tests must fail when the output changes; `npx projen test:update` updates them.
    jestVersion: '^29',
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
    ignorePatterns: ['src/imports/', '*.d.ts', '*.js', 'node_modules/', 'lib/', 'dist/'],
  },
  gitignore: ['/dist/', '/.cache/', '.jsii.tabl.json', '/examples/java/target/', '/bench/out/'],
});

// Generated types: `cdk8s import` of the CRDs in imports/ into src/imports/. The output is
// committed; running this task again must give identical bytes.
const importTask = project.addTask('import', {
  description: 'Regenerate src/imports/ from the CRD YAML in imports/',
});
for (const [module, crd] of [
  ['backend-security-policy', 'aigateway.envoyproxy.io_backendsecuritypolicies.yaml'],
  ['ai-service-backend', 'aigateway.envoyproxy.io_aiservicebackends.yaml'],
  ['inference-pool', 'inference.networking.k8s.io_inferencepools.yaml'],
]) {
  importTask.exec(`cdk8s import --no-save --language typescript --output src/imports ${module}:=imports/${crd}`);
}

// Apps outside src/ and test/ are type-checked and linted with the test settings.
for (const dir of ['examples', 'bench', 'scripts']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../test/tsconfig.json']),
    include: ['**/*.ts'],
    exclude: ['node_modules'],
    compilerOptions: {},
  });
}

// Tests, examples, the benchmark and scripts are type-checked before the tests run (ts-jest
// only transpiles).
const typecheck = project.addTask('typecheck', { description: 'Type-check everything outside src/' });
for (const dir of ['test', 'examples', 'bench', 'scripts']) typecheck.exec(`tsc --noEmit -p ${dir}/tsconfig.json`);
project.testTask.prependSpawn(typecheck);

// The CLI is run directly by the Python and Java packages' entry points.
project.compileTask.exec('chmod +x lib/cli/main.js');

// Only the library goes into the npm package (and so into the wheel and the jar).
for (const path of ['/.cache/', '/.ci/', '/bench/', '/docs/', '/examples/', '/imports/', '/scripts/', '/test-reports/', '/coverage/', '.jsii.tabl.json']) {
  project.addPackageIgnore(path);
}

// README code blocks must compile in every jsii language.
project.postCompileTask.exec('jsii-rosetta extract --strict');

project.addTask('examples', {
  description: 'Synthesize every app in examples/ into dist/examples/',
  exec: 'ts-node --project examples/tsconfig.json examples/synth-all.ts',
});

// Python and Java docs next to API.md.
const docgen = project.tasks.tryFind('docgen');
docgen?.exec('jsii-docgen --language python --output docs/python.md');
docgen?.exec('jsii-docgen --language java --output docs/java.md');

// The benchmark measures the compiled library, as a package user loads it.
const bench = project.addTask('bench', {
  description: 'Synth and validation cost at scale, against raw cdk8s (writes bench/results.*)',
});
bench.spawn(project.compileTask);
bench.exec('ts-node --project bench/tsconfig.json bench/run.ts');

project.addTask('conformance', {
  description: 'Check synth output and lint against the Kubernetes API server rules (kubectl-validate)',
  exec: 'bash scripts/conformance.sh',
});

project.addTask('test:languages', {
  description: 'Build the Python and Java packages and check all three languages synthesize the same YAML',
  exec: 'bash scripts/test-languages.sh',
});

project.synth();
