// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.
import type { Descriptions, Example, InferredConstraint, Operation, OperationDetails, ResultCodeFacts, Schema, SchemaTable, Variants } from "../src/model-types.js";
import { withKeywordChecks, minimum, maxLength, minLength, pattern, format, items, contentMediaType, xNotBefore } from "../src/keywords.js";

// The request schemas, each its own const: SCHEMAS and the operation descriptors of operations.ts hold them.
export const schema$PerformanceNotificationRequest = {
  "type": "object",
  "oneOf": [
    {"$ref":"PaymentOrderNotification"},
    {"$ref":"FinanceOrderNotification"},
    {"$ref":"MovieTicketNotification"},
    {"$ref":"TrainTicketNotification"},
    {"$ref":"AirTicketNotification"},
    {"$ref":"RideHailingNotification"}
  ],
  "discriminator": {
    "propertyName": "productTemplateCode",
    "mapping": {
      "PAYMENT_ORDER_DEFAULT": "PaymentOrderNotification",
      "FINANCE_ORDER_DEFAULT": "FinanceOrderNotification",
      "MOVIE_TICKET_DEFAULT": "MovieTicketNotification",
      "TRAIN_TICKET_DEFAULT": "TrainTicketNotification",
      "AIR_TICKET_DEFAULT": "AirTicketNotification",
      "RIDE_HAILING_DEFAULT": "RideHailingNotification"
    }
  }
} as const satisfies Schema;
export const schema$RideHailingNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"RIDE_HAILING_DEFAULT"},
        "orderStatus": {
          "type": "string",
          "enum": [
            "PENDING",
            "BOOKED",
            "ORDER_TAKEN",
            "TO_BOARD",
            "SERVING",
            "WAIT_PAY",
            "FINISHED",
            "TO_SEND",
            "CLOSED",
            "CANCEL_WAIT_PAY"
          ]
        }
      }
    }
  ]
} as const satisfies Schema;
export const schema$PerformanceNotificationBase = {
  "type": "object",
  "required": ["requestId","command","productTemplateCode","merchantBizNo","orderStatus","bizDate","syncDataInfo"],
  "properties": {
    "requestId": {"type":"string"},
    "command": {"type":"string","enum":["SEND","UPDATE"]},
    "productTemplateCode": {
      "type": "string",
      "enum": [
        "PAYMENT_ORDER_DEFAULT",
        "FINANCE_ORDER_DEFAULT",
        "MOVIE_TICKET_DEFAULT",
        "TRAIN_TICKET_DEFAULT",
        "AIR_TICKET_DEFAULT",
        "RIDE_HAILING_DEFAULT"
      ]
    },
    "merchantBizNo": {"type":"string"},
    "orderStatus": {"type":"string"},
    "bizDate": {
      "type": "number",
      "allOf": [
        {
          "type": "integer",
          "format": "int64",
          "x-inferred": "the page says \"Number\"; whole epoch milliseconds is our reading of its 13-digit sample."
        }
      ]
    },
    "endDate": {
      "type": "number",
      "allOf": [
        {
          "type": "integer",
          "format": "int64",
          "x-inferred": "the page says \"Number\"; whole epoch milliseconds is our reading of its sample."
        }
      ]
    },
    "userId": {"type":"string"},
    "openId": {"type":"string"},
    "syncDataInfo": {"$ref":"SyncDataInfo"}
  },
  "allOf": [{"$ref":"UserIdentity"}]
} as const satisfies Schema;
export const schema$UserIdentity = {
  "anyOf": [
    {"required":["userId"],"properties":{"userId":{"type":"string"}}},
    {"required":["openId"],"properties":{"openId":{"type":"string"}}}
  ],
  "not": {
    "required": ["userId","openId"],
    "properties": {"userId":{"type":"string"},"openId":{"type":"string"}},
    "x-inferred": "AlipayHK says \"either one openId or userId\"; that both may not be sent together is our reading."
  }
} as const satisfies Schema;
export const schema$SyncDataInfo = {
  "type": "object",
  "properties": {
    "languageBusinessInfo": {
      "type": "object",
      "properties": {"zh_HK":{"$ref":"BusinessInfoJson"},"en_US":{"$ref":"BusinessInfoJson"}},
      "additionalProperties": false
    },
    "amount": {"type":"integer"}
  },
  "allOf": [
    {
      "required": ["languageBusinessInfo"],
      "x-inferred": "the page's required marker for languageBusinessInfo is not visible; nothing can be shown without it."
    }
  ]
} as const satisfies Schema;
export const schema$BusinessInfoJson = {"type":"string","contentMediaType":"application/json","contentSchema":{"type":"object"}} as const satisfies Schema;
export const schema$AirTicketNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"AIR_TICKET_DEFAULT"},
        "orderStatus": {
          "type": "string",
          "enum": ["NEAR_DEPART","FLIGHT_CHANGE","FLIGHT_DELAYS","FLIGHT_CANCELLATION","CLOSED"]
        }
      }
    }
  ]
} as const satisfies Schema;
export const schema$TrainTicketNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"TRAIN_TICKET_DEFAULT"},
        "orderStatus": {"type":"string","enum":["AWAIT_SCREENING","CLOSED"]}
      }
    }
  ]
} as const satisfies Schema;
export const schema$MovieTicketNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"MOVIE_TICKET_DEFAULT"},
        "orderStatus": {"type":"string","enum":["AWAIT_SCREENING","CLOSED"]}
      }
    }
  ]
} as const satisfies Schema;
export const schema$FinanceOrderNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"FINANCE_ORDER_DEFAULT"},
        "orderStatus": {"type":"string","enum":["WAIT_REPAY","OVERDUED","CLOSED"]}
      }
    }
  ]
} as const satisfies Schema;
export const schema$PaymentOrderNotification = {
  "allOf": [
    {"$ref":"PerformanceNotificationBase"},
    {
      "type": "object",
      "required": ["productTemplateCode","orderStatus"],
      "properties": {
        "productTemplateCode": {"const":"PAYMENT_ORDER_DEFAULT"},
        "orderStatus": {"type":"string","enum":["WAIT_PAY","PAY_FAILED","OVERDUED","CLOSED"]}
      }
    }
  ]
} as const satisfies Schema;
export const schema$OrderSyncRequest = {
  "type": "object",
  "oneOf": [
    {"$ref":"PassTicketOrder"},
    {"$ref":"AlipayCouponOrder"},
    {"$ref":"GiftCardCouponOrder"},
    {"$ref":"ChargingPileOrder"},
    {"$ref":"MovieTicketOrder"},
    {"$ref":"LineUpOrder"},
    {"$ref":"RideHailingOrder"},
    {"$ref":"SelfPickOrder"},
    {"$ref":"TrainTicketOrder"}
  ],
  "discriminator": {
    "propertyName": "merchantBizType",
    "mapping": {
      "PASS_TICKET": "PassTicketOrder",
      "ALIPAY_COUPON": "AlipayCouponOrder",
      "GIFT_CARD_COUPON": "GiftCardCouponOrder",
      "CHARGING_PILE": "ChargingPileOrder",
      "MOVIE_TICKET": "MovieTicketOrder",
      "LINE_UP": "LineUpOrder",
      "RIDE_HAILING": "RideHailingOrder",
      "SELF_PICK": "SelfPickOrder",
      "TRAIN_TICKET": "TrainTicketOrder"
    }
  }
} as const satisfies Schema;
export const schema$TrainTicketOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","extInfo"],
      "properties": {
        "merchantBizType": {"const":"TRAIN_TICKET"},
        "orderStatus": {"type":"string","enum":["TICKETED","REFUNDED","USED"]},
        "amount": {"$ref":"Amount"},
        "payAmount": {"$ref":"Amount"},
        "tradeNo": {"type":"string"},
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$Amount = {
  "type": "object",
  "required": ["value","currency"],
  "properties": {"value":{"type":"string"},"currency":{"type":"string","pattern":"^[A-Z]{3}$"}}
} as const satisfies Schema;
export const schema$BaseOrder = {
  "type": "object",
  "required": ["requestId","merchantBizNo","orderStatus","merchantBizType","orderCreateTime","orderModifyTime"],
  "properties": {
    "requestId": {
      "type": "string",
      "maxLength": 32,
      "allOf": [
        {
          "minLength": 1,
          "x-inferred": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
        }
      ]
    },
    "merchantBizNo": {
      "type": "string",
      "maxLength": 32,
      "allOf": [
        {
          "minLength": 1,
          "x-inferred": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
        }
      ]
    },
    "orderStatus": {"type":"string","maxLength":32},
    "userId": {
      "type": "string",
      "maxLength": 64,
      "allOf": [
        {
          "minLength": 1,
          "x-inferred": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
        }
      ]
    },
    "openId": {
      "type": "string",
      "maxLength": 64,
      "allOf": [
        {
          "minLength": 1,
          "x-inferred": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
        }
      ]
    },
    "merchantBizType": {
      "type": "string",
      "enum": [
        "PASS_TICKET",
        "ALIPAY_COUPON",
        "GIFT_CARD_COUPON",
        "CHARGING_PILE",
        "MOVIE_TICKET",
        "LINE_UP",
        "RIDE_HAILING",
        "SELF_PICK",
        "TRAIN_TICKET"
      ]
    },
    "orderCreateTime": {
      "type": "number",
      "allOf": [
        {
          "type": "integer",
          "format": "int64",
          "minimum": 0,
          "x-inferred": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
        }
      ]
    },
    "orderModifyTime": {
      "type": "number",
      "allOf": [
        {
          "type": "integer",
          "format": "int64",
          "minimum": 0,
          "x-inferred": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
        }
      ]
    },
    "merchantAccountId": {"type":"string","maxLength":64},
    "merchantId": {"type":"string","maxLength":64},
    "tinyAppId": {"type":"string"}
  },
  "allOf": [
    {"$ref":"UserIdentity"},
    {
      "x-not-before": {"orderModifyTime":"orderCreateTime"},
      "x-inferred": "the page does not say that an update's time cannot precede the order's creation; that it cannot is our reading."
    }
  ]
} as const satisfies Schema;
export const schema$SelfPickOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","amount","itemOrderList","shopInfo","extInfo"],
      "properties": {
        "merchantBizType": {"const":"SELF_PICK"},
        "orderStatus": {"type":"string","enum":["PENDING","ORDER_TAKEN","TO_PICK_UP","FINISHED","CLOSED","REFUNDED"]},
        "amount": {"allOf":[{"$ref":"Amount"},{"properties":{"value":{"maxLength":64}}}]},
        "discountAmount": {"$ref":"Amount"},
        "actualAmount": {"$ref":"Amount"},
        "tradeNo": {"type":"string"},
        "itemOrderList": {"type":"array","items":{"type":"object"}},
        "shopInfo": {"type":"object"},
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$RideHailingOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","extInfo"],
      "properties": {
        "merchantBizType": {"const":"RIDE_HAILING"},
        "orderStatus": {
          "type": "string",
          "enum": [
            "PENDING",
            "BOOKED",
            "ORDER_TAKEN",
            "TO_BOARD",
            "SERVING",
            "WAIT_PAY",
            "FINISHED",
            "TO_SEND",
            "CLOSED",
            "CANCEL_WAIT_PAY"
          ]
        },
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$LineUpOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","shopInfo","extInfo"],
      "properties": {
        "merchantBizType": {"const":"LINE_UP"},
        "orderStatus": {"type":"string","enum":["CALL_NUM","NUMBER_ARRIVED","NUMBER_PASSED","CANCELLED","FINISHED"]},
        "shopInfo": {"$ref":"ShopInfo"},
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$ShopInfo = {
  "type": "object",
  "required": ["extInfo"],
  "properties": {"extInfo":{"type":"object","properties":{"multiLang":{"$ref":"MultiLang"}}}}
} as const satisfies Schema;
export const schema$MultiLang = {"type":"object","properties":{"zh_HK":{"type":"object"},"en_US":{"type":"object"}}} as const satisfies Schema;
export const schema$MovieTicketOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","extInfo"],
      "properties": {
        "merchantBizType": {"const":"MOVIE_TICKET"},
        "orderStatus": {"type":"string","enum":["TICKETED","REFUNDED","USED"]},
        "amount": {"$ref":"Amount"},
        "payAmount": {"$ref":"Amount"},
        "tradeNo": {"type":"string"},
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$ChargingPileOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","extInfo"],
      "properties": {
        "merchantBizType": {"const":"CHARGING_PILE"},
        "orderStatus": {
          "type": "string",
          "enum": [
            "SERVING",
            "SERVING_WO_ENDTIME",
            "SERVING_LITE",
            "PAUSED",
            "COMPLETED",
            "PARKING_DUE",
            "FINISHED",
            "FAULT"
          ]
        },
        "tradeNo": {"type":"string"},
        "extInfo": {"type":"object","properties":{"amount":{"$ref":"Amount"},"surcharge_amount":{}}}
      }
    }
  ]
} as const satisfies Schema;
export const schema$GiftCardCouponOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus"],
      "properties": {
        "merchantBizType": {"const":"GIFT_CARD_COUPON"},
        "orderStatus": {"type":"string","enum":["TICKETED","REFUNDED","USED"]},
        "tradeNo": {"type":"string"},
        "amount": {"$ref":"Amount"},
        "payAmount": {"$ref":"Amount"},
        "campaignId": {},
        "extInfo": {"type":"object"}
      }
    },
    {
      "required": ["extInfo"],
      "x-inferred": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
    }
  ]
} as const satisfies Schema;
export const schema$AlipayCouponOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus","extInfo"],
      "properties": {
        "merchantBizType": {"const":"ALIPAY_COUPON"},
        "orderStatus": {"type":"string","enum":["TICKETED"]},
        "tradeNo": {"type":"string"},
        "amount": {"$ref":"Amount"},
        "payAmount": {"$ref":"Amount"},
        "extInfo": {"type":"object"}
      }
    }
  ]
} as const satisfies Schema;
export const schema$PassTicketOrder = {
  "allOf": [
    {"$ref":"BaseOrder"},
    {
      "type": "object",
      "required": ["merchantBizType","orderStatus"],
      "properties": {
        "merchantBizType": {"const":"PASS_TICKET"},
        "orderStatus": {"type":"string","enum":["TICKETED","REFUNDED","USED"]},
        "amount": {"$ref":"Amount"},
        "payAmount": {"$ref":"Amount"},
        "tradeNo": {"type":"string"},
        "extInfo": {"type":"object"}
      }
    },
    {
      "required": ["extInfo"],
      "x-inferred": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
    }
  ]
} as const satisfies Schema;

