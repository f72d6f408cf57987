import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PropProblems } from './errors';
import { SecretUseName } from './gateway-facts';
import type { SecretSource } from './secret-source';

/**
 * Internal plumbing between a policy and the sources of its credentials. Nothing here is part
 * of the public API.
 */

/** What a policy asks of a SecretSource: one credential for one use. Internal. */
export interface SecretRequest {
  /** The policy construct; emitted objects become its children. */
  readonly scope: Construct;
  readonly use: SecretUseName;
  /** The prop that holds the source, for messages. */
  readonly prop: string;
  /** The policy's namespace. */
  readonly namespace: string;
  /** The name an emitted Secret gets. */
  readonly defaultName: string;
  readonly problems: PropProblems;
}

/** A Secret reference as a policy writes it. */
export interface SecretRef {
  readonly name: string;
  readonly namespace: string;
}

/** The reference the policy writes, and the object emitted for it, if any. */
export interface SecretBinding extends SecretRef {
  readonly object?: ApiObject;
}

/** What a credential renderer gets from the policy: where to report problems, and a way to bind a SecretSource. */
export interface PolicyContext {
  readonly problems: PropProblems;
  /** Binds a source for one use and returns the reference to write (name and namespace only). */
  secretRef(source: SecretSource, use: SecretUseName, prop: string): SecretRef;
}
