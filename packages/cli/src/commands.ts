/** The alipayhk commands other than the demo. Each returns an exit code; output goes to the given streams. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { OrderError, SYNC_ORDER_PATH, ValidationError, createOrderClient, type OrderInput } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox } from "alipayhk-sandbox";
import { AlipayHKError, contentToSign, formatRequestTime, importPrivateKey, importPublicKey, sign, verify } from "alipayhk-signature";
import { EXIT, UsageError, readJson, readText, required } from "./io.js";
import { generateKeyPair, writeKeyPair } from "./keys.js";
import { serve } from "./serve.js";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** A numeric flag, or a UsageError naming it. */
function numberFlag(value: string | boolean | undefined, flag: string, { integer = false, min = -Infinity, max = Infinity } = {}): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!(n >= min && n <= max) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag}: must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${JSON.stringify(value)})`);
  }
  return n;
}

async function privateKeyFrom(path: string, flag: string) {
  return importPrivateKey(readText(path, flag)).catch((e: AlipayHKError) => {
    throw new UsageError(`${flag}: ${path}: ${e.message}`);
  });
}
async function publicKeyFrom(path: string, flag: string) {
  return importPublicKey(readText(path, flag)).catch((e: AlipayHKError) => {
    throw new UsageError(`${flag}: ${path}: ${e.message}`);
  });
}

/** The message fields shared by sign and verify. */
const messageOptions = {
  body: { type: "string" },
  "client-id": { type: "string" },
  time: { type: "string" },
  method: { type: "string", default: "POST" },
  path: { type: "string", default: SYNC_ORDER_PATH },
} as const;

function messageFrom(values: Record<string, string | boolean | undefined>, time: string) {
  return {
    method: str(values.method)!,
    path: str(values.path)!,
    clientId: required(str(values["client-id"]), "--client-id"),
    time,
    // the exact bytes of the file: a reformatted body is a different signature
    body: readText(required(str(values.body), "--body"), "--body"),
  };
}

export const commands: Record<string, Command> = {
  keys: {
    summary: "generate a merchant key pair (PKCS#8 + SPKI PEM)",
    usage: "alipayhk keys generate [--out DIR] [--name NAME] [--force]",
    options: { out: { type: "string", default: "." }, name: { type: "string", default: "merchant" }, force: { type: "boolean" } },
    async run(values, positionals, io) {
      if (positionals[0] !== "generate") throw new UsageError("keys: the only subcommand is `generate`");
      const { privatePath, publicPath } = await writeKeyPair(str(values.out)!, str(values.name)!, values.force === true);
      io.out(`private key: ${privatePath} (mode 0600: keep it secret)`);
      io.out(`public key:  ${publicPath} (register this one with AlipayHK)`);
      return EXIT.ok;
    },
  },

  sign: {
    summary: "show the exact content signed for a request and its Signature header (the signature debugger)",
    usage:
      "alipayhk sign --key private.pem --body body.json --client-id ID [--time ISO-8601] [--method POST] [--path PATH] [--key-version 1]",
    options: { key: { type: "string" }, ...messageOptions, "key-version": { type: "string" } },
    async run(values, _, io) {
      const key = await privateKeyFrom(required(str(values.key), "--key"), "--key");
      const message = messageFrom(values, str(values.time) ?? formatRequestTime());
      const keyVersion = str(values["key-version"]);
      io.out("content to sign (between the markers, UTF-8, \\n is a line feed):");
      io.out(">>>" + contentToSign(message) + "<<<");
      io.out("");
      io.out(`Request-Time: ${message.time}`);
      io.out(`Signature: ${await sign(message, key, keyVersion === undefined ? {} : { keyVersion })}`);
      return EXIT.ok;
    },
  },

  verify: {
    summary: "check a Signature header against a body, a time and a public key",
    usage: "alipayhk verify --key public.pem --body body.json --client-id ID --time TIME --signature HEADER [--method POST] [--path PATH]",
    options: { key: { type: "string" }, ...messageOptions, signature: { type: "string" } },
    async run(values, _, io) {
      const key = await publicKeyFrom(required(str(values.key), "--key"), "--key");
      const message = messageFrom(values, required(str(values.time), "--time"));
      const header = required(str(values.signature), "--signature");
      let valid: boolean;
      try {
        valid = await verify(message, header, key);
      } catch (error) {
        throw new UsageError(`--signature: ${(error as Error).message}`);
      }
      io.out(valid ? "valid: the signature matches" : "INVALID: the signature does not match this content and key");
      if (!valid) io.out(">>>" + contentToSign(message) + "<<<");
      return valid ? EXIT.ok : EXIT.failed;
    },
  },

  sandbox: {
    summary: "serve a local AlipayHK on 127.0.0.1 and print the client settings to use",
    usage: "alipayhk sandbox [--port 0] [--host 127.0.0.1] [--client-id ID --merchant-key public.pem] [--seed N] [--unknown-rate R]",
    options: {
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "client-id": { type: "string" },
      "merchant-key": { type: "string" },
      seed: { type: "string" },
      "unknown-rate": { type: "string" },
    },
    async run(values, _, io) {
      // every flag checked before anything is created, each error naming its flag
      const port = numberFlag(values.port, "--port", { integer: true, min: 0, max: 65535 });
      const seed = values.seed === undefined ? 1 : numberFlag(values.seed, "--seed", { integer: true, min: 0, max: 2 ** 32 - 1 });
      const unknownRate = values["unknown-rate"] === undefined ? 0 : numberFlag(values["unknown-rate"], "--unknown-rate", { min: 0, max: 1 });
      const clientId = str(values["client-id"]) ?? "SANDBOX-MERCHANT";
      const merchantKeyFile = str(values["merchant-key"]);
      const given = merchantKeyFile && readText(merchantKeyFile, "--merchant-key");
      const pair = given ? undefined : await generateKeyPair();
      const sandbox = await createSandbox({
        merchants: { [clientId]: given || pair!.publicKey },
        seed,
        faults: unknownRate ? { unknownException: unknownRate } : {},
      }).catch((e: Error) => {
        throw new UsageError(`${given ? "--merchant-key" : "--client-id"}: ${e.message}`);
      });
      const server = await serve(sandbox.fetch, { port, hostname: str(values.host) }).catch((e: Error) => {
        throw new UsageError(`--port/--host: cannot listen: ${e.message}`);
      });
      // the key files the client settings point to live as long as the sandbox does
      const dir = mkdtempSync(join(tmpdir(), "alipayhk-sandbox-"));
      try {
        writeFileSync(join(dir, "alipay-public.pem"), sandbox.alipayPublicKey);
        if (pair) writeFileSync(join(dir, "merchant-private.pem"), pair.privateKey, { mode: 0o600 });
        io.out(`AlipayHK sandbox listening on ${server.url}`);
        io.out("client settings:");
        io.out(`  ALIPAYHK_BASE_URL=${server.url}`);
        io.out(`  ALIPAYHK_CLIENT_ID=${clientId}`);
        io.out(`  ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE=${join(dir, "alipay-public.pem")}`);
        if (pair) io.out(`  ALIPAYHK_PRIVATE_KEY_FILE=${join(dir, "merchant-private.pem")}`);
        io.out("press Ctrl+C to stop");
        await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
      return EXIT.ok;
    },
  },

  sync: {
    summary: "sync one order from a JSON file (to AlipayHK, or to an embedded sandbox when no credentials are set)",
    usage:
      "alipayhk sync order.json [--client-id ID] [--private-key FILE] [--alipay-public-key FILE] [--base-url URL | --environment production|testing] [--encrypt]\n" +
      "  each setting may come from ALIPAYHK_CLIENT_ID, ALIPAYHK_PRIVATE_KEY_FILE, ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE, ALIPAYHK_BASE_URL, ALIPAYHK_ENVIRONMENT",
    options: {
      "client-id": { type: "string" },
      "private-key": { type: "string" },
      "alipay-public-key": { type: "string" },
      "base-url": { type: "string" },
      environment: { type: "string" },
      encrypt: { type: "boolean" },
    },
    async run(values, positionals, io) {
      const order = readJson(required(positionals[0], "the order file"), "order file") as OrderInput;
      const setting = (flag: string, env: string) => str(values[flag]) ?? io.env[env];
      const clientId = setting("client-id", "ALIPAYHK_CLIENT_ID");
      const privateKeyFile = setting("private-key", "ALIPAYHK_PRIVATE_KEY_FILE");
      const publicKeyFile = setting("alipay-public-key", "ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE");
      const baseUrl = setting("base-url", "ALIPAYHK_BASE_URL");
      const environment = setting("environment", "ALIPAYHK_ENVIRONMENT");
      const encrypt = values.encrypt === true ? rsaAes() : undefined;

      let client;
      if (!clientId && !privateKeyFile && !publicKeyFile && !baseUrl && !environment) {
        io.err("no credentials given: using an embedded AlipayHK sandbox (nothing leaves this machine)");
        const merchant = await generateKeyPair();
        const sandbox = await createSandbox({ merchants: { "SANDBOX-MERCHANT": merchant.publicKey } });
        client = createOrderClient({
          clientId: "SANDBOX-MERCHANT",
          privateKey: merchant.privateKey,
          alipayPublicKey: sandbox.alipayPublicKey,
          baseUrl: "http://sandbox.invalid",
          fetch: sandbox.fetch,
          encrypt,
        });
      } else {
        const options = {
          clientId: required(clientId, "--client-id (or ALIPAYHK_CLIENT_ID)"),
          privateKey: readText(required(privateKeyFile, "--private-key (or ALIPAYHK_PRIVATE_KEY_FILE)"), "--private-key"),
          alipayPublicKey: readText(required(publicKeyFile, "--alipay-public-key (or ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE)"), "--alipay-public-key"),
          encrypt,
        };
        client = createOrderClient(baseUrl ? { ...options, baseUrl } : { ...options, environment: environment as "production" });
      }
      try {
        const result = await client.syncOrder(order);
        io.out(JSON.stringify(result, null, 2));
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof OrderError)) throw error;
        io.err(`${error.name} (${error.code}): ${error.message}`);
        if (error.requestId) io.err(`requestId: ${error.requestId}${error.tracerId ? `, tracerId: ${error.tracerId}` : ""}`);
        if (error instanceof ValidationError || error.code === "ERR_CONFIG") return EXIT.usage;
        return error.outcome === "unknown" ? EXIT.unknown : EXIT.failed;
      }
    },
  },
};
