// The built `alipayhk` command, run as a user runs it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { VARIANTS } from "alipayhk-order";

const bin = fileURLToPath(new URL("../dist/alipayhk.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "alipayhk-cli-"));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: work, env: { PATH: process.env.PATH } });

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("build the CLI first: npm run build");
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What a running `alipayhk sandbox` printed once it was ready, and the `export ALIPAYHK_...` settings in it. */
async function printedSettings(child: ReturnType<typeof spawn>): Promise<{ out: string; env: Record<string, string> }> {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("Ctrl+C")) resolve();
    });
    child.once("exit", () => reject(new Error(`sandbox exited: ${out}`)));
  });
  return {
    out,
    env: Object.fromEntries([...out.matchAll(/^\s+export (ALIPAYHK_\w+)=(.+)$/gm)].map((m) => [m[1]!, m[2]!])),
  };
}

const ORDER = {
  merchantBizType: "MOVIE_TICKET",
  merchantBizNo: "CLI-1",
  orderStatus: "TICKETED",
  userId: "2160120000000001",
  orderCreateTime: 1764115200000,
  orderModifyTime: 1764115260000,
  extInfo: {},
};

describe("alipayhk", () => {
  test("--help lists the commands; every command has --help", () => {
    const help = run("--help");
    expect(help.status).toBe(0);
    for (const name of ["keys", "sign", "verify", "sandbox", "sync", "demo"]) {
      expect(help.stdout).toContain(name);
      const own = run(name, "--help");
      expect(own.status, name).toBe(0);
      expect(own.stdout, name).toMatch(/^usage: alipayhk/);
    }
    expect(run().status).toBe(2);
    expect(run("launch").status).toBe(2);
  });

  test("keys generate → sign → openssl dgst -verify accepts the signature; verify agrees", () => {
    const gen = run("keys", "generate", "--out", "keys");
    expect(gen.status, gen.stderr).toBe(0);
    const priv = join(work, "keys/merchant-private.pem");
    const pub = join(work, "keys/merchant-public.pem");
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect(readFileSync(priv, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(pub, "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(run("keys", "generate", "--out", "keys").status).toBe(2); // no silent overwrite

    writeFileSync(join(work, "body.json"), JSON.stringify(ORDER));
    const time = "2026-11-26T10:00:00+08:00";
    const signed = run("sign", "--key", priv, "--body", "body.json", "--client-id", "CLI-CLIENT", "--time", time);
    expect(signed.status, signed.stderr).toBe(0);
    const content = /^>>>([\s\S]*)<<<$/m.exec(signed.stdout)![1]!;
    expect(content).toBe(`POST /api/open/alipay/v1/merchant/order/sync\nCLI-CLIENT.${time}.${JSON.stringify(ORDER)}`);
    const header = /^Signature: (.+)$/m.exec(signed.stdout)![1]!;
    expect(header).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);

    writeFileSync(join(work, "content.txt"), content);
    writeFileSync(join(work, "sig.bin"), Buffer.from(decodeURIComponent(header.split("signature=")[1]!), "base64"));
    const openssl = execFileSync(
      "openssl",
      ["dgst", "-sha256", "-verify", pub, "-signature", "sig.bin", "content.txt"],
      { cwd: work, encoding: "utf8" },
    );
    expect(openssl.trim()).toBe("Verified OK");

    const ok = run(
      "verify",
      "--key",
      pub,
      "--body",
      "body.json",
      "--client-id",
      "CLI-CLIENT",
      "--time",
      time,
      "--signature",
      header,
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("valid");
    const other = run(
      "verify",
      "--key",
      pub,
      "--body",
      "body.json",
      "--client-id",
      "CLI-CLIENT",
      "--time",
      "2026-11-26T10:00:01+08:00",
      "--signature",
      header,
    );
    expect(other.status).toBe(1);
    expect(other.stdout).toContain("INVALID");
  });

  test("clear errors and exit code 2 for a missing file, a bad key, invalid JSON", () => {
    writeFileSync(join(work, "bad.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
    writeFileSync(join(work, "broken.json"), "{ not json");
    const missing = run("sign", "--key", "nope.pem", "--body", "body.json", "--client-id", "C");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--key: cannot read nope.pem (no such file)");
    const badKey = run("sign", "--key", "bad.pem", "--body", "body.json", "--client-id", "C");
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toMatch(/--key: bad\.pem: /);
    const badJson = run("sync", "broken.json");
    expect(badJson.status).toBe(2);
    expect(badJson.stderr).toContain("is not valid JSON");
    const unknownFlag = run("sign", "--kee", "x");
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toBe(
      "alipayhk sign: unknown flag --kee; did you mean --key? (see alipayhk sign --help)\n",
    );
  });

  // Each of these can never work: exit 2, one line naming what to fix, nothing sent, no stack trace.
  test.each<[string, string[], Record<string, string>, RegExp]>([
    ["keys alone", ["keys"], {}, /^alipayhk keys: a subcommand is missing: the only one is `alipayhk keys generate`$/],
    [
      "--out under a file",
      ["keys", "generate", "--out", "order.json/keys"],
      {},
      /--out: cannot create order\.json\/keys \(a part of the path is a file, not a directory\)$/,
    ],
    [
      "--out onto a file",
      ["keys", "generate", "--out", "order.json"],
      {},
      /--out: order\.json is a file, not a directory$/,
    ],
    [
      "--force onto a directory",
      ["keys", "generate", "--out", "dirkeys", "--name", "d", "--force"],
      {},
      /dirkeys\/d-private\.pem is a directory; --force replaces key files only$/,
    ],
    ["an empty --name", ["keys", "generate", "--name", ""], {}, /--name: "" must be a plain name/],
    ["--name ../x", ["keys", "generate", "--name", "../x"], {}, /--name: "\.\.\/x" must be a plain name/],
    [
      "--time yesterday",
      ["sign", "--key", "k.pem", "--body", "order.json", "--client-id", "C", "--time", "yesterday"],
      {},
      /--time: "yesterday" is not a time/,
    ],
    [
      "two order files",
      ["sync", "order.json", "b.json"],
      {},
      /unexpected argument "b\.json": this command takes one order file/,
    ],
    [
      "--base-url with --environment",
      ["sync", "order.json", "--base-url", "http://127.0.0.1:8080", "--environment", "production"],
      {},
      /--base-url and --environment both say where AlipayHK is; give one/,
    ],
    [
      "a base URL without a scheme",
      ["sync", "order.json"],
      { ALIPAYHK_BASE_URL: "localhost:8080" },
      /ALIPAYHK_BASE_URL: "localhost:8080" is not an http\(s\) URL with a host/,
    ],
    [
      "a port fetch refuses",
      ["sync", "order.json", "--base-url", "http://127.0.0.1:6000"],
      {},
      /--base-url: port 6000 is one that fetch refuses/,
    ],
    [
      "sandbox on a port fetch refuses",
      ["sandbox", "--port", "6000"],
      {},
      /--port: port 6000 is one that fetch refuses/,
    ],
    [
      "a mistyped variable",
      ["sync", "order.json"],
      { ALIPAYHK_CLIENTID: "C" },
      /ALIPAYHK_CLIENTID is not a variable alipayhk reads; did you mean ALIPAYHK_CLIENT_ID\?/,
    ],
    [
      "the old name of AlipayHK's key",
      ["sync", "order.json"],
      { ALIPAYHK_PUBLIC_KEY: "x" },
      /ALIPAYHK_PUBLIC_KEY is not a variable alipayhk reads; did you mean ALIPAYHK_ALIPAY_PUBLIC_KEY\?/,
    ],
    ["a boolean flag given a value", ["sync", "order.json", "--encrypt=yes"], {}, /--encrypt takes no value/],
    ["a flag without its value", ["sync", "order.json", "--client-id"], {}, /--client-id needs a value/],
    [
      "demo with an argument",
      ["demo", "extra"],
      {},
      /^alipayhk demo: unexpected argument "extra": this command takes no arguments$/,
    ],
    [
      "an order file holding null",
      ["sync", "null.json", "--request-id", "abc"],
      {},
      /null\.json: must hold one request body, a JSON object$/,
    ],
  ])("%s: exit 2 with one line", (_, args, env, message) => {
    writeFileSync(join(work, "order.json"), JSON.stringify(ORDER));
    mkdirSync(join(work, "dirkeys", "d-private.pem"), { recursive: true });
    writeFileSync(join(work, "null.json"), "null");
    const res = spawnSync(process.execPath, [bin, ...args], {
      encoding: "utf8",
      cwd: work,
      env: { PATH: process.env.PATH, ...env },
    });
    expect(res.status, res.stderr).toBe(2);
    expect(res.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(res.stderr.trimEnd()).toMatch(message);
    expect(res.stdout).toBe("");
  });

  test("a bad key names the flag or the variable and the file, never the key", () => {
    writeFileSync(join(work, "order.json"), JSON.stringify(ORDER));
    writeFileSync(
      join(work, "garbage.pem"),
      "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----\n",
    );
    const common = [
      "sync",
      "order.json",
      "--client-id",
      "C",
      "--alipay-public-key",
      "garbage.pem",
      "--base-url",
      "http://127.0.0.1:8080",
    ];
    const byFlag = run(...common, "--private-key", "garbage.pem");
    expect(byFlag.status).toBe(2);
    expect(byFlag.stderr).toMatch(/^alipayhk sync: --private-key garbage\.pem: /);
    const byFile = spawnSync(process.execPath, [bin, ...common], {
      encoding: "utf8",
      cwd: work,
      env: { PATH: process.env.PATH, ALIPAYHK_PRIVATE_KEY_FILE: "garbage.pem" },
    });
    expect(byFile.status).toBe(2);
    expect(byFile.stderr).toMatch(/^alipayhk sync: ALIPAYHK_PRIVATE_KEY_FILE=garbage\.pem: /);
    const byValue = spawnSync(process.execPath, [bin, ...common], {
      encoding: "utf8",
      cwd: work,
      env: { PATH: process.env.PATH, ALIPAYHK_PRIVATE_KEY: "not a key" },
    });
    expect(byValue.status).toBe(2);
    expect(byValue.stderr).toMatch(/^alipayhk sync: ALIPAYHK_PRIVATE_KEY: /);
    for (const res of [byFlag, byFile, byValue])
      expect(res.stderr).not.toContain("TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD");
  });

  test("sync with no settings sends nothing and names them; --sandbox uses an embedded sandbox and says so", () => {
    writeFileSync(join(work, "order.json"), JSON.stringify(ORDER));
    const none = run("sync", "order.json");
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(
      "no AlipayHK settings, so nothing was sent: set ALIPAYHK_CLIENT_ID, ALIPAYHK_PRIVATE_KEY (or ALIPAYHK_PRIVATE_KEY_FILE)",
    );
    expect(none.stderr).toContain("or pass --sandbox");
    expect(none.stdout).toBe("");
    const both = run("sync", "order.json", "--sandbox", "--client-id", "C");
    expect(both.status).toBe(2);
    expect(both.stderr).toContain(
      "--sandbox sends to an embedded sandbox, never to AlipayHK, but AlipayHK settings are given (--client-id)",
    );

    const res = run("sync", "order.json", "--sandbox");
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toContain("embedded AlipayHK sandbox");
    expect(JSON.parse(res.stdout)).toMatchObject({ result: { resultCode: "SUCCESS" }, orderStatus: "TICKETED" });

    writeFileSync(join(work, "invalid.json"), JSON.stringify({ ...ORDER, orderStatus: "SERVING" }));
    const invalid = run("sync", "invalid.json", "--sandbox");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("orderStatus must be one of");

    const chosen = run("sync", "order.json", "--sandbox", "--request-id", "0123456789abcdef0123456789abcdef");
    expect(chosen.status, chosen.stderr).toBe(0);
    expect(JSON.parse(chosen.stdout).requestId).toBe("0123456789abcdef0123456789abcdef");
  });

  test("--strict refuses an inferred rule before sending; by default the sandbox refuses it saying so; --no-strict sends it", () => {
    writeFileSync(join(work, "both.json"), JSON.stringify({ ...ORDER, openId: "o-1" }));
    const strict = run("sync", "both.json", "--sandbox", "--strict");
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("syncOrder was not sent: userId and openId must not both be given (inferred");
    const byDefault = run("sync", "both.json", "--sandbox");
    expect(byDefault.status).toBe(1);
    expect(byDefault.stderr).toMatch(/PARAM_ILLEGAL: userId and openId must not both be given \(inferred: /);
    const lenient = run("sync", "both.json", "--sandbox", "--no-strict");
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(run("sync", "both.json", "--sandbox", "--strict", "--no-strict").status).toBe(2);
  });

  test("sync sends a performance notification, chosen by the body's fields or by --operation", () => {
    const notice = {
      command: "SEND",
      productTemplateCode: "MOVIE_TICKET_DEFAULT",
      merchantBizNo: "CLI-NOTICE-1",
      orderStatus: "AWAIT_SCREENING",
      bizDate: 1764122400000,
      userId: "2160120000000001",
      syncDataInfo: { languageBusinessInfo: { en_US: JSON.stringify({ movie_name: "A film" }) } },
    };
    writeFileSync(join(work, "notice.json"), JSON.stringify(notice));
    const res = run("sync", "notice.json", "--sandbox");
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ result: { resultCode: "SUCCESS" } });
    const wrong = run("sync", "notice.json", "--sandbox", "--operation", "syncOrder");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("merchantBizType is required");
    const unknown = run("sync", "notice.json", "--sandbox", "--operation", "cancelOrder");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--operation: must be one of syncOrder, syncPerformanceNotification");
  });

  test("sandbox serves on 127.0.0.1 and sync reaches it with the printed settings", async () => {
    execFileSync(process.execPath, [bin, "keys", "generate", "--out", "sbx"], { cwd: work });
    const child = spawn(
      process.execPath,
      [bin, "sandbox", "--client-id", "SBX", "--merchant-key", "sbx/merchant-public.pem"],
      { cwd: work },
    );
    try {
      const { out, env } = await printedSettings(child);
      expect(env.ALIPAYHK_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = spawnSync(
        process.execPath,
        [bin, "sync", "order.json", "--private-key", "sbx/merchant-private.pem"],
        {
          cwd: work,
          encoding: "utf8",
          env: { PATH: process.env.PATH, ...env },
        },
      );
      expect(res.status, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).result.resultCode).toBe("SUCCESS");
      // an F result (a Client-Id the sandbox does not know) exits 1
      const refused = spawnSync(
        process.execPath,
        [bin, "sync", "order.json", "--private-key", "sbx/merchant-private.pem", "--client-id", "NOBODY"],
        {
          cwd: work,
          encoding: "utf8",
          env: { PATH: process.env.PATH, ...env },
        },
      );
      expect(refused.status, refused.stderr).toBe(1);
      expect(refused.stderr).toContain("INVALID_CLIENT");
      // the printed console URL serves the page, and its data says why the request was refused
      const consoleUrl = /^console \(.*\): (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1];
      expect(consoleUrl).toBe(`${env.ALIPAYHK_BASE_URL}/`);
      expect(await (await fetch(consoleUrl!)).text()).toContain("<title>AlipayHK sandbox console</title>");
      const state = await (await fetch(`${consoleUrl}console/state`)).json();
      expect(state.requests[0]).toMatchObject({ resultCode: "INVALID_CLIENT", diagnosis: { cause: "noMerchantKey" } });
      // signed with a key the sandbox does not have for SBX: INVALID_SIGNATURE, with what to check and how
      execFileSync(process.execPath, [bin, "keys", "generate", "--out", "other"], { cwd: work });
      const forged = spawnSync(
        process.execPath,
        [bin, "sync", "order.json", "--private-key", "other/merchant-private.pem"],
        { cwd: work, encoding: "utf8", env: { PATH: process.env.PATH, ...env } },
      );
      expect(forged.status, forged.stderr).toBe(1);
      expect(forged.stderr).toContain("INVALID_SIGNATURE");
      expect(forged.stderr).toContain(
        "the private key is not the one whose public key is registered for this Client-Id",
      );
      expect(forged.stderr).toContain("alipayhk sign --key");
      // the merchant's own public key given as AlipayHK's: no answer verifies, and the message names that setting
      const ownKey = [
        "sync",
        "order.json",
        "--private-key",
        "sbx/merchant-private.pem",
        "--alipay-public-key",
        "sbx/merchant-public.pem",
      ];
      const unverified = spawnSync(process.execPath, [bin, ...ownKey], {
        cwd: work,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
      });
      expect(unverified.status, unverified.stderr).toBe(3);
      expect(unverified.stderr).toContain("ERR_RESPONSE_SIGNATURE");
      expect(unverified.stderr).toContain(
        "no answer's signature verified with the AlipayHK public key from --alipay-public-key",
      );
      expect(unverified.stderr).not.toContain("re-run the same command");
      // stopped, it leaves no key files behind
      const keyFile = env.ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE!;
      expect(existsSync(keyFile)).toBe(true);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      child.kill("SIGTERM");
    }
  }, 30_000);

  test("node examples/node/sync-order.mjs runs with exactly the settings `alipayhk sandbox` prints", async () => {
    const child = spawn(process.execPath, [bin, "sandbox"], { cwd: work });
    try {
      const { env } = await printedSettings(child);
      expect(Object.keys(env).sort()).toEqual([
        "ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE",
        "ALIPAYHK_BASE_URL",
        "ALIPAYHK_CLIENT_ID",
        "ALIPAYHK_PRIVATE_KEY_FILE",
      ]);
      const example = fileURLToPath(new URL("../../../examples/node/sync-order.mjs", import.meta.url));
      const res = spawnSync(process.execPath, [example, "EXAMPLE-1", "TICKETED"], {
        encoding: "utf8",
        cwd: work,
        env: { PATH: process.env.PATH, ...env },
      });
      expect(res.status, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ orderStatus: "TICKETED", orderId: expect.any(String) });
      // and the CLI reads the same names
      const sync = spawnSync(process.execPath, [bin, "sync", "order.json"], {
        encoding: "utf8",
        cwd: work,
        env: { PATH: process.env.PATH, ...env },
      });
      expect(sync.status, sync.stderr).toBe(0);
    } finally {
      child.kill("SIGTERM");
    }
  }, 30_000);

  test("sync exits 3 when the outcome is unknown (nothing listens at the base URL), saying how to retry", async () => {
    execFileSync(process.execPath, [bin, "keys", "generate", "--out", "lost"], { cwd: work });
    // a port that was free a moment ago: nothing listens there
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const args = [
      "sync",
      "order.json",
      "--client-id",
      "C",
      "--private-key",
      "lost/merchant-private.pem",
      "--alipay-public-key",
      "lost/merchant-public.pem",
      "--base-url",
      `http://127.0.0.1:${port}`,
    ];
    const res = run(...args);
    expect(res.status, res.stderr).toBe(3);
    expect(res.stderr).toContain("ERR_NETWORK");
    const requestId = /^requestId: ([0-9a-f]{32})/m.exec(res.stderr)![1]!;
    expect(res.stderr).toContain(`re-run the same command with --request-id ${requestId}`);
    const again = run(...args, "--request-id", requestId);
    expect(again.status).toBe(3);
    expect(again.stderr).toContain(`requestId: ${requestId}`);
  }, 30_000);

  test.each([
    ["--port", "abc"],
    ["--port", "99999"],
    ["--seed", "abc"],
    ["--unknown-rate", "2"],
  ])("sandbox %s %s is a usage error naming the flag", (flag, value) => {
    const res = run("sandbox", flag, value);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(`${flag}:`);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("demo runs every scenario, the encrypted order, the refused transition and the retry", () => {
    const res = run("demo");
    expect(res.status, res.stderr).toBe(0);
    for (const bizType of Object.keys(VARIANTS.syncOrder.values)) expect(res.stdout).toContain(bizType);
    expect(res.stdout).toContain("encrypted order");
    expect(res.stdout).toContain("ORDER_STATUS_INVALID");
    expect(res.stdout).toMatch(/UNKNOWN_EXCEPTION retried\s+TICKETED\s+\S+\s+1\s+2\s+SUCCESS/);
    // its summary table included, it fits a 120-column terminal
    expect(res.stdout.split("\n").filter((line) => line.length > 120)).toEqual([]);
  }, 30_000);
});
