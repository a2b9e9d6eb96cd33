// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.

export interface paths {
    "/api/open/alipay/v1/merchant/order/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync an order
         * @description Tells AlipayHK about a new order or a change of an order's status, so that it shows in the user's AlipayHK
         *     app (card wallet, performance notifications). Each `merchantBizType` is a scenario with its own statuses and
         *     extra fields; the request body is the base fields plus the scenario's extras, all at the top level.
         *
         *     **Status rules.** Each scenario schema carries `x-end-statuses` (no move out of them) and `x-transitions`
         *     (`reversible: false` means statuses may be skipped but never go back to an earlier one in the listed order;
         *     `onlyFrom` and `onlyTo` restrict particular moves; where `x-transitions` marks `newOrders` as `x-inferred`, that
         *     `onlyFrom` also keeps a new order from starting at that status is this SDK's reading, enforced only in strict
         *     mode). Rules no AlipayHK page states are marked `x-inferred` throughout the spec: a client refuses them before
         *     sending only with `strict: true`, the sandbox unless `strict: false`. Re-sending the current status is always allowed (Queue Up
         *     must re-send `CALL_NUM` each time a number is called). A move the rules forbid fails with
         *     `ORDER_STATUS_INVALID`.
         *
         *     **Ordering.** `orderModifyTime` must be new for every update; AlipayHK uses it to discard out-of-order
         *     updates. `orderCreateTime` must stay the same for every update of one order (`merchantBizNo`).
         *
         *     **Idempotency (inferred).** `requestId` identifies the call: a retry of the same call re-sends the same
         *     `requestId` and the same body, with a fresh `Request-Time` and signature.
         *
         *     **Encryption.** With `Encrypt: algorithm=RSA_AES,...` the whole JSON body is AES-encrypted with a fresh key,
         *     sent as base64 text (`Content-Type: text/plain; charset=UTF-8`), and the AES key is RSA-encrypted for
         *     AlipayHK's public key in the `Encrypt` header. The signature covers the ciphertext (encrypt, then sign).
         *     The response to an encrypted request is encrypted for the merchant's public key; verify its signature over
         *     the ciphertext first, then decrypt. AlipayHK does not publish the AES mode; the Ant gateway family uses ECB
         *     with PKCS#7 padding, which is this SDK's default.
         */
        post: operations["syncOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/open/alipay/intl/promotion/order/contractCardSync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send or update a performance notification
         * @description Creates (`command: SEND`) or updates (`command: UPDATE`) the performance notification ("履約通知") of one merchant
         *     order: the card AlipayHK shows on the user's home screen and notification center. Same gateway, headers,
         *     signing and encryption as order sync, with this path in the signed content.
         *
         *     **Commands.** `SEND` creates a notification if none exists or the existing one is no longer valid; otherwise
         *     AlipayHK answers `UN_SUPPORT_BUSINESS`. `UPDATE` updates an existing, valid notification, is ignored when the
         *     notification is no longer valid, and is answered `ORDER_NOT_FOUND` when there is none. What "no longer valid"
         *     means is not stated: this SDK reads it as expired (past `endDate`) or hidden by a closing status (inferred), and
         *     an ignored `UPDATE` is answered `SUCCESS` (inferred).
         *
         *     **Ordering.** `bizDate` orders the updates of one notification; an update whose `bizDate` is not newer than the
         *     last applied one is not applied (inferred, as order sync does with `orderModifyTime`).
         *
         *     **Response.** AlipayHK's stored pages end before the response section. This spec assumes the gateway's usual
         *     `result` object (inferred from order sync and the gateway family) and keeps the rest of the body open.
         */
        post: operations["syncPerformanceNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * Order sync request
         * @description One order update: the base fields plus the fields of the scenario named by `merchantBizType`.
         */
        OrderSyncRequest: components["schemas"]["PassTicketOrder"] | components["schemas"]["AlipayCouponOrder"] | components["schemas"]["GiftCardCouponOrder"] | components["schemas"]["ChargingPileOrder"] | components["schemas"]["MovieTicketOrder"] | components["schemas"]["LineUpOrder"] | components["schemas"]["RideHailingOrder"] | components["schemas"]["SelfPickOrder"] | components["schemas"]["TrainTicketOrder"];
        /**
         * Base order fields
         * @description The fields every scenario shares, as AlipayHK's Base API page lists them, with its maximum lengths. What the page
         *     does not state is marked `x-inferred` and described as "(inferred)": it is refused only by a strict client
         *     (`strict: true`) and by the sandbox unless `strict: false`. A scenario adds its own `orderStatus` values and extra
         *     fields at the top level of the same object.
         */
        BaseOrder: {
            /**
             * @description A unique ID of this API call ("uuid"). A dashed UUID is 36 characters, so send it without dashes (32 hex
             *     characters). A retry of the same call re-sends the same value.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not empty; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: an empty ID is this SDK's refusal: the page gives only maximum lengths.
             * @example 3f1c2a9b8d7e4f60a1b2c3d4e5f60718
             */
            requestId: string & unknown;
            /**
             * @description The order's ID in the merchant's system. It must stay the same for every update of one order.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not empty; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: an empty ID is this SDK's refusal: the page gives only maximum lengths.
             * @example MT20240522000123
             */
            merchantBizNo: string & unknown;
            /** @description The order's status; each scenario lists its own values. */
            orderStatus: string;
            /**
             * @description ID of the AlipayHK user. Provide `userId` or `openId` (see `UserIdentity`).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not empty; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: an empty ID is this SDK's refusal: the page gives only maximum lengths.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not together with `openId`; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: AlipayHK says "either one openId or userId"; that both may not be sent together is our reading.
             * @example 2160120000000001
             */
            userId?: string & unknown;
            /**
             * @description The user's authorization ID for this merchant. Provide `openId` or `userId` (see `UserIdentity`).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not empty; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: an empty ID is this SDK's refusal: the page gives only maximum lengths.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not together with `userId`; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: AlipayHK says "either one openId or userId"; that both may not be sent together is our reading.
             */
            openId?: string & unknown;
            /**
             * @description The scenario (type of order service).
             * @enum {string}
             */
            merchantBizType: "PASS_TICKET" | "ALIPAY_COUPON" | "GIFT_CARD_COUPON" | "CHARGING_PILE" | "MOVIE_TICKET" | "LINE_UP" | "RIDE_HAILING" | "SELF_PICK" | "TRAIN_TICKET";
            /**
             * @description Epoch milliseconds of the order's first business event (whole milliseconds: inferred). It must stay the same
             *     for every update of one order.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): a whole number, at least 0; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page says "number" and "timestamp"; whole, non-negative epoch milliseconds is our reading.
             * @example 1716360141000
             */
            orderCreateTime: number;
            /**
             * @description Epoch milliseconds of this business event (whole milliseconds: inferred). It must be new for every update:
             *     AlipayHK uses it to order status updates and discard out-of-order ones. Never earlier than `orderCreateTime`
             *     (inferred).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): a whole number, at least 0; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page says "number" and "timestamp"; whole, non-negative epoch milliseconds is our reading.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not earlier than `orderCreateTime`; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page does not say that an update's time cannot precede the order's creation; that it cannot is our reading.
             * @example 1716360141000
             */
            orderModifyTime: number;
            /** @description Secondary merchant ID issued by AlipayHK after contract signing. Set it when calling as an ISV (not the direct merchant). */
            merchantAccountId?: string;
            /**
             * @deprecated
             * @description Deprecated name of `merchantAccountId`.
             */
            merchantId?: string;
            /** @description ID of the mini-program. AlipayHK gives no maximum length. */
            tinyAppId?: string;
        } & (components["schemas"]["UserIdentity"] & unknown);
        /**
         * User identity
         * @description `userId` or `openId` identifies the user: AlipayHK's pages say "to provide either one openId or userId", so at
         *     least one is required. That the two may not be sent together is this SDK's reading of "either one" (inferred).
         */
        UserIdentity: {
            userId: string;
        } | {
            openId: string;
        };
        /**
         * Amount
         * @description A money amount. `value` is a string of minor units (cents), `currency` a 3-letter ISO 4217 code.
         */
        Amount: {
            /**
             * @description The amount in minor units (cents), as a string, e.g. `"12800"` for HKD 128.00. A maximum length (64) is given
             *     on the Self Pick page only, and set there.
             * @example 12800
             */
            value: string;
            /**
             * @description ISO 4217 currency code.
             * @example HKD
             */
            currency: string;
        };
        /**
         * Shop information
         * @description The shop serving the order (Queue Up). Only `extInfo` and its `multiLang` are named publicly; everything else
         *     stays open.
         */
        ShopInfo: {
            /** @description Extended shop information. */
            extInfo: {
                multiLang?: components["schemas"]["MultiLang"];
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * Per-locale display information
         * @description Display texts per locale, keyed `zh_HK` (Traditional Chinese) and `en_US` (English). The names of the fields
         *     inside each locale are not public (for a shop: a display name, an address and an `alipayhk://` URL), so each
         *     locale object stays open.
         */
        MultiLang: {
            zh_HK?: {
                [key: string]: unknown;
            };
            en_US?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /**
         * Admission ticket order
         * @description `PASS_TICKET`. Admission tickets. The ticket is issued into the Card Wallet on `TICKETED`. Statuses may be skipped; only `TICKETED` is not an end status.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "PASS_TICKET",
         *       "merchantBizNo": "EX-PASS_TICKET",
         *       "orderStatus": "TICKETED",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "amount": {
         *         "value": "28000",
         *         "currency": "HKD"
         *       },
         *       "extInfo": {}
         *     }
         */
        PassTicketOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "PASS_TICKET";
            /** @enum {string} */
            orderStatus: "TICKETED" | "REFUNDED" | "USED";
            /** @description Original ticket amount. */
            amount?: components["schemas"]["Amount"];
            /** @description Amount the user actually paid. */
            payAmount?: components["schemas"]["Amount"];
            /** @description Alipay transaction number (listed for train and movie tickets; inferred for admission tickets). */
            tradeNo?: string;
            /**
             * @description Extended order information. AlipayHK's field list for admission tickets is truncated after `payAmount`; `extInfo` (required on every other ticket scenario) is required here by analogy (inferred), and its children are not public.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): required; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete.
             */
            extInfo?: {
                [key: string]: unknown;
            };
        } & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "PASS_TICKET";
        };
        /**
         * Train ticket order
         * @description `TRAIN_TICKET`. Train tickets, with the same statuses and logic as admission tickets.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "TRAIN_TICKET",
         *       "merchantBizNo": "EX-TRAIN_TICKET",
         *       "orderStatus": "TICKETED",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "tradeNo": "2026112622000001",
         *       "extInfo": {}
         *     }
         */
        TrainTicketOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "TRAIN_TICKET";
            /** @enum {string} */
            orderStatus: "TICKETED" | "REFUNDED" | "USED";
            /** @description Original ticket amount. */
            amount?: components["schemas"]["Amount"];
            /** @description Amount the user actually paid. */
            payAmount?: components["schemas"]["Amount"];
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /** @description Extended order information. Required; its children are not public, so the object stays open. */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "TRAIN_TICKET";
        };
        /**
         * Movie ticket order
         * @description `MOVIE_TICKET`. The ticket is issued into the Card Wallet on `TICKETED`, and a performance notification shows
         *     two hours before the show. Statuses may be skipped but not reversed.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "MOVIE_TICKET",
         *       "merchantBizNo": "EX-MOVIE_TICKET",
         *       "orderStatus": "TICKETED",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "payAmount": {
         *         "value": "16000",
         *         "currency": "HKD"
         *       },
         *       "extInfo": {
         *         "seats": [
         *           "G12",
         *           "G13"
         *         ]
         *       }
         *     }
         */
        MovieTicketOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "MOVIE_TICKET";
            /** @enum {string} */
            orderStatus: "TICKETED" | "REFUNDED" | "USED";
            /** @description Original ticket amount. */
            amount?: components["schemas"]["Amount"];
            /** @description Amount the user actually paid. */
            payAmount?: components["schemas"]["Amount"];
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /**
             * @description Extended order information. AlipayHK's page describes its children (order-detail URL starting with
             *     `alipayhk://`, the displayed code, a template code, display and event start/end times in epoch
             *     milliseconds, available usages, per-locale cinema name, house, address, tags and seats) but not their
             *     names, so the object stays open. Several of them are required when the status is `TICKETED`.
             */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "MOVIE_TICKET";
        };
        /**
         * EV charging order
         * @description `CHARGING_PILE`. An EV charging session. The statuses are those of AlipayHK's current EV Charging page, plus
         *     `FAULT` from its older page (which had `SERVING`, `FAULT`, `COMPLETED` and `FINISHED`, with `COMPLETED` as an
         *     end status), so that an integration built on the older page can still send it. The page does not say that
         *     statuses cannot be reversed, and a session moves between `SERVING` and `PAUSED`, so any move is allowed except
         *     out of `FINISHED` (inferred: a reading of the page's silence).
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "CHARGING_PILE",
         *       "merchantBizNo": "EX-CHARGING_PILE",
         *       "orderStatus": "SERVING",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "extInfo": {
         *         "amount": {
         *           "value": "7350",
         *           "currency": "HKD"
         *         }
         *       }
         *     }
         */
        ChargingPileOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "CHARGING_PILE";
            /** @enum {string} */
            orderStatus: "SERVING" | "SERVING_WO_ENDTIME" | "SERVING_LITE" | "PAUSED" | "COMPLETED" | "PARKING_DUE" | "FINISHED" | "FAULT";
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /**
             * @description Extended order information. The older EV page names `amount` and `surcharge_amount` (snake_case, as the
             *     page spells it); the rest of its list is not public, so the object stays open.
             */
            extInfo: {
                /** @description Order amount. */
                amount?: components["schemas"]["Amount"];
                /**
                 * @description Surcharge for exceeding the charging or parking time limit. The page's description of its shape is
                 *     cut off; it is probably an Amount (`{ "value": "500", "currency": "HKD" }`), but that is not stated, so
                 *     any value is accepted.
                 */
                surcharge_amount?: unknown;
            } & {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "CHARGING_PILE";
        };
        /**
         * Queue-up order
         * @description `LINE_UP`. A queue ticket at a shop. `CALL_NUM` must be re-sent every time a number is called. Statuses may be
         *     skipped but not reversed, and `CANCELLED` is only allowed from `CALL_NUM`. That a new order therefore cannot
         *     start as `CANCELLED` is our reading (inferred): AlipayHK says a notification may start from any status. The page
         *     labels no end status, so any forward move is allowed, `CANCELLED` → `FINISHED` included (inferred).
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "LINE_UP",
         *       "merchantBizNo": "EX-LINE_UP",
         *       "orderStatus": "CALL_NUM",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "shopInfo": {
         *         "extInfo": {
         *           "multiLang": {
         *             "en_US": {},
         *             "zh_HK": {}
         *           }
         *         }
         *       },
         *       "extInfo": {}
         *     }
         */
        LineUpOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "LINE_UP";
            /** @enum {string} */
            orderStatus: "CALL_NUM" | "NUMBER_ARRIVED" | "NUMBER_PASSED" | "CANCELLED" | "FINISHED";
            shopInfo: components["schemas"]["ShopInfo"];
            /**
             * @description Extended order information: the queue number, the number of tables ahead (0 once past `CALL_NUM`,
             *     updated as it changes) and the estimated wait in minutes. Their names are not public, so the object
             *     stays open.
             */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "LINE_UP";
        };
        /**
         * Self pick-up order
         * @description `SELF_PICK`. A restaurant order the user picks up. Statuses may be skipped but not reversed; after
         *     `TO_PICK_UP` the next status must be `FINISHED`.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "SELF_PICK",
         *       "merchantBizNo": "EX-SELF_PICK",
         *       "orderStatus": "PENDING",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "amount": {
         *         "value": "8800",
         *         "currency": "HKD"
         *       },
         *       "itemOrderList": [
         *         {}
         *       ],
         *       "shopInfo": {},
         *       "extInfo": {}
         *     }
         */
        SelfPickOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "SELF_PICK";
            /** @enum {string} */
            orderStatus: "PENDING" | "ORDER_TAKEN" | "TO_PICK_UP" | "FINISHED" | "CLOSED" | "REFUNDED";
            /** @description Total order amount; its `value` is at most 64 characters. */
            amount: components["schemas"]["Amount"] & {
                value?: unknown;
            };
            /** @description Discount. */
            discountAmount?: components["schemas"]["Amount"];
            /** @description Amount actually charged. */
            actualAmount?: components["schemas"]["Amount"];
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /** @description The items of the order. AlipayHK does not publish the item fields, so items stay open. */
            itemOrderList: {
                [key: string]: unknown;
            }[];
            /**
             * @description The shop. Its fields are not public; it probably has the same `extInfo.multiLang` structure as Queue Up's
             *     `shopInfo` (inferred), so it stays open.
             */
            shopInfo: {
                [key: string]: unknown;
            };
            /** @description Extended order information. Its children are not public, so the object stays open. */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "SELF_PICK";
        };
        /**
         * Ride-hailing order
         * @description `RIDE_HAILING`. A ride from booking to payment. The page does not say that statuses cannot be reversed (a
         *     driver can cancel, `TO_SEND`, and the search starts again) and labels no end status, so any move is allowed,
         *     `FINISHED` → `PENDING` included (inferred: a reading of the page's silence).
         *     Which `extInfo` fields each status requires is in a table that is not public.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "RIDE_HAILING",
         *       "merchantBizNo": "EX-RIDE_HAILING",
         *       "orderStatus": "PENDING",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "extInfo": {}
         *     }
         */
        RideHailingOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "RIDE_HAILING";
            /** @enum {string} */
            orderStatus: "PENDING" | "BOOKED" | "ORDER_TAKEN" | "TO_BOARD" | "SERVING" | "WAIT_PAY" | "FINISHED" | "TO_SEND" | "CLOSED" | "CANCEL_WAIT_PAY";
            /**
             * @description Extended order information; the required fields depend on the status. The status texts use snake_case
             *     names such as `service_start_time` (epoch ms), `driver_board_duration` and `ride_dest_duration` (minutes),
             *     but the full list is not public, so the object stays open.
             */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "RIDE_HAILING";
        };
        /**
         * Auto-deduct voucher order
         * @description `ALIPAY_COUPON`. A voucher used within the AlipayHK app and deducted automatically; `TICKETED` issues it into
         *     the Card Wallet. It has a single status. Its page is the one order-service page that shows the answer's members,
         *     and it marks `orderId`, `orderStatus` and `distributeResult` as required (`x-response-required`: a SUCCESS answer
         *     to this scenario has them; the Base API page leaves them optional for the others).
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "ALIPAY_COUPON",
         *       "merchantBizNo": "EX-ALIPAY_COUPON",
         *       "orderStatus": "TICKETED",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "payAmount": {
         *         "value": "5000",
         *         "currency": "HKD"
         *       },
         *       "extInfo": {}
         *     }
         */
        AlipayCouponOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "ALIPAY_COUPON";
            /** @enum {string} */
            orderStatus: "TICKETED";
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /** @description Original amount. */
            amount?: components["schemas"]["Amount"];
            /** @description Amount the user actually paid. */
            payAmount?: components["schemas"]["Amount"];
            /** @description Extended order information. Required; its children are not public, so the object stays open. */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "ALIPAY_COUPON";
        };
        /**
         * Coupon-with-code order
         * @description `GIFT_CARD_COUPON`. A coupon with a scanned or written code. Statuses may be skipped but not reversed. A
         *     "Gift Card" product page on the same path lists `TICKETED` only and says AlipayHK returns the card number and a
         *     deeplink on success.
         * @example {
         *       "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
         *       "merchantBizType": "GIFT_CARD_COUPON",
         *       "merchantBizNo": "EX-GIFT_CARD_COUPON",
         *       "orderStatus": "TICKETED",
         *       "userId": "2160120000000001",
         *       "orderCreateTime": 1764122400000,
         *       "orderModifyTime": 1764122460000,
         *       "amount": {
         *         "value": "20000",
         *         "currency": "HKD"
         *       },
         *       "extInfo": {}
         *     }
         */
        GiftCardCouponOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "GIFT_CARD_COUPON";
            /** @enum {string} */
            orderStatus: "TICKETED" | "REFUNDED" | "USED";
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /** @description Original order amount. */
            amount?: components["schemas"]["Amount"];
            /** @description Amount actually paid for this order. */
            payAmount?: components["schemas"]["Amount"];
            /**
             * @description The campaign AlipayHK issues for the merchant to configure. The page names it but not where it goes; a
             *     top-level field is our guess (inferred), so any value is accepted and nothing requires it.
             */
            campaignId?: unknown;
            /**
             * @description Extended order information. AlipayHK's field list for this scenario is truncated after `amount`;
             *     `extInfo` is required on every scenario page where the list is complete, so it is required here by
             *     analogy (inferred). Its children are not public.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): required; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete.
             */
            extInfo?: {
                [key: string]: unknown;
            };
        } & unknown & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "GIFT_CARD_COUPON";
        };
        /** Order sync response */
        OrderSyncResponse: {
            result: components["schemas"]["Result"];
            /** @description AlipayHK's ID of this service order. */
            orderId?: string;
            /** @description The status AlipayHK now holds for the order. */
            orderStatus?: string;
            /**
             * @description "Business result" (`OrderDataDistributeInfo` items). AlipayHK does not publish the item fields; for gift cards
             *     the card number and a deeplink are probably returned here (inferred), so items stay open.
             */
            distributeResult?: {
                [key: string]: unknown;
            }[];
        };
        /**
         * Performance notification request
         * @description One notification command: the shared fields plus the `orderStatus` values of the template named by
         *     `productTemplateCode`.
         */
        PerformanceNotificationRequest: components["schemas"]["PaymentOrderNotification"] | components["schemas"]["FinanceOrderNotification"] | components["schemas"]["MovieTicketNotification"] | components["schemas"]["TrainTicketNotification"] | components["schemas"]["AirTicketNotification"] | components["schemas"]["RideHailingNotification"];
        /**
         * Performance notification fields
         * @description The fields every notification shares, as the performance-notification Base API page lists them. The page gives
         *     no maximum lengths, so none are set. A template adds its own `orderStatus` values.
         */
        PerformanceNotificationBase: {
            /**
             * @description A unique ID of this API call ("uuid"; the page's sample is a dashed 36-character UUID). A retry of the same
             *     call re-sends the same value.
             * @example d1c221e1-5993-4162-bdbf-f06f33389472
             */
            requestId: string;
            /** @enum {string} */
            command: "SEND" | "UPDATE";
            /**
             * @description The display template, provided by AlipayHK.
             * @enum {string}
             */
            productTemplateCode: "PAYMENT_ORDER_DEFAULT" | "FINANCE_ORDER_DEFAULT" | "MOVIE_TICKET_DEFAULT" | "TRAIN_TICKET_DEFAULT" | "AIR_TICKET_DEFAULT" | "RIDE_HAILING_DEFAULT";
            /**
             * @description The order's ID in the merchant's system; the same value refers to the same notification.
             * @example 20240524000001
             */
            merchantBizNo: string;
            /** @description The order's status; each template lists its own values. */
            orderStatus: string;
            /**
             * @description Epoch milliseconds of the business event (inferred from the 13-digit sample). It orders status changes and
             *     fast-changing data, so that an older update does not overwrite a newer one.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): a whole number; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page says "Number"; whole epoch milliseconds is our reading of its 13-digit sample.
             * @example 1632833743000
             */
            bizDate: number;
            /**
             * @description Epoch milliseconds when the notification expires. Default 24 hours after it was created.
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): a whole number; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page says "Number"; whole epoch milliseconds is our reading of its sample.
             * @example 1632920143000
             */
            endDate?: number;
            /**
             * @description ID of the AlipayHK user. Provide `userId` or `openId` (see `UserIdentity`).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not together with `openId`; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: AlipayHK says "either one openId or userId"; that both may not be sent together is our reading.
             * @example 2160120000000001
             */
            userId?: string;
            /**
             * @description The user's authorization ID for this merchant. Provide `openId` or `userId` (see `UserIdentity`).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): not together with `userId`; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: AlipayHK says "either one openId or userId"; that both may not be sent together is our reading.
             */
            openId?: string;
            syncDataInfo: components["schemas"]["SyncDataInfo"];
        } & components["schemas"]["UserIdentity"];
        /**
         * Notification data
         * @description The notification's display data. The stored page ends after `amount`; other members may exist, so the object
         *     stays open.
         */
        SyncDataInfo: ({
            /**
             * @description Display data per locale: `zh_HK` and `en_US` are the only keys. Each value is the template's BusinessInfo as
             *     a JSON string. A notification is hidden from a user whose app language has no entry. Whether the map itself
             *     is required is not visible on the page; this SDK requires it, as nothing can be shown without it (inferred).
             *
             *     Inferred (this SDK's reading, not AlipayHK's page): required; refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`. Why: the page's required marker for languageBusinessInfo is not visible; nothing can be shown without it.
             */
            languageBusinessInfo?: {
                zh_HK?: components["schemas"]["BusinessInfoJson"];
                en_US?: components["schemas"]["BusinessInfoJson"];
            };
            /**
             * @description Total order amount in cents (1 = $0.01). No currency member is documented.
             * @example 10000
             */
            amount?: number;
        } & {
            [key: string]: unknown;
        }) & unknown;
        /**
         * BusinessInfo as JSON text
         * @description The template's BusinessInfo (display data: `order_url`, `action_url`, names, times...) as a JSON string, as the
         *     Base API page shows it (`"zh_HK":"JSONString(BusinessInfo)"`). One template page's example nests an object
         *     instead; this SDK sends a string, and its client turns an object into one. Which keys each template requires is
         *     stated per template and status, and the pages disagree, so the object's content stays open.
         */
        BusinessInfoJson: string;
        /**
         * Payment order notification
         * @description `PAYMENT_ORDER_DEFAULT`: a bill to pay. Its two pages disagree on when the BusinessInfo keys are required
         *     (when `WAIT_PAY`, or except when `CLOSED`), so the BusinessInfo stays open.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "PAYMENT_ORDER_DEFAULT",
         *       "merchantBizNo": "NTF-PAYMENT_ORDER_DEFAULT",
         *       "orderStatus": "WAIT_PAY",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"bill_name\":\"AlipayHK\",\"bill_amount\":\"10000\",\"bill_amount_currency\":\"HKD\",\"bill_due_time\":\"2026-12-30\",\"order_url\":\"https://merchant.example/bills/1\"}"
         *         }
         *       }
         *     }
         */
        PaymentOrderNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "PAYMENT_ORDER_DEFAULT";
            /** @enum {string} */
            orderStatus: "WAIT_PAY" | "PAY_FAILED" | "OVERDUED" | "CLOSED";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "PAYMENT_ORDER_DEFAULT";
        };
        /**
         * Finance order notification
         * @description `FINANCE_ORDER_DEFAULT`: a repayment. The page requires its keys "when WAIT_PAY or OVERDUED", but `WAIT_PAY`
         *     is not one of its statuses (probably `WAIT_REPAY`), so the BusinessInfo stays open.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "FINANCE_ORDER_DEFAULT",
         *       "merchantBizNo": "NTF-FINANCE_ORDER_DEFAULT",
         *       "orderStatus": "WAIT_REPAY",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"bill_name\":\"Card repayment\",\"bill_amount\":\"250000\",\"bill_amount_currency\":\"HKD\",\"bill_month_time\":\"2026-11\"}"
         *         }
         *       }
         *     }
         */
        FinanceOrderNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "FINANCE_ORDER_DEFAULT";
            /** @enum {string} */
            orderStatus: "WAIT_REPAY" | "OVERDUED" | "CLOSED";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "FINANCE_ORDER_DEFAULT";
        };
        /**
         * Movie ticket notification
         * @description `MOVIE_TICKET_DEFAULT`: a movie about to show. Every BusinessInfo key is required when `AWAIT_SCREENING`
         *     (`cinema_name`, `movie_name`, `movie_start_date`, `movie_start_time`, `seat_num`, `order_url`...); the SDK does
         *     not check them, as the JSON text's content is not validated.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "MOVIE_TICKET_DEFAULT",
         *       "merchantBizNo": "NTF-MOVIE_TICKET_DEFAULT",
         *       "orderStatus": "AWAIT_SCREENING",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"movie_name\":\"Sample Movie\",\"cinema_name\":\"Harbour Cinema\",\"cinema_house\":\"House 3\",\"movie_start_date\":\"2026/12/24 (Thu)\",\"movie_start_time\":\"19:30\",\"seat_num\":[\"G12\",\"G13\"],\"order_url\":\"https://merchant.example/orders/1\"}"
         *         }
         *       }
         *     }
         */
        MovieTicketNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "MOVIE_TICKET_DEFAULT";
            /** @enum {string} */
            orderStatus: "AWAIT_SCREENING" | "CLOSED";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "MOVIE_TICKET_DEFAULT";
        };
        /**
         * Train ticket notification
         * @description `TRAIN_TICKET_DEFAULT`: a train about to leave. The page's required rule is cut off in the stored copy.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "TRAIN_TICKET_DEFAULT",
         *       "merchantBizNo": "NTF-TRAIN_TICKET_DEFAULT",
         *       "orderStatus": "AWAIT_SCREENING",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"from\":\"Hong Kong West Kowloon\",\"to\":\"Shenzhen Futian\",\"shift_number\":\"G5712\",\"start_time\":\"2026-12-24 09:15:00\",\"end_time\":\"2026-12-24 09:35:00\",\"seat_num\":[\"05A\"]}"
         *         }
         *       }
         *     }
         */
        TrainTicketNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "TRAIN_TICKET_DEFAULT";
            /** @enum {string} */
            orderStatus: "AWAIT_SCREENING" | "CLOSED";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "TRAIN_TICKET_DEFAULT";
        };
        /**
         * Air ticket notification
         * @description `AIR_TICKET_DEFAULT`: a flight. Its keys are optional only when `CLOSED`; one key's name (the airline logo)
         *     is missing from the stored page, so the BusinessInfo stays open.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "AIR_TICKET_DEFAULT",
         *       "merchantBizNo": "NTF-AIR_TICKET_DEFAULT",
         *       "orderStatus": "NEAR_DEPART",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"airline_name\":\"Sample Air\",\"flight_no\":\"SA123\",\"from\":\"Hong Kong\",\"to\":\"Tokyo\",\"start_time\":\"2026-12-24 10:00:00\",\"end_time\":\"2026-12-24 15:00:00\",\"order_url\":\"https://merchant.example/orders/2\"}"
         *         }
         *       }
         *     }
         */
        AirTicketNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "AIR_TICKET_DEFAULT";
            /** @enum {string} */
            orderStatus: "NEAR_DEPART" | "FLIGHT_CHANGE" | "FLIGHT_DELAYS" | "FLIGHT_CANCELLATION" | "CLOSED";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "AIR_TICKET_DEFAULT";
        };
        /**
         * Ride hailing notification
         * @description `RIDE_HAILING_DEFAULT`: a ride. Which keys each status requires is in a table that is not public.
         * @example {
         *       "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
         *       "command": "SEND",
         *       "productTemplateCode": "RIDE_HAILING_DEFAULT",
         *       "merchantBizNo": "NTF-RIDE_HAILING_DEFAULT",
         *       "orderStatus": "PENDING",
         *       "bizDate": 1764122400000,
         *       "userId": "2160120000000001",
         *       "syncDataInfo": {
         *         "languageBusinessInfo": {
         *           "en_US": "{\"auto_model\":\"Sample EV\",\"auto_color\":\"White\",\"driver_board_duration\":\"5\"}"
         *         }
         *       }
         *     }
         */
        RideHailingNotification: components["schemas"]["PerformanceNotificationBase"] & {
            /** @constant */
            productTemplateCode: "RIDE_HAILING_DEFAULT";
            /** @enum {string} */
            orderStatus: "PENDING" | "BOOKED" | "ORDER_TAKEN" | "TO_BOARD" | "SERVING" | "WAIT_PAY" | "FINISHED" | "TO_SEND" | "CLOSED" | "CANCEL_WAIT_PAY";
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            productTemplateCode: "RIDE_HAILING_DEFAULT";
        };
        /**
         * Performance notification response
         * @description Not published: AlipayHK's stored pages end before the response section. The `result` object is assumed from
         *     order sync and the gateway family (inferred); other members are allowed.
         */
        PerformanceNotificationResponse: {
            result: components["schemas"]["Result"];
        } & {
            [key: string]: unknown;
        };
        /**
         * Result
         * @description What happened to the call.
         */
        Result: {
            /**
             * @description A code for troubleshooting; the known values are listed in `ResultCode`. Other values may appear.
             * @example SUCCESS
             */
            resultCode: components["schemas"]["ResultCode"] | string;
            resultStatus: components["schemas"]["ResultStatus"];
            /**
             * @description A readable message. Not shown in the order-sync excerpt, present on every sibling API's answer.
             * @example success
             */
            resultMessage?: string;
        };
        /**
         * Result status
         * @enum {string}
         */
        ResultStatus: "S" | "F" | "U";
        /**
         * Result code
         * @description The result codes known for order sync and performance notifications. The first five are on AlipayHK's
         *     order-service pages, `ORDER_NOT_FOUND` on the performance-notification page (which also uses
         *     `UN_SUPPORT_BUSINESS`, for a SEND while a valid notification exists); the others are gateway codes seen on
         *     another AlipayHK API on the same host, likely but unconfirmed here. `x-result-codes` gives
         *     each code's usual `resultStatus` and whether a client retries it (with the same `requestId`).
         * @enum {string}
         */
        ResultCode: "SUCCESS" | "PARAM_ILLEGAL" | "ORDER_STATUS_INVALID" | "UNKNOWN_EXCEPTION" | "UN_SUPPORT_BUSINESS" | "PROCESS_FAIL" | "KEY_NOT_FOUND" | "ACCESS_DENIED" | "REQUEST_TRAFFIC_EXCEED_LIMIT" | "INVALID_API" | "INVALID_CLIENT" | "INVALID_SIGNATURE" | "METHOD_NOT_SUPPORTED" | "MEDIA_TYPE_NOT_ACCEPTABLE" | "ORDER_NOT_FOUND";
    };
    responses: never;
    parameters: {
        /**
         * @description Only when the body is encrypted. `algorithm=RSA_AES,keyVersion=1,symmetricKey=<URL-encoded base64>`:
         *     `algorithm` is `RSA_AES` (the only one AlipayHK supports), `keyVersion` the version of the key registered for the
         *     Client-Id (latest when omitted), `symmetricKey` the AES key encrypted with the recipient's RSA public key
         *     (RSAES-PKCS1-v1_5 in the Ant gateway family), base64 then URL-encoded. Set by the signing layer, not by hand.
         * @example algorithm=RSA_AES,keyVersion=1,symmetricKey=bqS8HSmdaRrpKSuPy7CqUlyd8lJurG93
         */
        Encrypt: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description ISO-8601 date-time of the response with a time zone offset. Part of the content AlipayHK signs.
         * @example 2024-05-22T06:42:21+05:30
         */
        ResponseTime: string;
        /**
         * @description An ID for tracing this request; quote it when asking AlipayHK support about a call.
         * @example abcdefg135202000000000263818
         */
        TracerId: string;
        /**
         * @description AlipayHK's signature of the response, in the same `algorithm=RSA256,keyVersion=1,signature=...` format as the
         *     request's. It covers `<method> <request path>\n<Client-Id>.<Response-Time>.<exact response body>`. A response
         *     without it must be treated as unverified and rejected.
         */
        ResponseSignature: string;
        /**
         * @description Present when the response body is encrypted (AlipayHK encrypts the answer to an encrypted request). Same format
         *     as the request's `Encrypt` header; the AES key is encrypted for the merchant's public key.
         */
        ResponseEncrypt: string;
        /**
         * @description The general headers apply to responses too, so the response may echo the Client-Id. AlipayHK's signature does not
         *     depend on this header: verification uses the Client-Id of the request.
         */
        ResponseClientId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    syncOrder: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Only when the body is encrypted. `algorithm=RSA_AES,keyVersion=1,symmetricKey=<URL-encoded base64>`:
                 *     `algorithm` is `RSA_AES` (the only one AlipayHK supports), `keyVersion` the version of the key registered for the
                 *     Client-Id (latest when omitted), `symmetricKey` the AES key encrypted with the recipient's RSA public key
                 *     (RSAES-PKCS1-v1_5 in the Ant gateway family), base64 then URL-encoded. Set by the signing layer, not by hand.
                 * @example algorithm=RSA_AES,keyVersion=1,symmetricKey=bqS8HSmdaRrpKSuPy7CqUlyd8lJurG93
                 */
                Encrypt?: components["parameters"]["Encrypt"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The order, as JSON (`application/json; charset=UTF-8`), or its RSA_AES ciphertext when `Encrypt` is sent. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderSyncRequest"];
            };
        };
        responses: {
            /**
             * @description The call was processed; `result.resultStatus` says how: `S` success, `F` failure (do not retry as is),
             *     `U` unknown (retry with the same `requestId`).
             */
            200: {
                headers: {
                    "Response-Time": components["headers"]["ResponseTime"];
                    "Tracer-Id": components["headers"]["TracerId"];
                    Signature: components["headers"]["ResponseSignature"];
                    Encrypt: components["headers"]["ResponseEncrypt"];
                    "Client-Id": components["headers"]["ResponseClientId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSyncResponse"];
                };
            };
            /**
             * @description A gateway-level answer (for example INVALID_SIGNATURE or INVALID_CLIENT) or an HTTP error. When the body is
             *     a signed `OrderSyncResponse`, it is read like the 200 answer; anything else is a transport failure.
             */
            default: {
                headers: {
                    "Response-Time": components["headers"]["ResponseTime"];
                    "Tracer-Id": components["headers"]["TracerId"];
                    Signature: components["headers"]["ResponseSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSyncResponse"];
                };
            };
        };
    };
    syncPerformanceNotification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Only when the body is encrypted. `algorithm=RSA_AES,keyVersion=1,symmetricKey=<URL-encoded base64>`:
                 *     `algorithm` is `RSA_AES` (the only one AlipayHK supports), `keyVersion` the version of the key registered for the
                 *     Client-Id (latest when omitted), `symmetricKey` the AES key encrypted with the recipient's RSA public key
                 *     (RSAES-PKCS1-v1_5 in the Ant gateway family), base64 then URL-encoded. Set by the signing layer, not by hand.
                 * @example algorithm=RSA_AES,keyVersion=1,symmetricKey=bqS8HSmdaRrpKSuPy7CqUlyd8lJurG93
                 */
                Encrypt?: components["parameters"]["Encrypt"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description The notification, as JSON (`application/json; charset=UTF-8`), or its RSA_AES ciphertext when `Encrypt` is sent. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["PerformanceNotificationRequest"];
            };
        };
        responses: {
            /** @description The call was processed; `result.resultStatus` says how (`S`, `F` or `U`, as for order sync). */
            200: {
                headers: {
                    "Response-Time": components["headers"]["ResponseTime"];
                    "Tracer-Id": components["headers"]["TracerId"];
                    Signature: components["headers"]["ResponseSignature"];
                    Encrypt: components["headers"]["ResponseEncrypt"];
                    "Client-Id": components["headers"]["ResponseClientId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PerformanceNotificationResponse"];
                };
            };
            /** @description A gateway-level answer or an HTTP error, read as for order sync. */
            default: {
                headers: {
                    "Response-Time": components["headers"]["ResponseTime"];
                    "Tracer-Id": components["headers"]["TracerId"];
                    Signature: components["headers"]["ResponseSignature"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PerformanceNotificationResponse"];
                };
            };
        };
    };
}
