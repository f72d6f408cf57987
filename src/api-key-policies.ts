import { Construct } from 'constructs';
import { BackendSecurityPolicyBase, PolicyOptions } from './policy-base';
import { PolicyContext } from './policy-context';
import { SecretSource } from './secret-source';

/** Props of the API-key policies. */
export interface ApiKeyPolicyProps extends PolicyOptions {
  /** The API key, stored under the Secret key `apiKey` in the policy's namespace. */
  readonly apiKey: SecretSource;
}

function renderApiKey(props: ApiKeyPolicyProps) {
  return (context: PolicyContext) => ({ secretRef: context.secretRef(props.apiKey, 'apiKey', 'apiKey') });
}

/**
 * An API key sent as `Authorization: Bearer <key>` (policy type `APIKey`): OpenAI and every
 * OpenAI-compatible provider (Cohere, Mistral, Groq, DeepSeek, Tetrate TARS, self-hosted vLLM...).
 */
export class ApiKeyPolicy extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: ApiKeyPolicyProps) {
    super(scope, id, props);
    this._configure('APIKey', true, renderApiKey(props));
  }
}

/** An Anthropic API key, sent as `x-api-key` (policy type `AnthropicAPIKey`). */
export class AnthropicApiKeyPolicy extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: ApiKeyPolicyProps) {
    super(scope, id, props);
    this._configure('AnthropicAPIKey', true, renderApiKey(props));
  }
}

/** An Azure OpenAI API key, sent as `api-key` (policy type `AzureAPIKey`). */
export class AzureApiKeyPolicy extends BackendSecurityPolicyBase {
  constructor(scope: Construct, id: string, props: ApiKeyPolicyProps) {
    super(scope, id, props);
    this._configure('AzureAPIKey', true, renderApiKey(props));
  }
}
