// Bun: an HTTP endpoint that syncs an order.
//   ALIPAYHK_CLIENT_ID=... ALIPAYHK_PRIVATE_KEY_FILE=merchant.pem ALIPAYHK_ALIPAY_PUBLIC_KEY=... bun server.ts
//   (each key as its value, NAME, or as a file, NAME_FILE)
//   curl -X POST localhost:3000 -d '{"merchantBizNo":"M-0001","orderStatus":"TICKETED"}'
import { createOrderClient, OrderError } from "alipayhk-order";

/** A setting given as its value (NAME) or as a file holding it (NAME_FILE). */
const valueOrFile = async (name: string, file = Bun.env[`${name}_FILE`]) =>
  Bun.env[name] ?? (file && (await Bun.file(file).text()));

// Created once: the client imports the keys on its first call and reuses them.
const client = createOrderClient({
  clientId: Bun.env.ALIPAYHK_CLIENT_ID!,
  privateKey: (await valueOrFile("ALIPAYHK_PRIVATE_KEY"))!,
  alipayPublicKey: (await valueOrFile("ALIPAYHK_ALIPAY_PUBLIC_KEY"))!,
  baseUrl: Bun.env.ALIPAYHK_BASE_URL ?? "https://open.alipay.hk",
});

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(Bun.env.PORT ?? 3000),
  async fetch(request) {
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
  },
});
console.log(`listening on ${server.url.href.replace(/\/$/, "")}`);
