// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.
import type { OperationDescriptor as OperationDescriptor$ } from "../src/model-types.js";
import { withKeywordChecks as withKeywordChecks$, minimum as minimum$, maxLength as maxLength$, minLength as minLength$, pattern as pattern$, format as format$, items as items$, xNotBefore as xNotBefore$, contentMediaType as contentMediaType$ } from "../src/keywords.js";
import { schema$UserIdentity, schema$OrderSyncRequest, schema$TrainTicketOrder, schema$Amount, schema$BaseOrder, schema$SelfPickOrder, schema$RideHailingOrder, schema$LineUpOrder, schema$ShopInfo, schema$MultiLang, schema$MovieTicketOrder, schema$ChargingPileOrder, schema$GiftCardCouponOrder, schema$AlipayCouponOrder, schema$PassTicketOrder, schema$PerformanceNotificationRequest, schema$RideHailingNotification, schema$PerformanceNotificationBase, schema$SyncDataInfo, schema$BusinessInfoJson, schema$AirTicketNotification, schema$TrainTicketNotification, schema$MovieTicketNotification, schema$FinanceOrderNotification, schema$PaymentOrderNotification } from "./model.js";

/** syncOrder: POST /api/open/alipay/v1/merchant/order/sync, with the schemas its request reaches. */
export const syncOrder = {
  "operationId": "syncOrder",
  "method": "POST",
  "path": "/api/open/alipay/v1/merchant/order/sync",
  "schema": "OrderSyncRequest",
  "idempotencyKey": "requestId",
  "retryable": ["UNKNOWN_EXCEPTION","REQUEST_TRAFFIC_EXCEED_LIMIT"],
  "schemas": /* @__PURE__ */ withKeywordChecks$({ minimum: minimum$, maxLength: maxLength$, minLength: minLength$, pattern: pattern$, format: format$, items: items$, "x-not-before": xNotBefore$ }, {
    "UserIdentity": schema$UserIdentity,
    "OrderSyncRequest": schema$OrderSyncRequest,
    "TrainTicketOrder": schema$TrainTicketOrder,
    "Amount": schema$Amount,
    "BaseOrder": schema$BaseOrder,
    "SelfPickOrder": schema$SelfPickOrder,
    "RideHailingOrder": schema$RideHailingOrder,
    "LineUpOrder": schema$LineUpOrder,
    "ShopInfo": schema$ShopInfo,
    "MultiLang": schema$MultiLang,
    "MovieTicketOrder": schema$MovieTicketOrder,
    "ChargingPileOrder": schema$ChargingPileOrder,
    "GiftCardCouponOrder": schema$GiftCardCouponOrder,
    "AlipayCouponOrder": schema$AlipayCouponOrder,
    "PassTicketOrder": schema$PassTicketOrder
  })
} as const satisfies OperationDescriptor$;

/** syncPerformanceNotification: POST /api/open/alipay/intl/promotion/order/contractCardSync, with the schemas its request reaches. */
export const syncPerformanceNotification = {
  "operationId": "syncPerformanceNotification",
  "method": "POST",
  "path": "/api/open/alipay/intl/promotion/order/contractCardSync",
  "schema": "PerformanceNotificationRequest",
  "idempotencyKey": "requestId",
  "retryable": ["UNKNOWN_EXCEPTION","REQUEST_TRAFFIC_EXCEED_LIMIT"],
  "schemas": /* @__PURE__ */ withKeywordChecks$({ format: format$, contentMediaType: contentMediaType$ }, {
    "PerformanceNotificationRequest": schema$PerformanceNotificationRequest,
    "RideHailingNotification": schema$RideHailingNotification,
    "PerformanceNotificationBase": schema$PerformanceNotificationBase,
    "UserIdentity": schema$UserIdentity,
    "SyncDataInfo": schema$SyncDataInfo,
    "BusinessInfoJson": schema$BusinessInfoJson,
    "AirTicketNotification": schema$AirTicketNotification,
    "TrainTicketNotification": schema$TrainTicketNotification,
    "MovieTicketNotification": schema$MovieTicketNotification,
    "FinanceOrderNotification": schema$FinanceOrderNotification,
    "PaymentOrderNotification": schema$PaymentOrderNotification
  })
} as const satisfies OperationDescriptor$;
