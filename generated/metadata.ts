// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.

const Amount = {
  "type": "object",
  "properties": {
    "value": {
      "type": "string",
      "maxLength": 64,
      "minLength": 1
    },
    "currency": {
      "type": "string",
      "pattern": "^[A-Z]{3}$"
    }
  },
  "required": ["value", "currency"]
} as const;

export const SYNC_ORDER_PATH = "/api/open/alipay/v1/merchant/order/sync" as const;

export const SERVERS = {
  "production": "https://open.alipay.hk",
  "testing": "https://open-id-pre.alipay.com"
} as const;

export const BASE_ORDER = {
  "type": "object",
  "properties": {
    "requestId": {
      "type": "string",
      "maxLength": 32,
      "minLength": 1
    },
    "merchantBizNo": {
      "type": "string",
      "maxLength": 32,
      "minLength": 1
    },
    "orderStatus": {
      "type": "string",
      "maxLength": 32,
      "minLength": 1
    },
    "userId": {
      "type": "string",
      "maxLength": 64,
      "minLength": 1
    },
    "openId": {
      "type": "string",
      "maxLength": 64,
      "minLength": 1
    },
    "merchantBizType": {
      "type": "string",
      "enum": ["PASS_TICKET", "ALIPAY_COUPON", "GIFT_CARD_COUPON", "CHARGING_PILE", "MOVIE_TICKET", "LINE_UP", "RIDE_HAILING", "SELF_PICK", "TRAIN_TICKET"]
    },
    "orderCreateTime": {
      "type": "integer",
      "minimum": 0
    },
    "orderModifyTime": {
      "type": "integer",
      "minimum": 0
    },
    "merchantAccountId": {
      "type": "string",
      "maxLength": 64
    },
    "merchantId": {
      "type": "string",
      "maxLength": 64
    },
    "tinyAppId": {
      "type": "string"
    }
  },
  "required": ["requestId", "merchantBizNo", "orderStatus", "merchantBizType", "orderCreateTime", "orderModifyTime"],
  "exactlyOneOf": ["userId", "openId"]
} as const;

export const SCENARIOS = {
  "PASS_TICKET": {
    "statuses": ["TICKETED", "REFUNDED", "USED"],
    "required": ["extInfo"],
    "properties": {
      "amount": Amount,
      "payAmount": Amount,
      "tradeNo": {
        "type": "string"
      },
      "extInfo": {
        "type": "object"
      }
    }
  },
  "ALIPAY_COUPON": {
    "statuses": ["TICKETED"],
    "required": ["extInfo"],
    "properties": {
      "tradeNo": {
        "type": "string"
      },
      "amount": Amount,
      "payAmount": Amount,
      "extInfo": {
        "type": "object"
      }
    }
  },
  "GIFT_CARD_COUPON": {
    "statuses": ["TICKETED", "REFUNDED", "USED"],
    "required": ["extInfo"],
    "properties": {
      "tradeNo": {
        "type": "string"
      },
      "amount": Amount,
      "payAmount": Amount,
      "extInfo": {
        "type": "object"
      }
    }
  },
  "CHARGING_PILE": {
    "statuses": ["SERVING", "SERVING_WO_ENDTIME", "SERVING_LITE", "PAUSED", "COMPLETED", "PARKING_DUE", "FINISHED"],
    "required": ["extInfo"],
    "properties": {
      "tradeNo": {
        "type": "string"
      },
      "extInfo": {
        "type": "object",
        "properties": {
          "amount": Amount,
          "surcharge_amount": Amount
        }
      }
    }
  },
  "MOVIE_TICKET": {
    "statuses": ["TICKETED", "REFUNDED", "USED"],
    "required": ["extInfo"],
    "properties": {
      "amount": Amount,
      "payAmount": Amount,
      "tradeNo": {
        "type": "string"
      },
      "extInfo": {
        "type": "object"
      }
    }
  },
  "LINE_UP": {
    "statuses": ["CALL_NUM", "NUMBER_ARRIVED", "NUMBER_PASSED", "CANCELLED", "FINISHED"],
    "required": ["shopInfo", "extInfo"],
    "properties": {
      "shopInfo": {
        "type": "object",
        "properties": {
          "extInfo": {
            "type": "object",
            "properties": {
              "multiLang": {
                "type": "object",
                "properties": {
                  "zh_HK": {
                    "type": "object"
                  },
                  "en_US": {
                    "type": "object"
                  }
                }
              }
            }
          }
        },
        "required": ["extInfo"]
      },
      "extInfo": {
        "type": "object"
      }
    }
  },
  "RIDE_HAILING": {
    "statuses": ["PENDING", "BOOKED", "ORDER_TAKEN", "TO_BOARD", "SERVING", "WAIT_PAY", "FINISHED", "TO_SEND", "CLOSED", "CANCEL_WAIT_PAY"],
    "required": ["extInfo"],
    "properties": {
      "extInfo": {
        "type": "object"
      }
    }
  },
  "SELF_PICK": {
    "statuses": ["PENDING", "ORDER_TAKEN", "TO_PICK_UP", "FINISHED", "CLOSED", "REFUNDED"],
    "required": ["amount", "itemOrderList", "shopInfo", "extInfo"],
    "properties": {
      "amount": Amount,
      "discountAmount": Amount,
      "actualAmount": Amount,
      "tradeNo": {
        "type": "string"
      },
      "itemOrderList": {
        "type": "array",
        "items": {
          "type": "object"
        }
      },
      "shopInfo": {
        "type": "object"
      },
      "extInfo": {
        "type": "object"
      }
    }
  },
  "TRAIN_TICKET": {
    "statuses": ["TICKETED", "REFUNDED", "USED"],
    "required": ["extInfo"],
    "properties": {
      "amount": Amount,
      "payAmount": Amount,
      "tradeNo": {
        "type": "string"
      },
      "extInfo": {
        "type": "object"
      }
    }
  }
} as const;

