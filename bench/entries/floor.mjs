// @ts-check
// Not a product: what any client of this design bundles before code of its own. The signing core (key import, sign,
// verify, Request-Time) and the spec's validation of both operations (the schema table, the validator and the
// keyword checks the table uses), with no pipeline, errors, retries, timeouts or option checks. Reported beside the
// budgets to show how much of them is spent before the client adds anything.
export { formatRequestTime, importPrivateKey, importPublicKey, sign, verify } from "alipayhk-signature";
export { SCHEMAS, validate } from "alipayhk-spec";
