// @ts-check
// Not a product: the least any client of this design bundles. openapi-fetch (required for `client.api`) and the
// signing core (key import, sign, verify, Request-Time), with no validation, errors, retries or timeouts of its own.
// Reported beside the budgets to show how much of them is spent before the client adds anything.
export { default as createClient } from "openapi-fetch";
export { formatRequestTime, importPrivateKey, importPublicKey, sign, verify } from "alipayhk-signature";
