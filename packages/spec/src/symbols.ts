/**
 * Where a table keeps its keyword checks: a symbol, so that walking the table's names never meets them. A module of its
 * own so that validate.ts reads the checks without importing keywords.ts, whose checks import validate.ts.
 */
export const KEYWORDS: unique symbol = Symbol("keywords");
