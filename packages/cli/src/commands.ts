/** The alipayhk commands other than the demo. Each returns an exit code; output goes to the given streams. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { OPERATIONS, OrderError, VARIANTS, ValidationError, createOrderClient, type OperationId } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox } from "alipayhk-sandbox";
import { serve } from "alipayhk-sandbox/node";
import {
  type AlipayHKError,
  contentToSign,
  formatRequestTime,
  generateKeyPairPem,
  importPrivateKey,
  importPublicKey,
  sign,
  verify,
} from "alipayhk-signature";
import { parseAlipayTime } from "alipayhk-signature/internal";
import { EXIT, UsageError, readJson, readText, required } from "./io.js";
import { writeKeyPair } from "./keys.js";
import {
  ENV,
  badPortMessage,
  checkBaseUrl,
  checkEnvNames,
  hasKey,
  isBadPort,
  loadPrivateKey,
  loadPublicKey,
} from "./settings.js";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** How many arguments besides the flags it takes, and what they are (for the error when there are more). */
  positionals: number;
  takes: string;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], io: Io): Promise<number>;
}

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** A numeric flag, or a UsageError naming it. */
function numberFlag(
  value: string | boolean | undefined,
  flag: string,
  { integer = false, min = -Infinity, max = Infinity } = {},
): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  if (!(n >= min && n <= max) || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${flag}: must be ${integer ? "an integer" : "a number"} from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
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
  path: { type: "string", default: OPERATIONS.syncOrder.path },
} as const;

/** A --time in one of the forms Alipay's SDKs send (ISO-8601 with a time zone, or epoch milliseconds). */
function timeFlag(value: string): string {
  if (!parseAlipayTime(value)) {
    throw new UsageError(
      `--time: ${JSON.stringify(value)} is not a time: write ISO-8601 with a time zone (2026-11-26T10:00:00+08:00) or epoch milliseconds`,
    );
  }
  return value;
}

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

/** `--strict` and `--no-strict`: whether the spec's inferred rules are enforced. */
export const strictFlags = { strict: { type: "boolean" }, "no-strict": { type: "boolean" } } as const;
export function strictFrom(values: Record<string, string | boolean | undefined>, byDefault: boolean): boolean {
  if (values.strict && values["no-strict"]) throw new UsageError("give --strict or --no-strict, not both");
  return values.strict === true ? true : values["no-strict"] === true ? false : byDefault;
}

/** The operation to send `body` with: the one named, or the only one whose discriminating field the body has. */
export function operationFor(body: unknown, named: string | undefined): OperationId {
  const known = Object.keys(OPERATIONS) as OperationId[];
  if (named !== undefined) {
    if (!(known as string[]).includes(named))
      throw new UsageError(`--operation: must be one of ${known.join(", ")} (got ${JSON.stringify(named)})`);
    return named as OperationId;
  }
  const fields = typeof body === "object" && body !== null ? body : {};
  const matching = known.filter(
    (id) => Object.hasOwn(VARIANTS, id) && VARIANTS[id as keyof typeof VARIANTS].property in fields,
  );
  if (matching.length !== 1)
    throw new UsageError(`cannot tell which operation the body is for: give --operation (one of ${known.join(", ")})`);
  return matching[0]!;
}

/** The client settings' flags (each also read from its ALIPAYHK_* variable), shared by sync and outbox work. */
export const clientFlags = {
  "client-id": { type: "string" },
  "private-key": { type: "string" },
  "alipay-public-key": { type: "string" },
  "base-url": { type: "string" },
  environment: { type: "string" },
  encrypt: { type: "boolean" },
  sandbox: { type: "boolean" },
} as const;

/**
 * The client the settings describe (flags first, then variables), or the embedded sandbox's with --sandbox. Settings
 * that cannot work are a UsageError here, before anything is sent (exit 2, not "outcome unknown").
 */
