/**
 * A consumer of the PUBLISHED types: scripts/check-packages.mjs compiles this file on its own (no tsconfig,
 * no "paths") under moduleResolution bundler, node16 and nodenext, so every import below resolves through
 * node_modules and each package's "exports" to the emitted dist/*.d.ts. It must only compile; nothing runs it.
 * (test/tsconfig.json also checks it against the sources, through the "alipayhk-source" export condition.)
 */
import {
  createOrderClient,
  OrderError,
  ResultError,
  type OrderClient,
  type OrderErrorCode,
  type OrderInput,
  type OrderStatusOf,
  type SyncOrderResult,
  OPERATIONS,
} from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import {
  AlipayHKError,
  contentToSign,
  formatRequestTime,
  importPrivateKey,
  importPublicKey,
  parseSignatureHeader,
  sign,
  verify,
  type Message,
  type PrivateKey,
  type PublicKey,
  type SignatureHeader,
} from "alipayhk-signature";
import { decryptBody, encryptBody, type EncryptedBody } from "alipayhk-signature/encryption";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T => true as T;

export async function consumer(pem: string, alipayPem: string): Promise<void> {
  const privateKey: PrivateKey = await importPrivateKey(pem);
  const publicKey: PublicKey = await importPublicKey(alipayPem);
  const message: Message = {
    method: "POST",
    path: OPERATIONS.syncOrder.path,
    clientId: "c",
    time: formatRequestTime(),
    body: "{}",
  };
  const header: string = await sign(message, privateKey, { keyVersion: 1 });
  const valid: boolean = await verify(message, header, publicKey);
  const parsed: SignatureHeader = parseSignatureHeader(header);
  const text: string = contentToSign(message);
  const encrypted: EncryptedBody = await encryptBody("{}", publicKey);
  const plain: string = await decryptBody(encrypted.body, encrypted.encryptHeader, privateKey);
  // The same key type from both entries (one declaration, shared chunk).
  const fromEncryptionEntry: Parameters<typeof decryptBody>[2] = privateKey;

  const sandbox: Sandbox = await createSandbox({ merchants: { c: pem }, faults: { unknownException: 0.1 }, seed: 1 });
  const client: OrderClient = createOrderClient({
    clientId: "c",
    privateKey: pem,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: "http://127.0.0.1:8080",
    fetch: sandbox.fetch,
    encrypt: rsaAes({ aesKeyBits: 256 }),
    retry: { maxAttempts: 3 },
  });
  const order: OrderInput = {
    merchantBizNo: "M1",
    merchantBizType: "MOVIE_TICKET",
    orderStatus: "TICKETED",
    userId: "u",
    orderCreateTime: 1,
    orderModifyTime: 2,
    extInfo: {},
  };
  const result: SyncOrderResult = await client.syncOrder(order);
  assertType<Equals<OrderStatusOf<"PASS_TICKET">, "TICKETED" | "REFUNDED" | "USED">>();
  // @ts-expect-error SERVING is not a movie-ticket status: a wrong status is a compile error
  await client.syncOrder({ ...order, merchantBizType: "MOVIE_TICKET", orderStatus: "SERVING" });

  try {
    await client.syncOrder(order);
  } catch (error) {
    if (error instanceof ResultError && error.resultCode === "ORDER_STATUS_INVALID") {
      const code: OrderErrorCode = error.code;
      void code;
    }
    if (error instanceof OrderError && error instanceof AlipayHKError) void error.outcome;
  }
  void [valid, parsed, text, plain, fromEncryptionEntry, result];
}