export const STATUS_RULES = {
  "PASS_TICKET": {
    "endStatuses": ["REFUNDED", "USED"],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "ALIPAY_COUPON": {
    "endStatuses": [],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "GIFT_CARD_COUPON": {
    "endStatuses": ["REFUNDED", "USED"],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "CHARGING_PILE": {
    "endStatuses": ["FINISHED"],
    "reversible": true,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "MOVIE_TICKET": {
    "endStatuses": ["REFUNDED", "USED"],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "LINE_UP": {
    "endStatuses": [],
    "reversible": false,
    "onlyFrom": {
      "CANCELLED": ["CALL_NUM"]
    },
    "onlyTo": {}
  },
  "RIDE_HAILING": {
    "endStatuses": [],
    "reversible": true,
    "onlyFrom": {},
    "onlyTo": {}
  },
  "SELF_PICK": {
    "endStatuses": ["FINISHED", "CLOSED", "REFUNDED"],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {
      "TO_PICK_UP": ["FINISHED"]
    }
  },
  "TRAIN_TICKET": {
    "endStatuses": ["REFUNDED", "USED"],
    "reversible": false,
    "onlyFrom": {},
    "onlyTo": {}
  }
} as const;

export const RESULT_CODES = {
  "SUCCESS": {
    "status": "S",
    "retryable": false,
    "message": "Success."
  },
  "PARAM_ILLEGAL": {
    "status": "F",
    "retryable": false,
    "message": "The request is invalid, usually a missing parameter."
  },
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
  "PROCESS_FAIL": {
    "status": "F",
    "retryable": false,
    "message": "Gateway processing failure."
  },
  "KEY_NOT_FOUND": {
    "status": "F",
    "retryable": false,
    "message": "No key is registered for the Client-Id and keyVersion."
  },
  "ACCESS_DENIED": {
    "status": "F",
    "retryable": false,
    "message": "The client may not call this API."
  },
  "REQUEST_TRAFFIC_EXCEED_LIMIT": {
    "status": "U",
    "retryable": true,
    "message": "Rate limited; retry later."
  },
  "INVALID_API": {
    "status": "F",
    "retryable": false,
    "message": "The API does not exist."
  },
  "INVALID_CLIENT": {
    "status": "F",
    "retryable": false,
    "message": "The Client-Id is unknown."
  },
  "INVALID_SIGNATURE": {
    "status": "F",
    "retryable": false,
    "message": "The request signature does not verify."
  },
  "METHOD_NOT_SUPPORTED": {
    "status": "F",
    "retryable": false,
    "message": "The HTTP method is not supported."
  },
  "MEDIA_TYPE_NOT_ACCEPTABLE": {
    "status": "F",
    "retryable": false,
    "message": "The Content-Type is not accepted."
  }
} as const;

export const SCENARIO_DESCRIPTIONS = {
  "PASS_TICKET": {
    "scenario": "Admission tickets.",
    "statuses": {
      "TICKETED": "Ticket issued into the Card Wallet.",
      "REFUNDED": "Order refunded; the ticket disappears (end status).",
      "USED": "Ticket used (end status)."
    }
  },
  "ALIPAY_COUPON": {
    "scenario": "Auto-deducting voucher used within the AlipayHK app.",
    "statuses": {
      "TICKETED": "The voucher is issued into the Card Wallet."
    }
  },
  "GIFT_CARD_COUPON": {
    "scenario": "Coupon with a scanned or written code.",
    "statuses": {
      "TICKETED": "The coupon is issued.",
      "REFUNDED": "The coupon disappears (end status).",
      "USED": "The coupon is used (end status)."
    }
  },
  "CHARGING_PILE": {
    "scenario": "EV charging.",
    "statuses": {
      "SERVING": "Charging.",
      "SERVING_WO_ENDTIME": "Charging; the end time is unknown.",
      "SERVING_LITE": "Charging; the end time and progress are unknown.",
      "PAUSED": "Charging paused.",
      "COMPLETED": "Charging completed.",
      "PARKING_DUE": "The free parking period is due.",
      "FINISHED": "The charging session is finished; the notification is hidden (end status)."
    }
  },
  "MOVIE_TICKET": {
    "scenario": "Movie tickets.",
    "statuses": {
      "TICKETED": "Ticket issued into the Card Wallet.",
      "REFUNDED": "Order refunded; the ticket disappears (end status).",
      "USED": "Ticket used (end status)."
    }
  },
  "LINE_UP": {
    "scenario": "Queue up.",
    "statuses": {
      "CALL_NUM": "The queue started or a number was called; re-send on every call.",
      "NUMBER_ARRIVED": "The user's number is reached; hidden after 10 minutes.",
      "NUMBER_PASSED": "The number was already called; hidden after 10 minutes.",
      "CANCELLED": "The queue ticket was cancelled; only from CALL_NUM.",
      "FINISHED": "The service order is completed."
    }
  },
  "RIDE_HAILING": {
    "scenario": "Ride hailing.",
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
    "scenario": "Self pick-up order.",
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
    "scenario": "Train tickets.",
    "statuses": {
      "TICKETED": "Ticket issued into the Card Wallet.",
      "REFUNDED": "Order refunded; the ticket disappears (end status).",
      "USED": "Ticket used (end status)."
    }
  }
} as const;

export const RETRYABLE_RESULT_CODES = ["UNKNOWN_EXCEPTION", "REQUEST_TRAFFIC_EXCEED_LIMIT"] as const;
