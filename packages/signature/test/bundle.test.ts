// Tree-shaking and size guard (in the spirit of jose's bundle report): a client that only signs and
// verifies must not ship the AES / RSA-wrap code or @noble/ciphers, and must stay small.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const index = fileURLToPath(new URL("../src/index.ts", import.meta.url));
const encryption = fileURLToPath(new URL("../src/encryption.ts", import.meta.url));

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

// Strings only the encryption side contains: our RSA_AES code and @noble/ciphers' AES. `"symmetricKey"` with its
// quotes, so that an `asymmetricKeyType` (jose has one) would not count.
const ENCRYPTION_MARKERS = ["RSA_AES", '"symmetricKey"', "decryption failed", "encrypt() twice", "aesMode"];

describe("bundle", () => {
  it("a signing-only import from the root excludes all encryption code and stays under budget", async () => {
    const code = await bundle(
      `export { importPrivateKey, importPublicKey, sign, verify, formatRequestTime, AlipayHKError, HeaderFormatError } from ${JSON.stringify(index)};`,
    );
    for (const marker of ENCRYPTION_MARKERS) expect(code).not.toContain(marker);
    const gzipped = gzipSync(code, { level: 9 }).length;
    // Measured at about 4.0 kB (6.9 kB while key import went through jose, whose importers bring its JWS/JWE algorithm
    // table and ASN.1 reader); the budget leaves a little room, and fails on an accidental pull-in.
    expect(gzipped).toBeLessThan(4400);
  });

  it("the encryption entry does contain it (so the check above can fail)", async () => {
    const code = await bundle(`export { encryptBody, decryptBody } from ${JSON.stringify(encryption)};`);
    for (const marker of ["RSA_AES", '"symmetricKey"', "encrypt() twice"]) expect(code).toContain(marker);
  });
});