export const SERVERS = {"production":"https://open.alipay.hk","testing":"https://open-id-pre.alipay.com"} as const satisfies Readonly<Record<string, string>>;

export const OPERATIONS = {
  "syncOrder": {
    "method": "POST",
    "path": "/api/open/alipay/v1/merchant/order/sync",
    "schema": "OrderSyncRequest",
    "idempotencyKey": "requestId",
    "retryable": ["UNKNOWN_EXCEPTION","REQUEST_TRAFFIC_EXCEED_LIMIT"]
  },
  "syncPerformanceNotification": {
    "method": "POST",
    "path": "/api/open/alipay/intl/promotion/order/contractCardSync",
    "schema": "PerformanceNotificationRequest",
    "idempotencyKey": "requestId",
    "retryable": ["UNKNOWN_EXCEPTION","REQUEST_TRAFFIC_EXCEED_LIMIT"]
  }
} as const satisfies Readonly<Record<string, Operation>>;

export const OPERATION_DETAILS = {
  "syncOrder": {
    "requestHeaders": ["Encrypt","Client-Id","Request-Time","Signature"],
    "responses": {
      "200": {
        "headers": ["Response-Time","Tracer-Id","Signature","Encrypt","Client-Id"],
        "schema": "OrderSyncResponse"
      },
      "default": {"headers":["Response-Time","Tracer-Id","Signature"],"schema":"OrderSyncResponse"}
    },
    "resultCodes": [
      "SUCCESS",
      "PARAM_ILLEGAL",
      "ORDER_STATUS_INVALID",
      "UNKNOWN_EXCEPTION",
      "UN_SUPPORT_BUSINESS",
      "PROCESS_FAIL",
      "KEY_NOT_FOUND",
      "ACCESS_DENIED",
      "REQUEST_TRAFFIC_EXCEED_LIMIT",
      "INVALID_API",
      "INVALID_CLIENT",
      "INVALID_SIGNATURE",
      "METHOD_NOT_SUPPORTED",
      "MEDIA_TYPE_NOT_ACCEPTABLE",
      "ORDER_NOT_FOUND"
    ]
  },
  "syncPerformanceNotification": {
    "requestHeaders": ["Encrypt","Client-Id","Request-Time","Signature"],
    "responses": {
      "200": {
        "headers": ["Response-Time","Tracer-Id","Signature","Encrypt","Client-Id"],
        "schema": "PerformanceNotificationResponse"
      },
      "default": {"headers":["Response-Time","Tracer-Id","Signature"],"schema":"PerformanceNotificationResponse"}
    },
    "resultCodes": [
      "SUCCESS",
      "PARAM_ILLEGAL",
      "ORDER_STATUS_INVALID",
      "UNKNOWN_EXCEPTION",
      "UN_SUPPORT_BUSINESS",
      "PROCESS_FAIL",
      "KEY_NOT_FOUND",
      "ACCESS_DENIED",
      "REQUEST_TRAFFIC_EXCEED_LIMIT",
      "INVALID_API",
      "INVALID_CLIENT",
      "INVALID_SIGNATURE",
      "METHOD_NOT_SUPPORTED",
      "MEDIA_TYPE_NOT_ACCEPTABLE",
      "ORDER_NOT_FOUND"
    ]
  }
} as const satisfies Readonly<Record<string, OperationDetails>>;

