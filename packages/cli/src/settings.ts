/**
 * The client settings, one set of names everywhere (the CLI's flags and variables, what `alipayhk sandbox` prints,
 * the examples and the READMEs), each key given as its value or as a file, and the checks that settings which cannot
 * work fail before anything is sent.
 */
import { importPrivateKey, importPublicKey, type PrivateKey, type PublicKey } from "alipayhk-signature";
import { UsageError, closest, readText } from "./io.js";

/** Every ALIPAYHK_* variable the CLI reads. A key may be given as its value or as a file (the `_FILE` form). */
export const ENV = {
  clientId: "ALIPAYHK_CLIENT_ID",
  privateKey: "ALIPAYHK_PRIVATE_KEY",
  privateKeyFile: "ALIPAYHK_PRIVATE_KEY_FILE",
  alipayPublicKey: "ALIPAYHK_ALIPAY_PUBLIC_KEY",
  alipayPublicKeyFile: "ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE",
  baseUrl: "ALIPAYHK_BASE_URL",
  environment: "ALIPAYHK_ENVIRONMENT",
  /** The outbox's PostgreSQL database (alipayhk outbox), a postgres:// URL. */
  outboxUrl: "ALIPAYHK_OUTBOX_URL",
} as const;
const KNOWN = Object.values(ENV) as string[];

/** Names the examples once used for AlipayHK's key; by spelling, the nearest known name would be the private key. */
const RENAMED: Record<string, string> = {
  ALIPAYHK_PUBLIC_KEY: ENV.alipayPublicKey,
  ALIPAYHK_PUBLIC_KEY_FILE: ENV.alipayPublicKeyFile,
};

/** A mistyped ALIPAYHK_* variable would otherwise be ignored silently (and `sync` fall back to its sandbox). */
export function checkEnvNames(env: Record<string, string | undefined>): void {
  for (const name of Object.keys(env)) {
    if (!name.startsWith("ALIPAYHK_") || KNOWN.includes(name)) continue;
    const near = RENAMED[name] ?? closest(name, KNOWN);
    throw new UsageError(
      `${name} is not a variable alipayhk reads${near ? `; did you mean ${near}?` : ""} (known: ${KNOWN.join(", ")})`,
    );
  }
}

/**
 * Ports that fetch refuses to connect to, whatever listens there: the "bad ports" of the WHATWG Fetch standard
 * (https://fetch.spec.whatwg.org/#port-blocking), which Node's fetch enforces.
 */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export function isBadPort(port: number): boolean {
  return BAD_PORTS.has(port);
}

export const badPortMessage = (port: number) =>
  `port ${port} is one that fetch refuses to connect to (the Fetch standard's "bad ports"); pick another`;

/** A base URL a request can be sent to: http(s), a host, a port fetch allows. `source` names the flag or variable. */
export function checkBaseUrl(value: string, source: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  // "localhost:8080" parses, as scheme "localhost:"; "http:/x" has no host
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    throw new UsageError(
      `${source}: ${JSON.stringify(value)} is not an http(s) URL with a host; write it like http://127.0.0.1:8080 or https://open.alipay.hk`,
    );
  }
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  if (isBadPort(port)) throw new UsageError(`${source}: ${badPortMessage(port)}`);
  return value;
}

/** A key from a flag (a file), a variable holding the key, or a `_FILE` variable naming a file. */
interface KeySources {
  flag: string;
  flagValue: string | undefined;
  variable: string;
  fileVariable: string;
}

/** Where a key came from, for error messages: never the key itself. */
function keyText(
  sources: KeySources,
  env: Record<string, string | undefined>,
): { text: string; from: string } | undefined {
  const { flag, flagValue, variable, fileVariable } = sources;
  if (flagValue !== undefined) return { text: readText(flagValue, flag), from: `${flag} ${flagValue}` };
  const value = env[variable];
  const file = env[fileVariable];
  if (value && file) throw new UsageError(`${variable} and ${fileVariable} are both set; keep one`);
  if (value) return { text: value, from: variable };
  if (file) return { text: readText(file, fileVariable), from: `${fileVariable}=${file}` };
  return undefined;
}

export function hasKey(sources: KeySources, env: Record<string, string | undefined>): boolean {
  return sources.flagValue !== undefined || !!env[sources.variable] || !!env[sources.fileVariable];
}

const missing = ({ flag, variable, fileVariable }: KeySources) =>
  new UsageError(`${flag} FILE (or ${variable}, or ${fileVariable}) is required`);

export async function loadPrivateKey(
  sources: KeySources,
  env: Record<string, string | undefined>,
): Promise<PrivateKey> {
  const key = keyText(sources, env);
  if (!key) throw missing(sources);
  return importPrivateKey(key.text).catch((e: Error) => {
    throw new UsageError(`${key.from}: ${e.message}`);
  });
}

export async function loadPublicKey(sources: KeySources, env: Record<string, string | undefined>): Promise<PublicKey> {
  const key = keyText(sources, env);
  if (!key) throw missing(sources);
  return importPublicKey(key.text).catch((e: Error) => {
    throw new UsageError(`${key.from}: ${e.message}`);
  });
}
