// @ts-check
// alipay-sdk's cold start on Node, for comparison: a fresh process that imports the SDK as its users do (from
// node_modules, unbundled), creates it with the PEM key and makes its first signature over the same kind of
// content. No request: alipay-sdk cannot talk to AlipayHK's order API. Prints COLD_START_DONE.
import { AlipaySdk } from "alipay-sdk";

const config = JSON.parse(process.argv[2] ?? "{}");
// not among the package's exports: loaded by path, as bench/node-extras.mjs does
const { signatureV3 } = await import(new URL("../../node_modules/alipay-sdk/dist/esm/util.js", import.meta.url).href);
const sdk = new AlipaySdk({ appId: "2021000000000000", privateKey: config.privateKeyPem, keyType: "PKCS8" });
const body = JSON.stringify({ requestId: crypto.randomUUID(), merchantBizNo: "cold", orderStatus: "TICKETED" });
const signature = signatureV3(
  `POST /api/open/alipay/v1/merchant/order/sync\n${config.clientId}.2026-11-26T10:00:00+08:00.${body}`,
  sdk.config.privateKey,
);
if (typeof signature !== "string" || signature.length < 300) throw new Error("alipay-sdk gave no signature");
console.log("COLD_START_DONE");
