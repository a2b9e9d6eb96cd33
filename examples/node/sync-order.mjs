// Node ≥ 20: sync one order from a script. Settings come from the environment, with the names `alipayhk sandbox`
// prints; each key as its value (ALIPAYHK_PRIVATE_KEY="$(cat merchant.pem)") or as a file (ALIPAYHK_PRIVATE_KEY_FILE):
//   export ALIPAYHK_CLIENT_ID=... ALIPAYHK_PRIVATE_KEY_FILE=merchant-private.pem ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE=alipay.pem
//   export ALIPAYHK_ENVIRONMENT=production      # or ALIPAYHK_BASE_URL=http://127.0.0.1:PORT for a sandbox
//   node sync-order.mjs M-20261126-0001 TICKETED
import { readFileSync } from "node:fs";
import { createOrderClient, OrderError } from "alipayhk-order";

const env = process.env;
/** A setting given as its value (NAME) or as a file holding it (NAME_FILE). */
const valueOrFile = (name) => env[name] ?? (env[`${name}_FILE`] && readFileSync(env[`${name}_FILE`], "utf8"));

const [merchantBizNo = `M-${Date.now()}`, orderStatus = "TICKETED"] = process.argv.slice(2);
try {
  const client = createOrderClient({
    clientId: env.ALIPAYHK_CLIENT_ID,
    privateKey: valueOrFile("ALIPAYHK_PRIVATE_KEY"), // PEM (PKCS#8 or PKCS#1), bare base64 DER or JWK
    alipayPublicKey: valueOrFile("ALIPAYHK_ALIPAY_PUBLIC_KEY"),
    ...(env.ALIPAYHK_BASE_URL
      ? { baseUrl: env.ALIPAYHK_BASE_URL }
      : { environment: env.ALIPAYHK_ENVIRONMENT ?? "production" }),
  });
  const result = await client.syncOrder({
    merchantBizNo,
    merchantBizType: "MOVIE_TICKET",
    orderStatus,
    userId: "2160120000000001",
    orderCreateTime: 1_764_115_200_000,
    orderModifyTime: Date.now(),
    extInfo: { seats: ["F7", "F8"] },
  });
  console.log(
    JSON.stringify({ orderId: result.orderId, orderStatus: result.orderStatus, requestId: result.requestId }),
  );
} catch (error) {
  if (!(error instanceof OrderError)) throw error;
  console.error(`${error.code} (${error.outcome}): ${error.message}`);
  process.exitCode = 1;
}
