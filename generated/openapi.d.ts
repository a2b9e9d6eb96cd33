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
         *     `onlyFrom` and `onlyTo` restrict particular moves; `onlyFrom` also keeps a new order from starting at that
         *     status, which is this SDK's reading of "only allowed from"). Re-sending the current status is always allowed (Queue Up
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
         * @description The fields every scenario shares, exactly as AlipayHK's Base API page lists them. A scenario adds its own
         *     `orderStatus` values and extra fields at the top level of the same object.
         */
        BaseOrder: {
            /**
             * @description A unique ID of this API call ("uuid"). A dashed UUID is 36 characters, so send it without dashes (32 hex
             *     characters). A retry of the same call re-sends the same value.
             * @example 3f1c2a9b8d7e4f60a1b2c3d4e5f60718
             */
            requestId: string;
            /**
             * @description The order's ID in the merchant's system. It must stay the same for every update of one order.
             * @example MT20240522000123
             */
            merchantBizNo: string;
            /** @description The order's status; each scenario lists its own values. */
            orderStatus: string;
            /**
             * @description ID of the AlipayHK user. Provide either `userId` or `openId`, not both.
             * @example 2160120000000001
             */
            userId?: string;
            /** @description The user's authorization ID for this merchant. Provide either `openId` or `userId`, not both. */
            openId?: string;
            /**
             * @description The scenario (type of order service).
             * @enum {string}
             */
            merchantBizType: "PASS_TICKET" | "ALIPAY_COUPON" | "GIFT_CARD_COUPON" | "CHARGING_PILE" | "MOVIE_TICKET" | "LINE_UP" | "RIDE_HAILING" | "SELF_PICK" | "TRAIN_TICKET";
            /**
             * Format: int64
             * @description Epoch milliseconds of the order's first business event. It must stay the same for every update of one order.
             * @example 1716360141000
             */
            orderCreateTime: number;
            /**
             * Format: int64
             * @description Epoch milliseconds of this business event. It must be new for every update: AlipayHK uses it to order status
             *     updates and discard out-of-order ones. Never earlier than `orderCreateTime` (inferred).
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
        } & components["schemas"]["UserIdentity"];
        /**
         * User identity
         * @description Exactly one of `userId` and `openId` identifies the user.
         */
        UserIdentity: {
            userId: string;
            openId?: never;
        } | {
            openId: string;
            userId?: never;
        };
        /**
         * Amount
         * @description A money amount. `value` is a string of minor units (cents), `currency` a 3-letter ISO 4217 code.
         */
        Amount: {
            /**
             * @description The amount in minor units (cents), as a string, e.g. `"12800"` for HKD 128.00.
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
            /** @description Extended order information. AlipayHK's field list for admission tickets is truncated after `payAmount`; `extInfo` (required on every other ticket scenario) is required here by analogy (inferred), and its children are not public. */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            merchantBizType: "PASS_TICKET";
        };
        /**
         * Train ticket order
         * @description `TRAIN_TICKET`. Train tickets, with the same statuses and logic as admission tickets.
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
         * @description `CHARGING_PILE`. An EV charging session. The statuses are those of AlipayHK's current EV Charging page (an
         *     older page had `SERVING`, `FAULT`, `COMPLETED` and `FINISHED`, with `COMPLETED` as an end status). The page does
         *     not say that statuses cannot be reversed, and a session moves between `SERVING` and `PAUSED`, so any move is
         *     allowed except out of `FINISHED`.
         */
        ChargingPileOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "CHARGING_PILE";
            /** @enum {string} */
            orderStatus: "SERVING" | "SERVING_WO_ENDTIME" | "SERVING_LITE" | "PAUSED" | "COMPLETED" | "PARKING_DUE" | "FINISHED";
            /** @description Alipay transaction number. */
            tradeNo?: string;
            /**
             * @description Extended order information. The older EV page names `amount` and `surcharge_amount` (snake_case, as the
             *     page spells it); the rest of its list is not public, so the object stays open.
             */
            extInfo: {
                /** @description Order amount. */
                amount?: components["schemas"]["Amount"];
                /** @description Surcharge for exceeding the charging or parking time limit. */
                surcharge_amount?: components["schemas"]["Amount"];
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
         *     skipped but not reversed, and `CANCELLED` is only allowed from `CALL_NUM`. The page labels no end status.
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
         */
        SelfPickOrder: components["schemas"]["BaseOrder"] & {
            /** @constant */
            merchantBizType: "SELF_PICK";
            /** @enum {string} */
            orderStatus: "PENDING" | "ORDER_TAKEN" | "TO_PICK_UP" | "FINISHED" | "CLOSED" | "REFUNDED";
            /** @description Total order amount. */
            amount: components["schemas"]["Amount"];
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
         *     driver can cancel, `TO_SEND`, and the search starts again) and labels no end status, so any move is allowed.
         *     Which `extInfo` fields each status requires is in a table that is not public.
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
         *     the Card Wallet. It has a single status.
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
             * @description Extended order information. AlipayHK's field list for this scenario is truncated after `amount`;
             *     `extInfo` is required on every scenario page where the list is complete, so it is required here by
             *     analogy (inferred). Its children are not public.
             */
            extInfo: {
                [key: string]: unknown;
            };
        } & {
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
         * Result
         * @description What happened to the call.
         */
        Result: {
            /**
             * @description A code for troubleshooting; the known values are listed in `ResultCode`. Other values may appear.
             * @example SUCCESS
             */
            resultCode: string;
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
         * @description The result codes known for order sync. The first five are on AlipayHK's order-service pages; the others are
         *     gateway codes seen on another AlipayHK API on the same host, likely but unconfirmed here. `x-result-codes` gives
         *     each code's usual `resultStatus` and whether a client retries it (with the same `requestId`).
         * @enum {string}
         */
        ResultCode: "SUCCESS" | "PARAM_ILLEGAL" | "ORDER_STATUS_INVALID" | "UNKNOWN_EXCEPTION" | "UN_SUPPORT_BUSINESS" | "PROCESS_FAIL" | "KEY_NOT_FOUND" | "ACCESS_DENIED" | "REQUEST_TRAFFIC_EXCEED_LIMIT" | "INVALID_API" | "INVALID_CLIENT" | "INVALID_SIGNATURE" | "METHOD_NOT_SUPPORTED" | "MEDIA_TYPE_NOT_ACCEPTABLE";
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
}
