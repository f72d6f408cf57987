/**
 * Values keyed by namespace and name, where the first value set for a name is the one kept.
 * Lookups use the two strings as they are, instead of building a `namespace/name` key for every
 * object and reference of a large input.
 */
export class NamespacedMap<T> {
  private readonly namespaces = new Map<string, Map<string, T>>();

  public get(namespace: string, name: string): T | undefined {
    return this.namespaces.get(namespace)?.get(name);
  }

  /** Stores `value` unless the name already has one; returns the value that was there, if any. */
  public setIfAbsent(namespace: string, name: string, value: T): T | undefined {
    let names = this.namespaces.get(namespace);
    if (!names) this.namespaces.set(namespace, (names = new Map()));
    const first = names.get(name);
    if (first === undefined) names.set(name, value);
    return first;
  }

  /** Calls `visit` with every value, namespace by namespace, in the order each was first set. */
  public forEach(visit: (value: T) => void): void {
    this.namespaces.forEach((names) => names.forEach((value) => visit(value)));
  }
}
