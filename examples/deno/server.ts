// Deno: an HTTP endpoint that syncs an order. Least privilege: network to AlipayHK and the listen address,
// and the variables, nothing else (each key as its value, or as a file with NAME_FILE and --allow-read=<that file>):
//   deno run --allow-net=open.alipay.hk,127.0.0.1 --allow-env=ALIPAYHK_CLIENT_ID,ALIPAYHK_PRIVATE_KEY,ALIPAYHK_PRIVATE_KEY_FILE,ALIPAYHK_ALIPAY_PUBLIC_KEY,ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE,ALIPAYHK_BASE_URL,PORT server.ts
//   curl -X POST localhost:8000 -d '{"merchantBizNo":"M-0001","orderStatus":"TICKETED"}'
import { createOrderClient, OrderError } from "alipayhk-order";

/** A setting given as its value (NAME) or as a file holding it (NAME_FILE). */
const valueOrFile = (name: string, file = Deno.env.get(`${name}_FILE`)) =>
  Deno.env.get(name) ?? (file && Deno.readTextFileSync(file));

// Created once: the client imports the keys on its first call and reuses them.
const client = createOrderClient({
  clientId: Deno.env.get("ALIPAYHK_CLIENT_ID")!,
  privateKey: valueOrFile("ALIPAYHK_PRIVATE_KEY")!,
  alipayPublicKey: valueOrFile("ALIPAYHK_ALIPAY_PUBLIC_KEY")!,
  baseUrl: Deno.env.get("ALIPAYHK_BASE_URL") ?? "https://open.alipay.hk",
});

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 8000),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  async (request) => {
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
  },
);
