/** Options for {@link CredentialOverride.fromRequestHeaders}. */
export interface RequestHeaderOverrideOptions {
  /**
   * The request header that carries the credential. A trusted filter in front of the gateway must
   * remove any client-supplied copy and write the canonical value.
   *
   * @default - the gateway's default header for the policy type
   */
  readonly header?: string;

  /**
   * Use the policy's configured credential when the header is absent.
   *
   * @default true
   */
  readonly fallbackToConfigured?: boolean;
}

/** Options for {@link CredentialOverride.fromDynamicMetadata}. */
export interface DynamicMetadataOverrideOptions {
  /** The Envoy dynamic metadata namespace a trusted filter (for example ext_authz) writes to. */
  readonly namespace: string;

  /**
   * The key inside that namespace.
   *
   * @default - the gateway's default key
   */
  readonly key?: string;

  /**
   * Use the policy's configured credential when the metadata is absent.
   *
   * @default true
   */
  readonly fallbackToConfigured?: boolean;
}

/**
 * Per-request credentials that take precedence over the configured one (`spec.credentialOverride`,
 * new in Envoy AI Gateway v1.1.0).
 */
export class CredentialOverride {
  /**
   * Take the credential from a request header injected by a trusted ingress filter.
   *
   * @param options header and fallback
   */
  public static fromRequestHeaders(options: RequestHeaderOverrideOptions = {}): CredentialOverride {
    return new CredentialOverride('fromRequestHeaders', options.fallbackToConfigured ?? true, {
      header: options.header,
      fallbackToConfigured: options.fallbackToConfigured,
    });
  }

  /**
   * Take the credential from Envoy dynamic metadata set by a trusted filter. Metadata cannot be
   * forged by the client, so this is the safer source.
   *
   * @param options metadata namespace, key and fallback
   */
  public static fromDynamicMetadata(options: DynamicMetadataOverrideOptions): CredentialOverride {
    return new CredentialOverride('fromDynamicMetadata', options.fallbackToConfigured ?? true, {
      namespace: options.namespace,
      key: options.key,
      fallbackToConfigured: options.fallbackToConfigured,
    });
  }

  /**
   * Whether the gateway falls back to the configured credential.
   */
  public readonly fallbackToConfigured: boolean;

  private constructor(
    private readonly source: string,
    fallbackToConfigured: boolean,
    private readonly fields: Record<string, string | boolean | undefined>,
  ) {
    this.fallbackToConfigured = fallbackToConfigured;
  }

  /**
   * The `spec.credentialOverride` object.
   *
   * @internal
   */
  public _render(): Record<string, Record<string, string | boolean | undefined>> {
    return { [this.source]: this.fields };
  }

  /**
   * Whether this override reads dynamic metadata (and so needs a metadata namespace).
   *
   * @internal
   */
  public get _readsMetadata(): boolean {
    return this.source === 'fromDynamicMetadata';
  }

  /**
   * The dynamic metadata namespace, if any.
   *
   * @internal
   */
  public get _metadataNamespace(): unknown {
    return this.fields.namespace;
  }
}
