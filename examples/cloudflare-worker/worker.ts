// Cloudflare Workers (workerd): a module worker that syncs an order. No Node compatibility needed.
// Bundle with wrangler (`wrangler deploy`) or esbuild (`esbuild worker.ts --bundle --format=esm --outfile=dist/worker.js`),
// then run locally with `workerd serve config.capnp`.
import { createOrderClient, OrderError, type OrderClient } from "alipayhk-order";

interface Env {
  ALIPAYHK_CLIENT_ID: string;
  ALIPAYHK_PRIVATE_KEY: string; // a secret: `wrangler secret put ALIPAYHK_PRIVATE_KEY`
  ALIPAYHK_ALIPAY_PUBLIC_KEY: string; // values only: a worker has no files to read (no ..._FILE forms)
  ALIPAYHK_BASE_URL?: string;
}

// One client per isolate, reused across requests. It caches the imported keys as resolved values, never as a
// promise shared between requests (workerd cancels those), so concurrent first requests are safe.
let client: OrderClient | undefined;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    client ??= createOrderClient({
      clientId: env.ALIPAYHK_CLIENT_ID,
      privateKey: env.ALIPAYHK_PRIVATE_KEY,
      alipayPublicKey: env.ALIPAYHK_ALIPAY_PUBLIC_KEY,
      baseUrl: env.ALIPAYHK_BASE_URL ?? "https://open.alipay.hk",
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
  },
};
