// @ts-check
// What a signing-only user imports. Resolved like an install: node_modules -> the package's "exports" -> dist/.
export { createOrderClient } from "alipayhk-order";
