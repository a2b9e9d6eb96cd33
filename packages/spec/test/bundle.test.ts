// Tree-shaking of the generated model: what a bundle imports from alipayhk-spec is what it carries. The schema table
// holds its keyword checks under a computed key, which esbuild counts as a side effect unless the generator marks the
// call that builds it pure; without that, a bundle of OPERATIONS alone carried the whole table and validator (15.7 kB).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const model = fileURLToPath(new URL("../generated/index.ts", import.meta.url));

async function bundle(names: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ${names} } from ${JSON.stringify(model)};`,
      resolveDir: fileURLToPath(new URL(".", import.meta.url)),
      loader: "ts",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

describe("bundle", () => {
  it("OPERATIONS and SERVERS alone carry no schema table and no validator", async () => {
    const code = await bundle("OPERATIONS, SERVERS");
    expect(code).toContain("/api/open/alipay/v1/merchant/order/sync");
    for (const marker of ["MovieTicketOrder", "must be at most", "is required"]) expect(code).not.toContain(marker);
    expect(code.length).toBeLessThan(1000);
  });

  it("SCHEMAS does carry them (so the check above can fail)", async () => {
    const code = await bundle("SCHEMAS, validate");
    for (const marker of ["MovieTicketOrder", "must be at most", "is required"]) expect(code).toContain(marker);
  });
});
