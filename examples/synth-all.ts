/**
 * Synthesizes every example into dist/examples/<name>.k8s.yaml.
 *
 *   npx ts-node --project test/tsconfig.json examples/synth-all.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { App } from 'cdk8s';
import { EXAMPLES } from '.';

const outdir = join(__dirname, '..', 'dist', 'examples');

// Start clean so that the folder holds exactly the current examples.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

for (const { name, build } of EXAMPLES) {
  // One App per example: the examples are alternatives, not one deployment. aws, aws-irsa and
  // aws-pod-identity all attach a policy to the backend envoy-ai-gateway-basic-aws, a conflict
  // within one App (a backend may have only one policy).
  const app = new App();
  build(app);
  const file = join(outdir, `${name}.k8s.yaml`);
  writeFileSync(file, app.synthYaml());
  console.log(`wrote ${relative(process.cwd(), file)}`);
}
