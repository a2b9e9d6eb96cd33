/**
 * `table[name]`, or undefined when the spec has no such entry. Code written for one operation (the sandbox's order
 * rules, the demo's notifications) looks its operation up with this, and skips itself when a spec change removed it:
 * indexing the generated tables directly would stop compiling instead.
 */
export const entryOf = <T>(table: { readonly [name: string]: T }, name: string): T | undefined =>
  Object.hasOwn(table, name) ? table[name] : undefined;
