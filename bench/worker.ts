/* eslint-disable @typescript-eslint/no-require-imports -- modules are loaded inside the
   measurement on purpose: a cold require is part of what is measured. */
/**
 * One measurement, in a child process of its own so that peak memory is that of this case alone.
 * Prints one JSON line. Loads the compiled library from lib/, as a package user would.
 *
 *   worker raw|raw-six-classes|library <policies> <charts> [yaml-out]
 *   worker lint <yaml-file>
 *   worker require <module>
 */
import { writeFileSync } from 'fs';
import { performance } from 'perf_hooks';

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function main(): void {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'require') {
    const start = performance.now();
    require(args[0]);
    console.log(JSON.stringify({ ms: performance.now() - start }));
    return;
  }
  if (mode === 'lint') {
    const { main: cli } = require('../lib/cli/main');
    const sink = { write: () => true };
    const start = performance.now();
    const status = cli(['lint', args[0]], { out: sink, err: sink, stdin: () => '' });
    console.log(JSON.stringify({ ms: performance.now() - start, status, rssMb: peakRssMb() }));
    return;
  }
  // Loaded only now, so that `require` mode above measures a cold cdk8s.
  const { buildLibrary, buildRaw } = require('./workload');
  const { App } = require('cdk8s');
  const policies = Number(args[0]);
  const charts = Number(args[1]);
  const start = performance.now();
  const app = new App();
  let validateMs = 0;
  if (mode === 'raw' || mode === 'raw-six-classes') {
    buildRaw(app, policies, charts, mode === 'raw-six-classes');
  } else {
    buildLibrary(require('../lib'), app, policies, charts);
    // constructs keeps validations private; wrap the App's to time what synth spends in them.
    for (const validation of (app.node as any)._validations as Array<{ validate(): string[] }>) {
      const validate = validation.validate.bind(validation);
      validation.validate = () => {
        const t = performance.now();
        try {
          return validate();
        } finally {
          validateMs += performance.now() - t;
        }
      };
    }
  }
  const yaml: string = app.synthYaml();
  const ms = performance.now() - start;
  if (args[2]) writeFileSync(args[2], yaml);
  console.log(JSON.stringify({ ms, validateMs, rssMb: peakRssMb(), bytes: yaml.length }));
}

main();
