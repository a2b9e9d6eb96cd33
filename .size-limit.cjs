// The bundles `npm run size` measures with size-limit (bench/size.mjs runs it with this file, then checks the
// bundles' contents). Sizes are minified + gzip (level 9), bundled by esbuild for platform "neutral" as ESM, from the
// built packages (run `npm run build` first). None has a limit: the everything-client's old budgets (8,192 and
// 12,288 B) were retired, since the signing core plus validation of both operations is already over the first; the
// budgets now are the syncOrder-only bundle's and the growth an unused operation costs (bench/operation-sizes.mjs).

// @ts-check
/** @param {import("esbuild").BuildOptions} config */
const neutralEsm = (config) => ({ ...config, platform: "neutral", format: "esm" });

module.exports = [
  {
    name: "signing-only client (createOrderClient calling syncOrder and syncPerformanceNotification)",
    path: "bench/entries/client.mjs",
    gzip: true,
    modifyEsbuildConfig: neutralEsm,
  },
  {
    name: "client with encryption (+ rsaAes)",
    path: "bench/entries/client-encryption.mjs",
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