export async function clientFromSettings(
  values: Record<string, string | boolean | undefined>,
  io: Io,
  { encrypt, strict }: { encrypt: ReturnType<typeof rsaAes> | undefined; strict: boolean },
) {
  const setting = (flag: string, env: string) => {
    const fromFlag = str(values[flag]);
    return fromFlag !== undefined
      ? { value: fromFlag, source: `--${flag}` }
      : io.env[env]
        ? { value: io.env[env]!, source: env }
        : undefined;
  };
  const clientId = setting("client-id", ENV.clientId);
  const baseUrl = setting("base-url", ENV.baseUrl);
  const environment = setting("environment", ENV.environment);
  const privateKey = {
    flag: "--private-key",
    flagValue: str(values["private-key"]),
    variable: ENV.privateKey,
    fileVariable: ENV.privateKeyFile,
  };
  const alipayKey = {
    flag: "--alipay-public-key",
    flagValue: str(values["alipay-public-key"]),
    variable: ENV.alipayPublicKey,
    fileVariable: ENV.alipayPublicKeyFile,
  };

  // Settings that cannot work fail here, before anything is sent (exit 2, not "outcome unknown").
  if (baseUrl && environment)
    throw new UsageError(`${baseUrl.source} and ${environment.source} both say where AlipayHK is; give one`);
  if (baseUrl) checkBaseUrl(baseUrl.value, baseUrl.source);
  if (environment && environment.value !== "production" && environment.value !== "testing") {
    throw new UsageError(
      `${environment.source}: must be production or testing (got ${JSON.stringify(environment.value)})`,
    );
  }

  // The embedded sandbox only when asked: a job whose secrets failed to load must fail, not "succeed" in a sandbox.
  const given = [
    clientId?.source,
    hasKey(privateKey, io.env) && keySource(privateKey, io.env),
    hasKey(alipayKey, io.env) && keySource(alipayKey, io.env),
    baseUrl?.source,
    environment?.source,
  ].filter(Boolean);
  if (values.sandbox === true && given.length) {
    throw new UsageError(
      `--sandbox sends to an embedded sandbox, never to AlipayHK, but AlipayHK settings are given (${given.join(", ")}): drop one or the other`,
    );
  }
  if (values.sandbox !== true && !given.length) {
    throw new UsageError(
      `no AlipayHK settings, so nothing was sent: set ${ENV.clientId}, ${ENV.privateKey} (or ${ENV.privateKeyFile}), ${ENV.alipayPublicKey} (or ${ENV.alipayPublicKeyFile})` +
        ` and ${ENV.baseUrl} or ${ENV.environment} (or their flags), or pass --sandbox to try the call against an embedded sandbox`,
    );
  }
  let client: ReturnType<typeof createOrderClient>;
  if (values.sandbox === true) {
    io.err("--sandbox: using an embedded AlipayHK sandbox (nothing leaves this machine)");
    const merchant = await generateKeyPairPem();
    const sandbox = await createSandbox({
      merchants: { "SANDBOX-MERCHANT": merchant.publicKey },
      strict: values["no-strict"] !== true,
    });
    client = createOrderClient({
      clientId: "SANDBOX-MERCHANT",
      privateKey: merchant.privateKey,
      alipayPublicKey: sandbox.alipayPublicKey,
      baseUrl: "http://sandbox.invalid",
      fetch: sandbox.fetch,
      encrypt,
      strict,
    });
  } else {
    if (!baseUrl && !environment)
      throw new UsageError(`--base-url (or ${ENV.baseUrl}) or --environment (or ${ENV.environment}) is required`);
    const options = {
      clientId: required(clientId?.value, `--client-id (or ${ENV.clientId})`),
      // imported here, so that a bad key names the flag or variable and the file
      privateKey: await loadPrivateKey(privateKey, io.env),
      alipayPublicKey: await loadPublicKey(alipayKey, io.env),
      encrypt,
      strict,
    };
    client = createOrderClient(
      baseUrl
        ? { ...options, baseUrl: baseUrl.value }
        : { ...options, environment: environment!.value as "production" },
    );
  }
  return { client, alipayKeySource: keySource(alipayKey, io.env) };
}

