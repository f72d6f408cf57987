import { NamespacedMap } from './namespaced-map';
import { Findings } from './report';
import { describe, Resolved } from './types';

/** How many policies a message lists before it only counts the rest. */
const MAX_LISTED = 10;

interface TargetUse {
  readonly policy: Resolved;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** On the first use of a name in a namespace: the later uses of the same name, if any. */
  others?: TargetUse[];
}

/**
 * One policy per backend. The controller looks policies up by (namespace, target name); for an
 * AIServiceBackend it matches on the name alone, so an InferencePool and an AIServiceBackend of the
 * same name, targeted by different policies, also collide. Linear in the number of targets.
 */
export function checkDuplicateTargets(policies: readonly Resolved[], out: Findings): void {
  const firstUse = new NamespacedMap<TargetUse>();
  for (let p = 0; p < policies.length; p++) {
    const policy = policies[p];
    const targetRefs = policy.manifest.spec?.targetRefs;
    if (!Array.isArray(targetRefs)) continue;
    for (let i = 0; i < targetRefs.length; i++) {
      const t = targetRefs[i];
      if (typeof t?.name !== 'string') continue;
      const use: TargetUse = { policy, group: String(t.group), kind: String(t.kind), name: t.name, others: undefined };
      const first = firstUse.setIfAbsent(policy.namespace, t.name, use);
      if (first) (first.others ??= []).push(use);
    }
  }

  firstUse.forEach((first) => {
    if (first.others) checkUses([first, ...first.others], out);
  });
}

/** Reports the clashes among the policies that target one name in one namespace. */
function checkUses(uses: TargetUse[], out: Findings): void {
  const byKind = new Map<string, TargetUse[]>();
  for (const use of uses) {
    const kindKey = `${use.group}/${use.kind}`;
    byKind.set(kindKey, [...(byKind.get(kindKey) ?? []), use]);
  }
  for (const same of byKind.values()) {
    if (same.length > 1) report(same, out);
  }
  const backends = byKind.get('aigateway.envoyproxy.io/AIServiceBackend');
  if (backends && byKind.size > 1) {
    const others = uses.filter((u) => u.kind !== 'AIServiceBackend' && !backends.some((b) => b.policy === u.policy));
    if (others.length) report([backends[0], ...others], out, true);
  }
}

function report(uses: TargetUse[], out: Findings, nameClash = false): void {
  const first = uses[0];
  const target = `${first.kind} ${first.policy.namespace}/${first.name}`;
  let message: string;
  const policies = () => {
    const all = [...new Set(uses.map((u) => u.policy))].map((p) => describe(p));
    return all.length > MAX_LISTED ? `${all.slice(0, MAX_LISTED).join(', ')} and ${all.length - MAX_LISTED} more` : all.join(', ');
  };
  if (nameClash) {
    const others = uses.slice(1).map((u) => `${u.kind} ${u.policy.namespace}/${u.name} of ${describe(u.policy)}`).join(', ');
    message = `${target} of ${describe(first.policy)} shares its name with ${others}, and the gateway matches AIServiceBackend policies on the name alone`;
  } else if (uses.every((u) => u.policy === first.policy)) {
    message = `${target} is listed ${uses.length} times in spec.targetRefs`;
  } else {
    message = `${target} is targeted by more than one policy: ${policies()}; the gateway then drops the backend`;
  }
  out.add(
    'AIGW001',
    first.policy,
    message,
    nameClash ? 'rename one of the backends, or target both from one policy' : 'keep one policy per backend (one policy may target up to 16 backends)',
  );
}
