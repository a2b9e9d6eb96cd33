/** `alipayhk keys generate`: a fresh RSA-2048 key pair, the private key readable by its owner only. */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPairPem } from "alipayhk-signature";
import { UsageError } from "./io.js";

/** A file-system error as a short reason a user can act on. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "permission denied",
    ENOTDIR: "a part of the path is a file, not a directory",
    EEXIST: "it exists and is not a directory",
    EISDIR: "it is a directory",
    EROFS: "read-only file system",
    ENOSPC: "no space left",
  };
  return (code && known[code]) ?? (error as Error).message;
}

/** Writes <name>-private.pem (mode 0600) and <name>-public.pem into `dir`; refuses to overwrite unless `force`. */
export async function writeKeyPair(
  dir: string,
  name: string,
  force: boolean,
): Promise<{ privatePath: string; publicPath: string }> {
  // a bare file name: "" would write "-private.pem", "../x" outside --out
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError(
      `--name: ${JSON.stringify(name)} must be a plain name (letters, digits, ".", "_", "-"), such as merchant`,
    );
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out: ${dir} is a file, not a directory`);
  const privatePath = join(dir, `${name}-private.pem`);
  const publicPath = join(dir, `${name}-public.pem`);
  for (const path of [privatePath, publicPath]) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) throw new UsageError(`${path} is a directory; --force replaces key files only`);
    if (!force) throw new UsageError(`${path} exists; pass --force to replace it`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out: cannot create ${dir} (${reason(error)})`);
  }
  const { privateKey, publicKey } = await generateKeyPairPem();
  try {
    writeFileSync(privatePath, privateKey, { mode: 0o600 });
    chmodSync(privatePath, 0o600); // mode applies only when the file is created
    writeFileSync(publicPath, publicKey, { mode: 0o644 });
  } catch (error) {
    throw new UsageError(`--out: cannot write the keys into ${dir} (${reason(error)})`);
  }
  return { privatePath, publicPath };
}