export const RESULT_CODES = {
  "SUCCESS": {"status":"S","retryable":false,"message":"Success."},
  "PARAM_ILLEGAL": {"status":"F","retryable":false,"message":"The request is invalid, usually a missing parameter."},
  "ORDER_STATUS_INVALID": {
    "status": "F",
    "retryable": false,
    "message": "The status does not belong to the scenario, or the scenario's rules forbid this move."
  },
  "UNKNOWN_EXCEPTION": {
    "status": "U",
    "retryable": true,
    "message": "Unknown exception; retry. The Base API page says F, other AlipayHK pages say U; retried either way."
  },
  "UN_SUPPORT_BUSINESS": {
    "status": "F",
    "retryable": false,
    "message": "The service is not available, e.g. the merchant is not onboarded; check with support."
  },
  "PROCESS_FAIL": {"status":"F","retryable":false,"message":"Gateway processing failure."},
  "KEY_NOT_FOUND": {"status":"F","retryable":false,"message":"No key is registered for the Client-Id and keyVersion."},
  "ACCESS_DENIED": {"status":"F","retryable":false,"message":"The client may not call this API."},
  "REQUEST_TRAFFIC_EXCEED_LIMIT": {"status":"U","retryable":true,"message":"Rate limited; retry later."},
  "INVALID_API": {"status":"F","retryable":false,"message":"The API does not exist."},
  "INVALID_CLIENT": {"status":"F","retryable":false,"message":"The Client-Id is unknown."},
  "INVALID_SIGNATURE": {"status":"F","retryable":false,"message":"The request signature does not verify."},
  "METHOD_NOT_SUPPORTED": {"status":"F","retryable":false,"message":"The HTTP method is not supported."},
  "MEDIA_TYPE_NOT_ACCEPTABLE": {"status":"F","retryable":false,"message":"The Content-Type is not accepted."},
  "ORDER_NOT_FOUND": {
    "status": "F",
    "retryable": false,
    "message": "Performance notification UPDATE of a notification that does not exist. Its status letter is not published; F is inferred."
  }
} as const satisfies Readonly<Record<string, ResultCodeFacts>>;

