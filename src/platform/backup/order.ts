import { BackupError } from './format.ts';

/**
 * Tables in an order where every table comes after the tables its foreign keys refer to, so rows
 * can be loaded with the keys checked as they go, on both engines; among tables free to go, the
 * first by name, so the order is the same on every run. A table referring to itself is fine (its
 * rows are loaded in key order); two tables referring to each other cannot be ordered.
 */
export function loadOrder(tables: readonly { name: string; references: readonly string[] }[]): string[] {
  const known = new Set(tables.map((t) => t.name));
  const waitingFor = new Map(tables.map((t) => [t.name, new Set(t.references.filter((r) => r !== t.name && known.has(r)))]));
  const order: string[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].filter(([, refs]) => refs.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      throw new BackupError(`These tables refer to each other, so their rows cannot be loaded in any order: ${[...waitingFor.keys()].sort().join(', ')}`);
    }
    const next = ready.sort()[0]!;
    order.push(next);
    waitingFor.delete(next);
    for (const refs of waitingFor.values()) refs.delete(next);
  }
  return order;
}
