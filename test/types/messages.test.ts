// What a new user reads when an order is wrong: the compiler's messages for the user-id mistakes, checked by
// compiling small programs against the client's types (as a user's editor would show them).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const probe = `${root}test/types/__probe__.ts`;

/** The compiler's messages (every line of each diagnostic's chain) for `source`, compiled as test/types/__probe__.ts. */
function messagesFor(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}test/tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (file === probe ? source : readFile(file));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || fileExists(file);
  const program = ts.createProgram([probe], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

const HEADER = `import type { createOrderClient } from "alipayhk-order";\ndeclare const client: ReturnType<typeof createOrderClient>;\n`;
const FIELDS = `merchantBizType: "MOVIE_TICKET", merchantBizNo: "M1", orderStatus: "TICKETED", orderCreateTime: 1, orderModifyTime: 2, extInfo: {}`;

describe("the compiler's words for the user-id mistakes", () => {
  test("a correct order compiles (the probe itself is sound)", () => {
    expect(messagesFor(`${HEADER}void client.syncOrder({ ${FIELDS}, userId: "u" });`)).toEqual([]);
  });

  test("neither userId nor openId: the message says to give one of them", () => {
    const messages = messagesFor(`${HEADER}void client.syncOrder({ ${FIELDS} });`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`Property '"give userId or openId"' is missing`);
  });

  test("both userId and openId compile: refusing them is our reading of the pages (strict: true refuses them at run time)", () => {
    expect(messagesFor(`${HEADER}void client.syncOrder({ ${FIELDS}, userId: "u", openId: "o" });`)).toEqual([]);
  });

  test("an order built in a variable and annotated OrderInput is checked where it is written", () => {
    const fields = FIELDS.replace('"TICKETED"', '"SERVING"');
    const source = `import type { OrderInput } from "alipayhk-order";\nconst order: OrderInput = { ${fields}, userId: "u" };\nvoid client.syncOrder(order);`;
    const messages = messagesFor(HEADER + source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/"SERVING"/);
  });
});

test("the probe path is not a real file (nothing is written into the repository)", () => {
  expect(() => readFileSync(probe)).toThrow();
});