export const RESULT_RETRYABLE = {
  "SUCCESS": false,
  "PARAM_ILLEGAL": false,
  "ORDER_STATUS_INVALID": false,
  "UNKNOWN_EXCEPTION": true,
  "UN_SUPPORT_BUSINESS": false,
  "PROCESS_FAIL": false,
  "KEY_NOT_FOUND": false,
  "ACCESS_DENIED": false,
  "REQUEST_TRAFFIC_EXCEED_LIMIT": true,
  "INVALID_API": false,
  "INVALID_CLIENT": false,
  "INVALID_SIGNATURE": false,
  "METHOD_NOT_SUPPORTED": false,
  "MEDIA_TYPE_NOT_ACCEPTABLE": false,
  "ORDER_NOT_FOUND": false
} as const satisfies Readonly<Record<string, boolean>>;

export const VARIANTS = {
  "syncOrder": {
    "property": "merchantBizType",
    "statusProperty": "orderStatus",
    "values": {
      "PASS_TICKET": {
        "statuses": ["TICKETED","REFUNDED","USED"],
        "endStatuses": ["REFUNDED","USED"],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "ALIPAY_COUPON": {
        "statuses": ["TICKETED"],
        "endStatuses": [],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {},
        "responseRequired": ["orderId","orderStatus","distributeResult"]
      },
      "GIFT_CARD_COUPON": {
        "statuses": ["TICKETED","REFUNDED","USED"],
        "endStatuses": ["REFUNDED","USED"],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "CHARGING_PILE": {
        "statuses": ["SERVING","SERVING_WO_ENDTIME","SERVING_LITE","PAUSED","COMPLETED","PARKING_DUE","FINISHED","FAULT"],
        "endStatuses": ["FINISHED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "MOVIE_TICKET": {
        "statuses": ["TICKETED","REFUNDED","USED"],
        "endStatuses": ["REFUNDED","USED"],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "LINE_UP": {
        "statuses": ["CALL_NUM","NUMBER_ARRIVED","NUMBER_PASSED","CANCELLED","FINISHED"],
        "endStatuses": [],
        "reversible": false,
        "onlyFrom": {"CANCELLED":["CALL_NUM"]},
        "onlyTo": {},
        "inferred": {
          "newOrders": "AlipayHK says a notification may start from any status; that \"only from CALL_NUM\" also keeps a new order from starting as CANCELLED is our reading."
        }
      },
      "RIDE_HAILING": {
        "statuses": [
          "PENDING",
          "BOOKED",
          "ORDER_TAKEN",
          "TO_BOARD",
          "SERVING",
          "WAIT_PAY",
          "FINISHED",
          "TO_SEND",
          "CLOSED",
          "CANCEL_WAIT_PAY"
        ],
        "endStatuses": [],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "SELF_PICK": {
        "statuses": ["PENDING","ORDER_TAKEN","TO_PICK_UP","FINISHED","CLOSED","REFUNDED"],
        "endStatuses": ["FINISHED","CLOSED","REFUNDED"],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {"TO_PICK_UP":["FINISHED"]},
        "inferred": {}
      },
      "TRAIN_TICKET": {
        "statuses": ["TICKETED","REFUNDED","USED"],
        "endStatuses": ["REFUNDED","USED"],
        "reversible": false,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      }
    }
  },
  "syncPerformanceNotification": {
    "property": "productTemplateCode",
    "statusProperty": "orderStatus",
    "values": {
      "PAYMENT_ORDER_DEFAULT": {
        "statuses": ["WAIT_PAY","PAY_FAILED","OVERDUED","CLOSED"],
        "endStatuses": ["CLOSED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "FINANCE_ORDER_DEFAULT": {
        "statuses": ["WAIT_REPAY","OVERDUED","CLOSED"],
        "endStatuses": ["CLOSED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "MOVIE_TICKET_DEFAULT": {
        "statuses": ["AWAIT_SCREENING","CLOSED"],
        "endStatuses": ["CLOSED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "TRAIN_TICKET_DEFAULT": {
        "statuses": ["AWAIT_SCREENING","CLOSED"],
        "endStatuses": ["CLOSED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "AIR_TICKET_DEFAULT": {
        "statuses": ["NEAR_DEPART","FLIGHT_CHANGE","FLIGHT_DELAYS","FLIGHT_CANCELLATION","CLOSED"],
        "endStatuses": ["CLOSED"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      },
      "RIDE_HAILING_DEFAULT": {
        "statuses": [
          "PENDING",
          "BOOKED",
          "ORDER_TAKEN",
          "TO_BOARD",
          "SERVING",
          "WAIT_PAY",
          "FINISHED",
          "TO_SEND",
          "CLOSED",
          "CANCEL_WAIT_PAY"
        ],
        "endStatuses": ["FINISHED","CLOSED","CANCEL_WAIT_PAY"],
        "reversible": true,
        "onlyFrom": {},
        "onlyTo": {},
        "inferred": {}
      }
    }
  }
} as const satisfies Readonly<Record<string, Variants>>;

export const DESCRIPTIONS = {
  "syncOrder": {
    "PASS_TICKET": {
      "variant": "Admission tickets.",
      "statuses": {
        "TICKETED": "Ticket issued into the Card Wallet.",
        "REFUNDED": "Order refunded; the ticket disappears (end status).",
        "USED": "Ticket used (end status)."
      }
    },
    "ALIPAY_COUPON": {
      "variant": "Auto-deducting voucher used within the AlipayHK app.",
      "statuses": {"TICKETED":"The voucher is issued into the Card Wallet."}
    },
    "GIFT_CARD_COUPON": {
      "variant": "Coupon with a scanned or written code.",
      "statuses": {
        "TICKETED": "The coupon is issued.",
        "REFUNDED": "The coupon disappears (end status).",
        "USED": "The coupon is used (end status)."
      }
    },
    "CHARGING_PILE": {
      "variant": "EV charging.",
      "statuses": {
        "SERVING": "Charging.",
        "SERVING_WO_ENDTIME": "Charging; the end time is unknown.",
        "SERVING_LITE": "Charging; the end time and progress are unknown.",
        "PAUSED": "Charging paused.",
        "COMPLETED": "Charging completed.",
        "PARKING_DUE": "The free parking period is due.",
        "FINISHED": "The charging session is finished; the notification is hidden (end status).",
        "FAULT": "Charging paused by a fault. Listed on AlipayHK's older EV Charging page only (the current page has PAUSED)."
      }
    },
    "MOVIE_TICKET": {
      "variant": "Movie tickets.",
      "statuses": {
        "TICKETED": "Ticket issued into the Card Wallet.",
        "REFUNDED": "Order refunded; the ticket disappears (end status).",
        "USED": "Ticket used (end status)."
      }
    },
    "LINE_UP": {
      "variant": "Queue up.",
      "statuses": {
        "CALL_NUM": "The queue started or a number was called; re-send on every call.",
        "NUMBER_ARRIVED": "The user's number is reached; hidden after 10 minutes.",
        "NUMBER_PASSED": "The number was already called; hidden after 10 minutes.",
        "CANCELLED": "The queue ticket was cancelled; only from CALL_NUM.",
        "FINISHED": "The service order is completed."
      }
    },
    "RIDE_HAILING": {
      "variant": "Ride hailing.",
      "statuses": {
        "PENDING": "Finding a driver.",
        "BOOKED": "A pre-booked vehicle; the driver is not yet on the way.",
        "ORDER_TAKEN": "A driver accepted; the display counts down from service_start_time and driver_board_duration.",
        "TO_BOARD": "The user must board.",
        "SERVING": "The journey is in progress.",
        "WAIT_PAY": "The user must pay.",
        "FINISHED": "Completed, or cancelled by the user; the notification disappears.",
        "TO_SEND": "Finding another driver.",
        "CLOSED": "Cancelled by the driver; disappears after 5 minutes.",
        "CANCEL_WAIT_PAY": "Cancelled by the user, still waiting for payment. Listed on a second version of AlipayHK's ride-hailing page only."
      }
    },
    "SELF_PICK": {
      "variant": "Self pick-up order.",
      "statuses": {
        "PENDING": "The restaurant has not confirmed the order.",
        "ORDER_TAKEN": "The restaurant confirmed the order.",
        "TO_PICK_UP": "Ready for pick-up; the next status must be FINISHED.",
        "FINISHED": "Picked up (end status).",
        "CLOSED": "Cancelled (end status).",
        "REFUNDED": "Refunded; hidden after 10 minutes (end status)."
      }
    },
    "TRAIN_TICKET": {
      "variant": "Train tickets.",
      "statuses": {
        "TICKETED": "Ticket issued into the Card Wallet.",
        "REFUNDED": "Order refunded; the ticket disappears (end status).",
        "USED": "Ticket used (end status)."
      }
    }
  },
  "syncPerformanceNotification": {
    "PAYMENT_ORDER_DEFAULT": {
      "variant": "Payment order notification",
      "statuses": {
        "WAIT_PAY": "The user has to pay.",
        "PAY_FAILED": "The automatic debit failed.",
        "OVERDUED": "The bill is overdue.",
        "CLOSED": "The order is complete; the notification disappears."
      }
    },
    "FINANCE_ORDER_DEFAULT": {
      "variant": "Finance order notification",
      "statuses": {
        "WAIT_REPAY": "The user has to repay.",
        "OVERDUED": "The repayment is overdue.",
        "CLOSED": "The notification disappears."
      }
    },
    "MOVIE_TICKET_DEFAULT": {
      "variant": "Movie ticket notification",
      "statuses": {
        "AWAIT_SCREENING": "The movie is about to show; on the home screen and in the notification center.",
        "CLOSED": "The notification disappears from both."
      }
    },
    "TRAIN_TICKET_DEFAULT": {
      "variant": "Train ticket notification",
      "statuses": {"AWAIT_SCREENING":"The user is about to board.","CLOSED":"The notification is not displayed."}
    },
    "AIR_TICKET_DEFAULT": {
      "variant": "Air ticket notification",
      "statuses": {
        "NEAR_DEPART": "The user is about to board.",
        "FLIGHT_CHANGE": "The flight changed.",
        "FLIGHT_DELAYS": "The flight is delayed.",
        "FLIGHT_CANCELLATION": "The flight is cancelled; the notification disappears after 10 minutes.",
        "CLOSED": "The notification is not displayed."
      }
    },
    "RIDE_HAILING_DEFAULT": {
      "variant": "Ride hailing notification",
      "statuses": {
        "PENDING": "Finding a driver.",
        "BOOKED": "Pre-booked; the driver is not yet on the way.",
        "ORDER_TAKEN": "A driver accepted.",
        "TO_BOARD": "The user must board.",
        "SERVING": "The journey is in progress.",
        "WAIT_PAY": "The user must pay.",
        "FINISHED": "Completed, or cancelled by the user; the notification disappears.",
        "TO_SEND": "Finding another driver.",
        "CLOSED": "Cancelled by the driver; disappears after 5 minutes.",
        "CANCEL_WAIT_PAY": "Cancelled by the user, payment still due; the notification disappears."
      }
    }
  }
} as const satisfies Readonly<Record<string, Readonly<Record<string, Descriptions>>>>;

export const SCHEMAS = /* @__PURE__ */ withKeywordChecks({ minimum, maxLength, minLength, pattern, format, items, contentMediaType, "x-not-before": xNotBefore }, {
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
  "PaymentOrderNotification": schema$PaymentOrderNotification,
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
} as const satisfies SchemaTable);

export const RESPONSE_SCHEMAS = /* @__PURE__ */ withKeywordChecks({ maxLength, items }, {
  "PerformanceNotificationResponse": {"type":"object","required":["result"],"properties":{"result":{"$ref":"Result"}}},
  "Result": {
    "type": "object",
    "required": ["resultCode","resultStatus"],
    "properties": {
      "resultCode": {"anyOf":[{"$ref":"ResultCode"},{"type":"string"}]},
      "resultStatus": {"$ref":"ResultStatus"},
      "resultMessage": {"type":"string"}
    }
  },
  "ResultStatus": {"type":"string","enum":["S","F","U"]},
  "ResultCode": {
    "type": "string",
    "enum": [
      "SUCCESS",
      "PARAM_ILLEGAL",
      "ORDER_STATUS_INVALID",
      "UNKNOWN_EXCEPTION",
      "UN_SUPPORT_BUSINESS",
      "PROCESS_FAIL",
      "KEY_NOT_FOUND",
      "ACCESS_DENIED",
      "REQUEST_TRAFFIC_EXCEED_LIMIT",
      "INVALID_API",
      "INVALID_CLIENT",
      "INVALID_SIGNATURE",
      "METHOD_NOT_SUPPORTED",
      "MEDIA_TYPE_NOT_ACCEPTABLE",
      "ORDER_NOT_FOUND"
    ]
  },
  "OrderSyncResponse": {
    "type": "object",
    "required": ["result"],
    "properties": {
      "result": {"$ref":"Result"},
      "orderId": {"type":"string","maxLength":128},
      "orderStatus": {"type":"string","maxLength":64},
      "distributeResult": {"type":"array","items":{"type":"object"}}
    }
  }
} as const satisfies SchemaTable);

export const INFERRED = [
  {
    "operationId": "syncOrder",
    "path": "",
    "keywords": ["not"],
    "schema": {
      "not": {
        "required": ["userId","openId"],
        "properties": {"userId":{"type":"string"},"openId":{"type":"string"}},
        "x-inferred": "AlipayHK says \"either one openId or userId\"; that both may not be sent together is our reading."
      }
    },
    "why": "AlipayHK says \"either one openId or userId\"; that both may not be sent together is our reading."
  },
  {
    "operationId": "syncOrder",
    "path": "",
    "keywords": ["x-not-before"],
    "schema": {
      "x-not-before": {"orderModifyTime":"orderCreateTime"},
      "x-inferred": "the page does not say that an update's time cannot precede the order's creation; that it cannot is our reading."
    },
    "why": "the page does not say that an update's time cannot precede the order's creation; that it cannot is our reading."
  },
  {
    "operationId": "syncOrder",
    "path": "requestId",
    "keywords": ["minLength"],
    "schema": {"minLength":1,"x-inferred":"an empty ID is this SDK's refusal: the page gives only maximum lengths."},
    "why": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
  },
  {
    "operationId": "syncOrder",
    "path": "merchantBizNo",
    "keywords": ["minLength"],
    "schema": {"minLength":1,"x-inferred":"an empty ID is this SDK's refusal: the page gives only maximum lengths."},
    "why": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
  },
  {
    "operationId": "syncOrder",
    "path": "userId",
    "keywords": ["minLength"],
    "schema": {"minLength":1,"x-inferred":"an empty ID is this SDK's refusal: the page gives only maximum lengths."},
    "why": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
  },
  {
    "operationId": "syncOrder",
    "path": "openId",
    "keywords": ["minLength"],
    "schema": {"minLength":1,"x-inferred":"an empty ID is this SDK's refusal: the page gives only maximum lengths."},
    "why": "an empty ID is this SDK's refusal: the page gives only maximum lengths."
  },
  {
    "operationId": "syncOrder",
    "path": "orderCreateTime",
    "keywords": ["type","format","minimum"],
    "schema": {
      "type": "integer",
      "format": "int64",
      "minimum": 0,
      "x-inferred": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
    },
    "why": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
  },
  {
    "operationId": "syncOrder",
    "path": "orderModifyTime",
    "keywords": ["type","format","minimum"],
    "schema": {
      "type": "integer",
      "format": "int64",
      "minimum": 0,
      "x-inferred": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
    },
    "why": "the page says \"number\" and \"timestamp\"; whole, non-negative epoch milliseconds is our reading."
  },
  {
    "operationId": "syncOrder",
    "variant": "PASS_TICKET",
    "path": "",
    "keywords": ["required"],
    "schema": {
      "required": ["extInfo"],
      "x-inferred": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
    },
    "why": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
  },
  {
    "operationId": "syncOrder",
    "variant": "GIFT_CARD_COUPON",
    "path": "",
    "keywords": ["required"],
    "schema": {
      "required": ["extInfo"],
      "x-inferred": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
    },
    "why": "the page's field list is cut off before extInfo; it is required on every scenario page whose list is complete."
  },
  {
    "operationId": "syncPerformanceNotification",
    "path": "",
    "keywords": ["not"],
    "schema": {
      "not": {
        "required": ["userId","openId"],
        "properties": {"userId":{"type":"string"},"openId":{"type":"string"}},
        "x-inferred": "AlipayHK says \"either one openId or userId\"; that both may not be sent together is our reading."
      }
    },
    "why": "AlipayHK says \"either one openId or userId\"; that both may not be sent together is our reading."
  },
  {
    "operationId": "syncPerformanceNotification",
    "path": "bizDate",
    "keywords": ["type","format"],
    "schema": {
      "type": "integer",
      "format": "int64",
      "x-inferred": "the page says \"Number\"; whole epoch milliseconds is our reading of its 13-digit sample."
    },
    "why": "the page says \"Number\"; whole epoch milliseconds is our reading of its 13-digit sample."
  },
  {
    "operationId": "syncPerformanceNotification",
    "path": "endDate",
    "keywords": ["type","format"],
    "schema": {
      "type": "integer",
      "format": "int64",
      "x-inferred": "the page says \"Number\"; whole epoch milliseconds is our reading of its sample."
    },
    "why": "the page says \"Number\"; whole epoch milliseconds is our reading of its sample."
  },
  {
    "operationId": "syncPerformanceNotification",
    "path": "syncDataInfo",
    "keywords": ["required"],
    "schema": {
      "required": ["languageBusinessInfo"],
      "x-inferred": "the page's required marker for languageBusinessInfo is not visible; nothing can be shown without it."
    },
    "why": "the page's required marker for languageBusinessInfo is not visible; nothing can be shown without it."
  }
] as const satisfies readonly InferredConstraint[];

export const EXAMPLES = {
  "syncOrder": [
    {
      "variant": "PASS_TICKET",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "PASS_TICKET",
        "merchantBizNo": "EX-PASS_TICKET",
        "orderStatus": "TICKETED",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "amount": {"value":"28000","currency":"HKD"},
        "extInfo": {}
      }
    },
    {
      "variant": "ALIPAY_COUPON",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "ALIPAY_COUPON",
        "merchantBizNo": "EX-ALIPAY_COUPON",
        "orderStatus": "TICKETED",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "payAmount": {"value":"5000","currency":"HKD"},
        "extInfo": {}
      }
    },
    {
      "variant": "GIFT_CARD_COUPON",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "GIFT_CARD_COUPON",
        "merchantBizNo": "EX-GIFT_CARD_COUPON",
        "orderStatus": "TICKETED",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "amount": {"value":"20000","currency":"HKD"},
        "extInfo": {}
      }
    },
    {
      "variant": "CHARGING_PILE",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "CHARGING_PILE",
        "merchantBizNo": "EX-CHARGING_PILE",
        "orderStatus": "SERVING",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "extInfo": {"amount":{"value":"7350","currency":"HKD"}}
      }
    },
    {
      "variant": "MOVIE_TICKET",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "MOVIE_TICKET",
        "merchantBizNo": "EX-MOVIE_TICKET",
        "orderStatus": "TICKETED",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "payAmount": {"value":"16000","currency":"HKD"},
        "extInfo": {"seats":["G12","G13"]}
      }
    },
    {
      "variant": "LINE_UP",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "LINE_UP",
        "merchantBizNo": "EX-LINE_UP",
        "orderStatus": "CALL_NUM",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "shopInfo": {"extInfo":{"multiLang":{"en_US":{},"zh_HK":{}}}},
        "extInfo": {}
      }
    },
    {
      "variant": "RIDE_HAILING",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "RIDE_HAILING",
        "merchantBizNo": "EX-RIDE_HAILING",
        "orderStatus": "PENDING",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "extInfo": {}
      }
    },
    {
      "variant": "SELF_PICK",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "SELF_PICK",
        "merchantBizNo": "EX-SELF_PICK",
        "orderStatus": "PENDING",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "amount": {"value":"8800","currency":"HKD"},
        "itemOrderList": [{}],
        "shopInfo": {},
        "extInfo": {}
      }
    },
    {
      "variant": "TRAIN_TICKET",
      "body": {
        "requestId": "3f1c2a9b8d7e4f60a1b2c3d4e5f60718",
        "merchantBizType": "TRAIN_TICKET",
        "merchantBizNo": "EX-TRAIN_TICKET",
        "orderStatus": "TICKETED",
        "userId": "2160120000000001",
        "orderCreateTime": 1764122400000,
        "orderModifyTime": 1764122460000,
        "tradeNo": "2026112622000001",
        "extInfo": {}
      }
    }
  ],
  "syncPerformanceNotification": [
    {
      "variant": "PAYMENT_ORDER_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "PAYMENT_ORDER_DEFAULT",
        "merchantBizNo": "NTF-PAYMENT_ORDER_DEFAULT",
        "orderStatus": "WAIT_PAY",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {
            "en_US": "{\"bill_name\":\"AlipayHK\",\"bill_amount\":\"10000\",\"bill_amount_currency\":\"HKD\",\"bill_due_time\":\"2026-12-30\",\"order_url\":\"https://merchant.example/bills/1\"}"
          }
        }
      }
    },
    {
      "variant": "FINANCE_ORDER_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "FINANCE_ORDER_DEFAULT",
        "merchantBizNo": "NTF-FINANCE_ORDER_DEFAULT",
        "orderStatus": "WAIT_REPAY",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {
            "en_US": "{\"bill_name\":\"Card repayment\",\"bill_amount\":\"250000\",\"bill_amount_currency\":\"HKD\",\"bill_month_time\":\"2026-11\"}"
          }
        }
      }
    },
    {
      "variant": "MOVIE_TICKET_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "MOVIE_TICKET_DEFAULT",
        "merchantBizNo": "NTF-MOVIE_TICKET_DEFAULT",
        "orderStatus": "AWAIT_SCREENING",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {
            "en_US": "{\"movie_name\":\"Sample Movie\",\"cinema_name\":\"Harbour Cinema\",\"cinema_house\":\"House 3\",\"movie_start_date\":\"2026/12/24 (Thu)\",\"movie_start_time\":\"19:30\",\"seat_num\":[\"G12\",\"G13\"],\"order_url\":\"https://merchant.example/orders/1\"}"
          }
        }
      }
    },
    {
      "variant": "TRAIN_TICKET_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "TRAIN_TICKET_DEFAULT",
        "merchantBizNo": "NTF-TRAIN_TICKET_DEFAULT",
        "orderStatus": "AWAIT_SCREENING",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {
            "en_US": "{\"from\":\"Hong Kong West Kowloon\",\"to\":\"Shenzhen Futian\",\"shift_number\":\"G5712\",\"start_time\":\"2026-12-24 09:15:00\",\"end_time\":\"2026-12-24 09:35:00\",\"seat_num\":[\"05A\"]}"
          }
        }
      }
    },
    {
      "variant": "AIR_TICKET_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "AIR_TICKET_DEFAULT",
        "merchantBizNo": "NTF-AIR_TICKET_DEFAULT",
        "orderStatus": "NEAR_DEPART",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {
            "en_US": "{\"airline_name\":\"Sample Air\",\"flight_no\":\"SA123\",\"from\":\"Hong Kong\",\"to\":\"Tokyo\",\"start_time\":\"2026-12-24 10:00:00\",\"end_time\":\"2026-12-24 15:00:00\",\"order_url\":\"https://merchant.example/orders/2\"}"
          }
        }
      }
    },
    {
      "variant": "RIDE_HAILING_DEFAULT",
      "body": {
        "requestId": "5b0f3c9e2d8a4f17b6c1e0a9d8f7e6c5",
        "command": "SEND",
        "productTemplateCode": "RIDE_HAILING_DEFAULT",
        "merchantBizNo": "NTF-RIDE_HAILING_DEFAULT",
        "orderStatus": "PENDING",
        "bizDate": 1764122400000,
        "userId": "2160120000000001",
        "syncDataInfo": {
          "languageBusinessInfo": {"en_US":"{\"auto_model\":\"Sample EV\",\"auto_color\":\"White\",\"driver_board_duration\":\"5\"}"}
        }
      }
    }
  ]
} as const satisfies Readonly<Record<string, readonly Example[]>>;
