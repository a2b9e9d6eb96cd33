/**
 * alipayhk-sandbox/internal: what this SDK's own tools share with the sandbox. NOT PUBLIC: not covered by semver, and
 * may change or go in any release.
 * @internal
 * @module
 */
// The fault PRNG, for soaks that plan seeded load with the generator the sandbox draws its faults from.
export { mulberry32 } from "./faults.js";
