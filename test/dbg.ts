import { App, Testing } from 'cdk8s';
import { buildLibrary } from '../bench/workload';
import { runRules } from '../src/rules';
const lib = require('../src');
const app = Testing.app();
buildLibrary(lib, app, 10000, 1);
const docs = app.charts.flatMap((c) => Testing.synth(c)).map((m: any, i: number) => ({ manifest: m, location: `c/x${i}` }));
for (let i = 0; i < 5; i++) { const t = performance.now(); runRules(docs, { defaultNamespace: 'default' }); console.log((performance.now() - t).toFixed(0)); }
