import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readTokenBody, TOKEN_BODY_LIMIT } from "./token-body";

type Outcome = { error: (Error & { code?: string; statusCode?: number }) | null; body?: string };

function read(headers: Record<string, string>, feed?: (stream: PassThrough) => void): Promise<Outcome> {
  const stream = new PassThrough();
  return new Promise((resolve) => {
    readTokenBody(headers, stream, (error, body) => resolve({ error, body }));
    feed?.(stream);
  });
}

describe("token endpoint body", () => {
  it("is empty at once when the request declares no body (the documented request)", async () => {
    let called = false;
    readTokenBody(
      { "content-type": "application/x-www-form-urlencoded" },
      new PassThrough(),
      () => (called = true),
    );
    expect(called).toBe(true); // synchronously: nothing to wait for
    expect(await read({ "content-length": "0" })).toEqual({ error: null, body: "" });
  });

  it("is read as text, with a character split across chunks kept whole", async () => {
    const bytes = Buffer.from("scope=cards:read&note=ключ", "utf8");
    const outcome = await read({ "content-length": String(bytes.length) }, (s) => {
      s.write(bytes.subarray(0, bytes.length - 1));
      s.end(bytes.subarray(bytes.length - 1));
    });
    expect(outcome).toEqual({ error: null, body: "scope=cards:read&note=ключ" });
    expect(await read({ "transfer-encoding": "chunked" }, (s) => s.end("a=1"))).toEqual({
      error: null,
      body: "a=1",
    });
  });

  it("refuses more than the limit with 413, whether declared or streamed", async () => {
    const declared = await read({ "content-length": String(TOKEN_BODY_LIMIT + 1) });
    expect(declared.error?.code).toBe("FST_ERR_CTP_BODY_TOO_LARGE");
    const streamed = await read({ "transfer-encoding": "chunked" }, (s) => {
      s.write(Buffer.alloc(TOKEN_BODY_LIMIT));
      s.write(Buffer.alloc(1));
    });
    expect(streamed.error?.code).toBe("FST_ERR_CTP_BODY_TOO_LARGE");
    expect(streamed.error?.statusCode).toBe(413);
  });

  it("answers a broken upload as the client's error (400)", async () => {
    const outcome = await read({ "content-length": "10" }, (s) => s.destroy(new Error("aborted")));
    expect(outcome.error?.statusCode).toBe(400);
  });
});
