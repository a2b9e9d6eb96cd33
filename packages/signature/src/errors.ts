/**
 * Error classes with stable `code` strings.
 *
 * Messages never contain key material or a full signature: callers log errors, and logs
 * outlive keys. Where a value helps debugging we show at most {@link redact}'s short prefix.
 */

/** Every `code` an error thrown by this package can carry. */
export type ErrorCode =
  | "ERR_KEY_FORMAT"
  | "ERR_KEY_TOO_SMALL"
  | "ERR_KEY_TYPE"
  | "ERR_KEY_NOT_EXTRACTABLE"
  | "ERR_SIGNATURE_HEADER"
  | "ERR_ENCRYPT_HEADER"
  | "ERR_UNSUPPORTED_ALGORITHM"
  | "ERR_DECRYPTION"
  | "ERR_INVALID_ARGUMENT";

/** Which protocol header an error is about. */
export type HeaderName = "Signature" | "Encrypt";

/**
 * Base class of every error thrown by AlipayHK packages. Other packages (the client) extend it
 * with their own codes, hence the type parameter.
 *
 * @example
 * ```ts
 * try { await verify(msg, header, key) } catch (e) {
 *   if (e instanceof AlipayHKError && e.code === "ERR_SIGNATURE_HEADER") { ... }
 * }
 * ```
 */
export class AlipayHKError<Code extends string = string> extends Error {
  /** Stable, machine-readable identifier; never changes between versions for the same failure. */
  declare readonly code: Code; // declared only: the constructor sets it, and a class field would repeat its name in bundles

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    // `new.target.name` names subclasses written elsewhere; ours also pin a literal name below
    // because minifiers rename classes.
    this.name = new.target.name;
    const capture = (Error as { captureStackTrace?: (target: object, ctor: unknown) => void }).captureStackTrace;
    if (typeof capture === "function") capture(this, new.target);
  }
}

/** A key could not be imported or used: wrong format, wrong kind, too small, or not extractable. */
export class KeyFormatError extends AlipayHKError<
  "ERR_KEY_FORMAT" | "ERR_KEY_TOO_SMALL" | "ERR_KEY_TYPE" | "ERR_KEY_NOT_EXTRACTABLE"
> {
  override name = "KeyFormatError";
  constructor(
    message: string,
    options?: {
      code?: "ERR_KEY_FORMAT" | "ERR_KEY_TOO_SMALL" | "ERR_KEY_TYPE" | "ERR_KEY_NOT_EXTRACTABLE";
      cause?: unknown;
    },
  ) {
    super(options?.code ?? "ERR_KEY_FORMAT", message, options);
  }
}

/** A `Signature` or `Encrypt` header is missing or malformed. `header` says which one. */
export class HeaderFormatError extends AlipayHKError<"ERR_SIGNATURE_HEADER" | "ERR_ENCRYPT_HEADER"> {
  override name = "HeaderFormatError";
  /** The header the problem was found in. */
  declare readonly header: HeaderName;
  constructor(header: HeaderName, message: string, options?: { cause?: unknown }) {
    super(
      header === "Signature" ? "ERR_SIGNATURE_HEADER" : "ERR_ENCRYPT_HEADER",
      `${header} header: ${message}`,
      options,
    );
    this.header = header;
  }
}

/** The header names an algorithm this package does not implement (e.g. `ECC224`). */
export class UnsupportedAlgorithmError extends AlipayHKError<"ERR_UNSUPPORTED_ALGORITHM"> {
  override name = "UnsupportedAlgorithmError";
  /** The header the algorithm was read from. */
  declare readonly header: HeaderName;
  /** The algorithm as written (at most 8 characters, then "…"). */
  declare readonly algorithm: string;
  constructor(header: HeaderName, algorithm: string, supported: readonly string[]) {
    const shown = redact(algorithm);
    super(
      "ERR_UNSUPPORTED_ALGORITHM",
      `${header} header: unsupported algorithm "${shown}" (supported: ${supported.join(", ")})`,
    );
    this.header = header;
    this.algorithm = shown;
  }
}

/**
 * Decryption failed. Deliberately one generic message for every cause (bad RSA padding, wrong key,
 * bad AES padding, invalid base64 or UTF-8) so that the error is not a padding oracle.
 */
export class DecryptionError extends AlipayHKError<"ERR_DECRYPTION"> {
  override name = "DecryptionError";
  constructor() {
    super("ERR_DECRYPTION", "decryption failed (wrong key, corrupted data or different AES mode)");
  }
}

/** A caller passed an argument of the wrong type or range (programming error). */
export class InvalidArgumentError extends AlipayHKError<"ERR_INVALID_ARGUMENT"> {
  override name = "InvalidArgumentError";
  constructor(message: string) {
    super("ERR_INVALID_ARGUMENT", message);
  }
}

/** At most `keep` characters of `value`, followed by "…" when shortened. For error messages. */
export function redact(value: string, keep = 8): string {
  return value.length > keep ? `${value.slice(0, keep)}…` : value;
}
