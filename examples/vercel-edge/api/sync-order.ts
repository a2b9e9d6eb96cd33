// Vercel Edge Function: POST /api/sync-order {"merchantBizNo":"M-0001","orderStatus":"TICKETED"}.
// Set ALIPAYHK_CLIENT_ID, ALIPAYHK_PRIVATE_KEY, ALIPAYHK_ALIPAY_PUBLIC_KEY (and ALIPAYHK_BASE_URL) in the project's
// environment variables; Vercel exposes them to edge functions as process.env, the only Node-like global there.
import { createOrderClient, OrderError, type OrderClient } from "alipayhk-order";

export const config = { runtime: "edge" };

let client: OrderClient | undefined; // reused while the instance is warm; keys are imported once

export default async function handler(request: Request): Promise<Response> {
  client ??= createOrderClient({
    clientId: process.env.ALIPAYHK_CLIENT_ID!,
    privateKey: process.env.ALIPAYHK_PRIVATE_KEY!,
    alipayPublicKey: process.env.ALIPAYHK_ALIPAY_PUBLIC_KEY!,
    baseUrl: process.env.ALIPAYHK_BASE_URL ?? "https://open.alipay.hk",
  });
  const { merchantBizNo, orderStatus } = (await request.json()) as {
    merchantBizNo: string;
    orderStatus: "TICKETED" | "USED";
  };
  try {
    const result = await client.syncOrder({
      merchantBizNo,
      merchantBizType: "MOVIE_TICKET",
      orderStatus,
      userId: "2160120000000001",
      orderCreateTime: 1_764_115_200_000,
      orderModifyTime: Date.now(),
      extInfo: {},
    });
    return Response.json({ orderId: result.orderId, orderStatus: result.orderStatus });
  } catch (error) {
    if (!(error instanceof OrderError)) throw error;
    return Response.json({ code: error.code, outcome: error.outcome }, { status: 502 });
  }
}

declare const process: { env: Record<string, string | undefined> };