export const commands: Record<string, Command> = {
  keys: {
    summary: "generate a merchant key pair (PKCS#8 + SPKI PEM)",
    usage: "alipayhk keys generate [--out DIR] [--name NAME] [--force]",
    options: {
      out: { type: "string", default: "." },
      name: { type: "string", default: "merchant" },
      force: { type: "boolean" },
    },
    positionals: 1,
    takes: "one subcommand, generate",
    async run(values, positionals, io) {
      if (positionals[0] !== "generate") {
        throw new UsageError(
          `${positionals[0] === undefined ? "a subcommand is missing" : `unknown subcommand ${JSON.stringify(positionals[0])}`}: the only one is \`alipayhk keys generate\``,
        );
      }
      const { privatePath, publicPath } = await writeKeyPair(
        str(values.out)!,
        str(values.name)!,
        values.force === true,
      );
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
    positionals: 0,
    takes: "flags only",
    async run(values, _, io) {
      const time = values.time === undefined ? formatRequestTime() : timeFlag(str(values.time)!);
      const key = await privateKeyFrom(required(str(values.key), "--key"), "--key");
      const message = messageFrom(values, time);
      const keyVersion = str(values["key-version"]);
      io.out("content to sign (between the markers, UTF-8, \\n is a line feed):");
      io.out(`>>>${contentToSign(message)}<<<`);
      io.out("");
      io.out(`Request-Time: ${message.time}`);
      io.out(`Signature: ${await sign(message, key, keyVersion === undefined ? {} : { keyVersion })}`);
      return EXIT.ok;
    },
  },

  verify: {
    summary: "check a Signature header against a body, a time and a public key",
    usage:
      "alipayhk verify --key public.pem --body body.json --client-id ID --time TIME --signature HEADER [--method POST] [--path PATH]",
    options: { key: { type: "string" }, ...messageOptions, signature: { type: "string" } },
    positionals: 0,
    takes: "flags only",
    async run(values, _, io) {
      const time = timeFlag(required(str(values.time), "--time"));
      const key = await publicKeyFrom(required(str(values.key), "--key"), "--key");
      const message = messageFrom(values, time);
      const header = required(str(values.signature), "--signature");
      let valid: boolean;
      try {
        valid = await verify(message, header, key);
      } catch (error) {
        throw new UsageError(`--signature: ${(error as Error).message}`);
      }
      io.out(valid ? "valid: the signature matches" : "INVALID: the signature does not match this content and key");
      if (!valid) io.out(`>>>${contentToSign(message)}<<<`);
      return valid ? EXIT.ok : EXIT.failed;
    },
  },

  sandbox: {
    summary: "serve a local AlipayHK on 127.0.0.1 and print the client settings to use",
    usage:
      "alipayhk sandbox [--port 0] [--host 127.0.0.1] [--client-id ID --merchant-key public.pem] [--seed N] [--unknown-rate R] [--strict | --no-strict]\n" +
      "  --no-strict: accept what only this SDK's reading of AlipayHK's pages forbids (the spec's inferred rules); --strict (the default) refuses it, saying so",
    options: {
      ...strictFlags,
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      "client-id": { type: "string" },
      "merchant-key": { type: "string" },
      seed: { type: "string" },
      "unknown-rate": { type: "string" },
    },
    positionals: 0,
    takes: "flags only",
    async run(values, _, io) {
      // every flag checked before anything is created, each error naming its flag
      const port = numberFlag(values.port, "--port", { integer: true, min: 0, max: 65535 });
      if (isBadPort(port)) throw new UsageError(`--port: ${badPortMessage(port)}`); // no client could reach it
      const seed =
        values.seed === undefined ? 1 : numberFlag(values.seed, "--seed", { integer: true, min: 0, max: 2 ** 32 - 1 });
      const unknownRate =
        values["unknown-rate"] === undefined
          ? 0
          : numberFlag(values["unknown-rate"], "--unknown-rate", { min: 0, max: 1 });
      const clientId = str(values["client-id"]) ?? "SANDBOX-MERCHANT";
      const merchantKeyFile = str(values["merchant-key"]);
      const given = merchantKeyFile && readText(merchantKeyFile, "--merchant-key");
      const pair = given ? undefined : await generateKeyPairPem();
      const sandbox = await createSandbox({
        merchants: { [clientId]: given || pair!.publicKey },
        seed,
        strict: strictFrom(values, true),
        faults: unknownRate ? { unknownException: unknownRate } : {},
      }).catch((e: Error) => {
        throw new UsageError(`${given ? "--merchant-key" : "--client-id"}: ${e.message}`);
      });
      const server = await serve(sandbox.fetch, { port, host: str(values.host) }).catch((e: Error) => {
        throw new UsageError(`--port/--host: cannot listen: ${e.message}`);
      });
      // the key files the client settings point to live as long as the sandbox does
      const dir = mkdtempSync(join(tmpdir(), "alipayhk-sandbox-"));
      try {
        writeFileSync(join(dir, "alipay-public.pem"), sandbox.alipayPublicKey);
        if (pair) writeFileSync(join(dir, "merchant-private.pem"), pair.privateKey, { mode: 0o600 });
        io.out(`AlipayHK sandbox listening on ${server.url}`);
        io.out(`console (orders, requests, why a request was refused): ${server.url}/`);
        io.out("client settings (paste them into a shell; `alipayhk sync` and examples/ read them):");
        const settings: [string, string][] = [
          [ENV.baseUrl, server.url],
          [ENV.clientId, clientId],
          [ENV.alipayPublicKeyFile, join(dir, "alipay-public.pem")],
          ...(pair ? [[ENV.privateKeyFile, join(dir, "merchant-private.pem")] as [string, string]] : []),
        ];
        for (const [name, value] of settings) io.out(`  export ${name}=${shellQuote(value)}`);
        if (!pair)
          io.out(
            `  # and ${ENV.privateKeyFile} (or ${ENV.privateKey}): the private key that goes with ${merchantKeyFile}`,
          );
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
    summary:
      "send one request body from a JSON file: an order, a performance notification... (to AlipayHK, or to an embedded sandbox with --sandbox)",
    usage:
      "alipayhk sync body.json [--operation ID] [--request-id ID] [--strict | --no-strict] [--client-id ID] [--private-key FILE] [--alipay-public-key FILE] [--base-url URL | --environment production|testing] [--encrypt] [--sandbox]\n" +
      `  --operation: one of ${Object.keys(OPERATIONS).join(", ")}; by default the one whose fields the body has (merchantBizType: syncOrder...)\n` +
      "  --strict: also refuse, before sending, what only this SDK's reading of AlipayHK's pages forbids (off by default)\n" +
      `  settings may come from ${ENV.clientId}, ${ENV.privateKey} or ${ENV.privateKeyFile}, ${ENV.alipayPublicKey} or ${ENV.alipayPublicKeyFile}, ${ENV.baseUrl}, ${ENV.environment}\n` +
      "  --request-id: re-send a call whose outcome was unknown (exit 3) with the requestId it printed\n" +
      "  --sandbox: send to an embedded AlipayHK sandbox instead (nothing leaves this machine); without it, missing settings are an error",
    options: {
      ...strictFlags,
      operation: { type: "string" },
      "request-id": { type: "string" },
      ...clientFlags,
    },
    positionals: 1,
    takes: "one order file",
    async run(values, positionals, io) {
      checkEnvNames(io.env);
      const body = readJson(required(positionals[0], "the body file"), "body file") as Record<string, unknown>;
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw new UsageError(`${positionals[0]}: must hold one request body, a JSON object`);
      const operationId = operationFor(body, str(values.operation));
      const requestId = str(values["request-id"]);
      if (requestId !== undefined) {
        if (requestId === "") throw new UsageError("--request-id: must not be empty");
        // the member that carries the call's ID is the operation's x-idempotency-key in the spec (requestId today)
        const key = (OPERATIONS[operationId] as { readonly idempotencyKey?: string }).idempotencyKey;
        if (key === undefined)
          throw new UsageError(
            `--request-id: ${operationId} declares no idempotency key in the spec, so a call cannot be re-sent as the same call`,
          );
        if (body[key] !== undefined && body[key] !== requestId) {
          throw new UsageError(
            `--request-id ${requestId} differs from the ${key} in ${positionals[0]} (${JSON.stringify(body[key])}); keep one`,
          );
        }
        body[key] = requestId;
      }
      const encrypt = values.encrypt === true ? rsaAes() : undefined;
      const { client, alipayKeySource } = await clientFromSettings(values, io, {
        encrypt,
        strict: strictFrom(values, false),
      });
      try {
        const result = await (client[operationId] as (body: unknown) => Promise<unknown>)(body);
        io.out(JSON.stringify(result, null, 2));
        return EXIT.ok;
      } catch (error) {
        if (!(error instanceof OrderError)) throw error;
        io.err(`${error.name} (${error.code}): ${error.message}`);
        if (error.requestId)
          io.err(`requestId: ${error.requestId}${error.tracerId ? `, tracerId: ${error.tracerId}` : ""}`);
        if (error instanceof ValidationError || error.code === "ERR_CONFIG") return EXIT.usage;
        if (error.code === "ERR_INVALID_SIGNATURE") io.err(INVALID_SIGNATURE_HINT);
        if (error.outcome !== "unknown") return EXIT.failed;
        if (error.code === "ERR_RESPONSE_SIGNATURE") {
          // retrying cannot help: every answer failed against the key given for AlipayHK
          io.err(
            `no answer's signature verified with the AlipayHK public key from ${alipayKeySource}: check that it is AlipayHK's key for this` +
              ` environment (not your own public key). The outcome is unknown: once the key is right, re-run with --request-id ${error.requestId}` +
              ` to learn it without applying the update twice.`,
          );
          return EXIT.unknown;
        }
        io.err(
          `the outcome is unknown: AlipayHK may or may not have applied this update. Retry it as the same call: re-run the same command` +
            ` with --request-id ${error.requestId} (AlipayHK asks for the same requestId when a call is retried).`,
        );
        return EXIT.unknown;
      }
    },
  },
};

/** What to do about an INVALID_SIGNATURE, computed locally: the CLI cannot see what AlipayHK received. */
const INVALID_SIGNATURE_HINT =
  "AlipayHK could not verify the request's signature. Likely causes: the private key is not the one whose public key is registered for this" +
  " Client-Id (or keyVersion), or the Client-Id is another's. `alipayhk sign --key <private key> --body <file> --client-id <id>` prints the" +
  " exact content signed; `alipayhk verify` checks a signature against a public key; `alipayhk sandbox` diagnoses a refused signature in its console.";

/** Where a key setting came from, for messages: its flag, or the variable that held it. */
function keySource(
  key: { flag: string; flagValue: string | undefined; variable: string; fileVariable: string },
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (key.flagValue !== undefined) return key.flag;
  return env[key.fileVariable] ? key.fileVariable : key.variable;
}

/** A value as a POSIX shell word: as is when it is safe, else in single quotes. */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
