// The built `alipayhk` command, run as a user runs it.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const bin = fileURLToPath(new URL("../dist/alipayhk.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "alipayhk-cli-"));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: work, env: { PATH: process.env.PATH } });

beforeAll(() => {
  if (!existsSync(bin)) throw new Error("build the CLI first: npm run build");
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

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
    const openssl = execFileSync("openssl", ["dgst", "-sha256", "-verify", pub, "-signature", "sig.bin", "content.txt"], { cwd: work, encoding: "utf8" });
    expect(openssl.trim()).toBe("Verified OK");

    const ok = run("verify", "--key", pub, "--body", "body.json", "--client-id", "CLI-CLIENT", "--time", time, "--signature", header);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("valid");
    const other = run("verify", "--key", pub, "--body", "body.json", "--client-id", "CLI-CLIENT", "--time", "2026-11-26T10:00:01+08:00", "--signature", header);
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
  });

  test("sync with no credentials uses an embedded sandbox and says so", () => {
    writeFileSync(join(work, "order.json"), JSON.stringify(ORDER));
    const res = run("sync", "order.json");
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toContain("embedded AlipayHK sandbox");
    expect(JSON.parse(res.stdout)).toMatchObject({ result: { resultCode: "SUCCESS" }, orderStatus: "TICKETED" });

    writeFileSync(join(work, "invalid.json"), JSON.stringify({ ...ORDER, orderStatus: "SERVING" }));
    const invalid = run("sync", "invalid.json");
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("orderStatus must be one of");
  });

  test("--strict refuses an inferred rule before sending; by default the sandbox refuses it saying so; --no-strict sends it", () => {
    writeFileSync(join(work, "both.json"), JSON.stringify({ ...ORDER, openId: "o-1" }));
    const strict = run("sync", "both.json", "--strict");
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain("syncOrder was not sent: userId and openId must not both be given (inferred");
    const byDefault = run("sync", "both.json");
    expect(byDefault.status).toBe(1);
    expect(byDefault.stderr).toMatch(/PARAM_ILLEGAL: userId and openId must not both be given \(inferred: /);
    const lenient = run("sync", "both.json", "--no-strict");
    expect(lenient.status, lenient.stderr).toBe(0);
    expect(run("sync", "both.json", "--strict", "--no-strict").status).toBe(2);
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
    const res = run("sync", "notice.json");
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ result: { resultCode: "SUCCESS" } });
    const wrong = run("sync", "notice.json", "--operation", "syncOrder");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("merchantBizType is required");
    const unknown = run("sync", "notice.json", "--operation", "cancelOrder");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--operation: must be one of syncOrder, syncPerformanceNotification");
  });

  test("sandbox serves on 127.0.0.1 and sync reaches it with the printed settings", async () => {
    execFileSync(process.execPath, [bin, "keys", "generate", "--out", "sbx"], { cwd: work });
    const child = spawn(process.execPath, [bin, "sandbox", "--client-id", "SBX", "--merchant-key", "sbx/merchant-public.pem"], { cwd: work });
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d) => {
          out += d;
          if (out.includes("Ctrl+C")) resolve();
        });
        child.once("exit", () => reject(new Error(`sandbox exited: ${out}`)));
      });
      const env = Object.fromEntries([...out.matchAll(/^\s+(ALIPAYHK_\w+)=(.+)$/gm)].map((m) => [m[1], m[2]]));
      expect(env.ALIPAYHK_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = spawnSync(process.execPath, [bin, "sync", "order.json", "--private-key", "sbx/merchant-private.pem"], {
        cwd: work,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
      });
      expect(res.status, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).result.resultCode).toBe("SUCCESS");
      // an F result (a Client-Id the sandbox does not know) exits 1
      const refused = spawnSync(process.execPath, [bin, "sync", "order.json", "--private-key", "sbx/merchant-private.pem", "--client-id", "NOBODY"], {
        cwd: work,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...env },
      });
      expect(refused.status, refused.stderr).toBe(1);
      expect(refused.stderr).toContain("INVALID_CLIENT");
      // the printed console URL serves the page, and its data says why the request was refused
      const consoleUrl = /^console \(.*\): (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out)?.[1];
      expect(consoleUrl).toBe(`${env.ALIPAYHK_BASE_URL}/`);
      expect(await (await fetch(consoleUrl!)).text()).toContain("<title>AlipayHK sandbox console</title>");
      const state = await (await fetch(`${consoleUrl}console/state`)).json();
      expect(state.requests[0]).toMatchObject({ resultCode: "INVALID_CLIENT", diagnosis: { cause: "noMerchantKey" } });
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

  test("sync exits 3 when the outcome is unknown (nothing listens at the base URL)", () => {
    execFileSync(process.execPath, [bin, "keys", "generate", "--out", "lost"], { cwd: work });
    const res = run("sync", "order.json", "--client-id", "C", "--private-key", "lost/merchant-private.pem", "--alipay-public-key", "lost/merchant-public.pem", "--base-url", "http://127.0.0.1:1");
    expect(res.status, res.stderr).toBe(3);
    expect(res.stderr).toContain("ERR_NETWORK");
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
    for (const bizType of ["PASS_TICKET", "ALIPAY_COUPON", "GIFT_CARD_COUPON", "CHARGING_PILE", "MOVIE_TICKET", "LINE_UP", "RIDE_HAILING", "SELF_PICK", "TRAIN_TICKET"]) {
      expect(res.stdout).toContain(bizType);
    }
    expect(res.stdout).toContain("encrypted order");
    expect(res.stdout).toContain("ORDER_STATUS_INVALID");
    expect(res.stdout).toMatch(/UNKNOWN_EXCEPTION retried\s+TICKETED\s+\S+\s+1\s+2\s+SUCCESS/);
  }, 30_000);
});
