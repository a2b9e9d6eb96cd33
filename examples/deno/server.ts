// Deno: an HTTP endpoint that syncs an order. Least privilege: network to AlipayHK and the listen address,
// and the four variables, nothing else:
//   deno run --allow-net=open.alipay.hk,127.0.0.1 --allow-env=ALIPAYHK_CLIENT_ID,ALIPAYHK_PRIVATE_KEY,ALIPAYHK_PUBLIC_KEY,ALIPAYHK_BASE_URL,PORT server.ts
//   curl -X POST localhost:8000 -d '{"merchantBizNo":"M-0001","orderStatus":"TICKETED"}'
import { createOrderClient, OrderError } from "alipayhk-order";

// Created once: the client imports the keys on its first call and reuses them.
const client = createOrderClient({
  clientId: Deno.env.get("ALIPAYHK_CLIENT_ID")!,
  privateKey: Deno.env.get("ALIPAYHK_PRIVATE_KEY")!,
  alipayPublicKey: Deno.env.get("ALIPAYHK_PUBLIC_KEY")!,
  baseUrl: Deno.env.get("ALIPAYHK_BASE_URL") ?? "https://open.alipay.hk",
});

Deno.serve({ hostname: "127.0.0.1", port: Number(Deno.env.get("PORT") ?? 8000), onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`) }, async (request) => {
  const { merchantBizNo, orderStatus } = await request.json();
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
});
