// Run by scripts/check-packages.mjs: Deno imports the three libraries by their deno.json names (jsr:@alipayhk/*,
// resolved to the workspace members, as `deno publish` would publish them) and syncs one order end to end.
//   deno run --unstable-sloppy-imports --node-modules-dir=manual test/dist-types/deno-workspace.mjs
import { createOrderClient } from "jsr:@alipayhk/order@^0.1.0";
import { rsaAes } from "jsr:@alipayhk/order@^0.1.0/encryption";
import { createSandbox } from "jsr:@alipayhk/sandbox@^0.1.0";
import { importPrivateKey, sign, verify, importPublicKey } from "jsr:@alipayhk/signature@^0.1.0";
import { decryptBody, encryptBody } from "jsr:@alipayhk/signature@^0.1.0/encryption";

const algorithm = {
  name: "RSASSA-PKCS1-v1_5",
  hash: "SHA-256",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
};
const pair = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
const publicJwk = await crypto.subtle.exportKey("jwk", pair.publicKey);

const message = { method: "POST", path: "/", clientId: "c", time: "2026-11-26T08:00:00+08:00", body: "{}" };
const [privateKey, publicKey] = [await importPrivateKey(privateJwk), await importPublicKey(publicJwk)];
if (!(await verify(message, await sign(message, privateKey), publicKey))) throw new Error("sign/verify failed");
const sealed = await encryptBody("ping", publicKey);
if ((await decryptBody(sealed.body, sealed.encryptHeader, privateKey)) !== "ping")
  throw new Error("encrypt/decrypt failed");

const sandbox = await createSandbox({ merchants: { c: publicJwk } });
const client = createOrderClient({
  clientId: "c",
  privateKey: privateJwk,
  alipayPublicKey: sandbox.alipayPublicKey,
  baseUrl: "http://sandbox.invalid",
  fetch: sandbox.fetch,
  encrypt: rsaAes(),
});
const result = await client.syncOrder({
  merchantBizNo: "deno-1",
  merchantBizType: "MOVIE_TICKET",
  orderStatus: "TICKETED",
  userId: "u",
  orderCreateTime: 1,
  orderModifyTime: 2,
  extInfo: {},
});
if (result.result.resultCode !== "SUCCESS" || sandbox.order("c", "deno-1")?.orderStatus !== "TICKETED")
  throw new Error(`sync failed: ${JSON.stringify(result)}`);
console.log("deno workspace import ok");
