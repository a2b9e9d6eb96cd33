// Bundle-size budgets, checked by `npm run size` (bench/size.mjs runs size-limit with this file, then checks
// the bundles' contents). Sizes are minified + gzip (level 9), bundled by esbuild for platform "neutral" as ESM,
// from the built packages (run `npm run build` first). Limits are in bytes: 8,192 and 12,288.
//
// Do not raise a limit to make a failing check pass: the limits are the project's budgets.

// @ts-check
/** @param {import("esbuild").BuildOptions} config */
const neutralEsm = (config) => ({ ...config, platform: "neutral", format: "esm" });

module.exports = [
  {
    name: "signing-only client (createOrderClient calling syncOrder and syncPerformanceNotification)",
    path: "bench/entries/client.mjs",
    limit: "8192 B",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
  {
    name: "client with encryption (+ rsaAes)",
    path: "bench/entries/client-encryption.mjs",
    limit: "12288 B",
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
    name: "floor: the signing core + the spec's validation (a reference, not a product)",
    path: "bench/entries/floor.mjs",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
];
