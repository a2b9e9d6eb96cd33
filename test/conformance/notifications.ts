/**
 * The suite's tests of the spec's second operation, performance notifications (contractCardSync), and of the
 * spec's examples: every variant of every operation has one, and each is accepted end to end. The client method
 * used here (`syncPerformanceNotification`) has no code of its own: it comes from the spec's OPERATIONS. Its tests
 * are registered while the spec has the operation, and the method is looked up by name, so that a spec without it
 * still compiles and runs the rest.
 */
import { ResultError, ValidationError, type OrderClient } from "alipayhk-order";
import { OPERATIONS } from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { CLIENT_ID, clientFor, MERCHANT } from "./fixtures.js";
import { deepEqual, equal, ok, rejects, type Registry } from "./harness.js";
import { MISSING_EXAMPLES, notificationFor, TEMPLATES } from "./orders.js";

type Notify = (body: object) => Promise<{ result: { resultCode: string }; requestId: string }>;
const notifier = (client: OrderClient) => (client as unknown as Record<string, Notify>).syncPerformanceNotification!;

export function registerNotificationTests(test: Registry["test"]) {
  // one sandbox for these tests, with its own generated key; each test uses its own merchantBizNo
  let shared: Sandbox | undefined;
  const setup = async () => {
    const sandbox = (shared ??= await createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.spkiPem }, seed: 2 }));
    return { notify: notifier(clientFor(sandbox, { fetch: sandbox.fetch })), sandbox, clientId: CLIENT_ID };
  };
  test("the spec has an example body for every variant of every operation", () => {
    deepEqual(MISSING_EXAMPLES, [], "variants without an example in the spec");
  });
  if (!entryOf(OPERATIONS, "syncPerformanceNotification")) return;

  for (const template of TEMPLATES) {
    test(`performance notification: ${template} SEND then UPDATE through client.syncPerformanceNotification`, async () => {
      const { notify, sandbox, clientId } = await setup();
      const merchantBizNo = `notice-${template}`;
      const sent = await notify(notificationFor(template, merchantBizNo));
      equal(sent.result.resultCode, "SUCCESS", "SEND");
      ok(/^[0-9a-f]{32}$/.test(sent.requestId), "a generated requestId");
      const held = sandbox.notification(clientId, merchantBizNo);
      equal(held?.productTemplateCode, template, "template held");
      const closing = sandbox.notification(clientId, merchantBizNo)!.orderStatus;
      const updated = await notify(
        notificationFor(template, merchantBizNo, { command: "UPDATE", orderStatus: closing }),
      );
      equal(updated.result.resultCode, "SUCCESS", "UPDATE");
      equal(sandbox.notification(clientId, merchantBizNo)?.history.length, 2, "two commands applied");
    });
  }

  test("performance notification: SEND while a valid one exists → UN_SUPPORT_BUSINESS; UPDATE of none → ORDER_NOT_FOUND", async () => {
    const { notify } = await setup();
    await notify(notificationFor("MOVIE_TICKET_DEFAULT", "notice-twice"));
    const again = await rejects(
      notify(notificationFor("MOVIE_TICKET_DEFAULT", "notice-twice")),
      ResultError,
      "second SEND",
    );
    equal(again.resultCode, "UN_SUPPORT_BUSINESS", "second SEND");
    const missing = await rejects(
      notify(notificationFor("MOVIE_TICKET_DEFAULT", "notice-none", { command: "UPDATE" })),
      ResultError,
      "UPDATE of none",
    );
    equal(missing.resultCode, "ORDER_NOT_FOUND", "UPDATE of none");
    equal(missing.code, "ERR_ORDER_NOT_FOUND", "code");
  });

  test("performance notification: an UPDATE with an older bizDate is answered but not applied", async () => {
    const { notify, sandbox, clientId } = await setup();
    const first = notificationFor("RIDE_HAILING_DEFAULT", "notice-stale");
    await notify(first);
    const older = await notify({
      ...first,
      command: "UPDATE",
      orderStatus: "SERVING",
      bizDate: first.bizDate - 1,
    } as typeof first);
    equal(older.result.resultCode, "SUCCESS", "answered");
    equal(sandbox.notification(clientId, "notice-stale")?.orderStatus, "PENDING", "not applied");
  });

  test("performance notification: a BusinessInfo given as an object is sent as its JSON text", async () => {
    const { notify, sandbox, clientId } = await setup();
    const info = { movie_name: "電影 🎬", seat_num: ["G12"] };
    await notify(
      notificationFor("MOVIE_TICKET_DEFAULT", "notice-object", {
        syncDataInfo: { languageBusinessInfo: { zh_HK: info } },
      }),
    );
    const body = sandbox.notification(clientId, "notice-object")?.body as {
      syncDataInfo: { languageBusinessInfo: { zh_HK: unknown } };
    };
    equal(body.syncDataInfo.languageBusinessInfo.zh_HK, JSON.stringify(info), "sent as a string");
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ["an unknown template code", { productTemplateCode: "CONCERT_DEFAULT" }, "productTemplateCode"],
    ["an unknown command", { command: "DELETE" }, "command"],
    [
      "a locale other than zh_HK and en_US",
      { syncDataInfo: { languageBusinessInfo: { fr_FR: "{}" } } },
      "syncDataInfo.languageBusinessInfo.fr_FR",
    ],
    ["neither userId nor openId", { userId: undefined }, ""],
    ["no bizDate", { bizDate: undefined }, "bizDate"],
  ];
  for (const [what, change, path] of refusals) {
    test(`performance notification: ${what} is refused before sending (ValidationError naming ${path || "the body"})`, async () => {
      const { notify, sandbox } = await setup();
      const before = sandbox.stats.requests;
      const error = await rejects(
        notify({ ...notificationFor("MOVIE_TICKET_DEFAULT", "notice-bad"), ...change } as never),
        ValidationError,
        what,
      );
      ok(
        error.problems.some((p) => p.path === path),
        `${what}: a problem at "${path}" in ${error.message}`,
      );
      equal(sandbox.stats.requests, before, "nothing sent");
    });
  }
}
