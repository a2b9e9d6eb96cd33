// Bundle-size budgets, checked by `npm run size` (bench/size.mjs runs size-limit with this file, then checks
// the bundles' contents). Sizes are minified + gzip (level 9), bundled by esbuild for platform "neutral" as ESM,
// from the built packages (run `npm run build` first). "8 kB" is 8,000 bytes.
//
// Do not raise a limit to make a failing check pass: the limits are the project's budgets.

// @ts-check
/** @param {import("esbuild").BuildOptions} config */
const neutralEsm = (config) => ({ ...config, platform: "neutral", format: "esm" });

module.exports = [
  {
    name: "signing-only client (createOrderClient, openapi-fetch included)",
    path: "bench/entries/client.mjs",
    limit: "8 kB",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
  {
    name: "client with encryption (+ rsaAes)",
    path: "bench/entries/client-encryption.mjs",
    limit: "12 kB",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
  {
    name: "alipayhk-signature alone (sign, verify, importPrivateKey, importPublicKey)",
    path: "bench/entries/signature.mjs",
    // No budget is set for the signature package: measured and reported only.
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
  {
    name: "floor: openapi-fetch + the signing core (a reference, not a product)",
    path: "bench/entries/floor.mjs",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
];
