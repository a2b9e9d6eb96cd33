// The README's first example, run exactly as it is written there (from the built packages, as a user's install
// resolves them): a user pasting it must see it work.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

test("README: the first example of 'Using it' runs as pasted, against the in-process sandbox", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Using it"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain('from "alipayhk-sandbox"');
  // run from the repository root, so that the packages resolve through node_modules to their dist/
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", code!], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(res.stderr).toBe("");
  expect(res.status).toBe(0);
  expect(res.stdout).toMatch(/^\S+ TICKETED [0-9a-f]{32}\n$/);
});

test("README: the durable delivery examples type-check against the packages as written", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Durable delivery"), readme.indexOf("## Runtimes"));
  const [postgres, worker] = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(worker).toContain("alipayhk-outbox/cloudflare");
  // What the reader's own code supplies: their settings and order, and (Workers) their bindings and the handler type
  // that @cloudflare/workers-types declares, reduced to what the example uses.
  const given = {
    postgres: `declare const clientId: string, privateKey: string, alipayPublicKey: string, ticketId: string;
declare const order: import("alipayhk-order").OrderInput;`,
    worker: `type Cf = typeof import("alipayhk-outbox/cloudflare");
interface Env { CLIENT_ID: string; PRIVATE_KEY: string; ALIPAY_KEY: string; OUTBOX: import("alipayhk-outbox/cloudflare").QueueLike;
  OUTBOX_DEAD: import("alipayhk-outbox/cloudflare").QueueLike; OUTBOX_KV: import("alipayhk-outbox/cloudflare").KVLike }
interface ExportedHandler<E> { fetch?(request: Request, env: E): Promise<Response>;
  queue?(batch: Parameters<ReturnType<Cf["createQueueConsumer"]>>[0], env: E): Promise<void> }`,
  };
  // imports first, then the declarations: as a module, the way the reader's file is one
  const file = (code: string, declarations: string) => {
    const lines = code.split("\n");
    return [
      ...lines.filter((l) => l.startsWith("import ")),
      declarations,
      ...lines.filter((l) => !l.startsWith("import ")),
      "export {};",
    ].join("\n");
  };
  const dir = `${root}.tsbuild/readme-examples`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/postgres.ts`, file(postgres!, given.postgres));
  writeFileSync(`${dir}/worker.ts`, file(worker!, given.worker));
  const config = {
    extends: "../../tsconfig.base.json",
    compilerOptions: {
      noEmit: true,
      composite: false,
      declaration: false,
      emitDeclarationOnly: false,
      types: ["node"],
    },
    files: ["postgres.ts", "worker.ts"],
  };
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify(config));
  const res = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", `${dir}/tsconfig.json`], {
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(res.stdout).toBe("");
  expect(res.status).toBe(0);
});
