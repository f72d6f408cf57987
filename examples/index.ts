/**
 * Every example app, in one list: `synth-all.ts` synthesizes them and `test/examples.test.ts`
 * checks each against the upstream manifest of the same name.
 */
import { App, Chart } from 'cdk8s';
import { build as anthropic } from './anthropic';
import { build as aws } from './aws';
import { build as awsBedrockOpenaiAnthropic } from './aws-bedrock-openai-anthropic';
import { build as awsIrsa } from './aws-irsa';
import { build as awsPodIdentity } from './aws-pod-identity';
import { build as azureOpenai } from './azure_openai';
import { build as cohere } from './cohere';
import { build as gcpVertex } from './gcp_vertex';
import { build as openai } from './openai';
import { build as tars } from './tars';

/** One example: its name (that of its file, its Chart and its upstream manifest) and its app. */
export interface Example {
  readonly name: string;
  readonly build: (app: App) => Chart;
}

export const EXAMPLES: Example[] = [
  { name: 'openai', build: openai },
  { name: 'anthropic', build: anthropic },
  { name: 'aws', build: aws },
  { name: 'aws-irsa', build: awsIrsa },
  { name: 'aws-pod-identity', build: awsPodIdentity },
  { name: 'aws-bedrock-openai-anthropic', build: awsBedrockOpenaiAnthropic },
  { name: 'azure_openai', build: azureOpenai },
  { name: 'cohere', build: cohere },
  { name: 'gcp_vertex', build: gcpVertex },
  { name: 'tars', build: tars },
];
