// Node ≥ 20: sync one order from a script.
//   ALIPAYHK_CLIENT_ID=... ALIPAYHK_PRIVATE_KEY="$(cat merchant.pem)" ALIPAYHK_PUBLIC_KEY="$(cat alipay.pem)" \
//   ALIPAYHK_BASE_URL=https://open.alipay.hk node sync-order.mjs M-20261126-0001 TICKETED
import { createOrderClient, OrderError } from "alipayhk-order";

const client = createOrderClient({
  clientId: process.env.ALIPAYHK_CLIENT_ID,
  privateKey: process.env.ALIPAYHK_PRIVATE_KEY, // PEM (PKCS#8 or PKCS#1), bare base64 DER or JWK
  alipayPublicKey: process.env.ALIPAYHK_PUBLIC_KEY,
  baseUrl: process.env.ALIPAYHK_BASE_URL ?? "https://open.alipay.hk",
});

const [merchantBizNo = `M-${Date.now()}`, orderStatus = "TICKETED"] = process.argv.slice(2);
try {
  const result = await client.syncOrder({
    merchantBizNo,
    merchantBizType: "MOVIE_TICKET",
    orderStatus,
    userId: "2160120000000001",
    orderCreateTime: 1_764_115_200_000,
    orderModifyTime: Date.now(),
    extInfo: { seats: ["F7", "F8"] },
  });
  console.log(JSON.stringify({ orderId: result.orderId, orderStatus: result.orderStatus, requestId: result.requestId }));
} catch (error) {
  if (!(error instanceof OrderError)) throw error;
  console.error(`${error.code} (${error.outcome}): ${error.message}`);
  process.exitCode = 1;
}
