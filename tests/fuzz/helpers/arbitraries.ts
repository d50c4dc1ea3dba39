// Building blocks shared by the fuzz suites.
import fc from "fast-check";

/** Strings a fuzzer should try: empty, long, unicode, control characters, injection-shaped, numbers. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "0",
      "-1",
      "1e309",
      "NaN",
      "null",
      "undefined",
      "true",
      "[]",
      "{}",
      "%",
      "%zz",
      "%00",
      "\u0000",
      "\r\n",
      "a\r\nX-Injected: 1",
      "../../etc/passwd",
      "' OR 1=1 --",
      "<script>alert(1)</script>",
      "${7*7}",
      "__proto__",
      "constructor",
      "\uFEFF",
      "\uD800",
      "😀",
      "9".repeat(40),
      "x".repeat(300),
      "x".repeat(5000),
    ),
  },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Latin-1 header values node:http accepts (no CR/LF/NUL), sometimes long. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e\x80-\xff\t]/g, "")),
  fc.constantFrom("", " ", "\t", "x".repeat(8000), "ÿ", "%00", "a,b", "*/*"),
);

/** HTTP method tokens: the usual ones and random token characters. */
export const method: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "post", "PROPFIND"),
  fc.stringMatching(/^[A-Z!#$%&'*+.^_`|~-]{1,10}$/),
);

/** A JSON value, sometimes deep or with awkward keys. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ __proto__: { admin: true } }, { constructor: { prototype: 1 } }),
  },
  { weight: 1, arbitrary: nastyString },
);

/** Bytes a URL may not carry as they are, percent-encoded (UTF-8), the rest left alone. */
export const urlSafe = (text: string): string =>
  text.replace(/[^\x21-\x7e]|[#]/gu, (c) =>
    [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""),
  );

/** Encodes a query component properly (0), only its delimiters (1), or not at all (2). */
export const encodeComponent = (value: string, mode: number): string =>
  urlSafe(
    mode === 0
      ? value.replace(/[^A-Za-z0-9_.~-]/gu, (c) =>
          [...Buffer.from(c, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""),
        )
      : mode === 1
        ? value.replace(/[&=+%]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
        : value,
  );

/** A body of `size` bytes (for lengths around the body limit). */
export const sizedBody = (size: number, fill: string) => Buffer.alloc(size, fill);
