// Counterexamples the fuzzing suite (tests/fuzz/) found in the public API, kept as regression
// tests. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, stopPostgres } from "@/test-support/test-database";
import {
  call,
  newKey,
  accessToken,
  startSuite,
  stopSuite,
  UA,
  type RunningApi,
  type Seed,
} from "./helpers/api";

afterAll(() => stopPostgres());

describe.each(DATABASE_KINDS)("fuzzing findings on %s", (kind) => {
  let running: RunningApi;
  let seed: Seed;

  beforeAll(async () => ({ running, seed } = await startSuite(kind)));
  afterAll(() => stopSuite(running));

  it("answers a URL with malformed percent-encoding in its own shapes, never quoting the URL and its secrets", async () => {
    const key = await newKey(seed, { role: "events" });
    // The fuzzer's counterexample: a path with "%p)" and the client secret in the query string.
    const token = await fetch(
      `${running.base}/oauth2/kEC%p)vjCb?client_id=${key.key.clientId}&client_secret=${key.clientSecret}`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } },
    );
    const tokenText = await token.text();
    expect(token.status).toBe(400);
    expect(JSON.parse(tokenText)).toEqual({
      error: "invalid_request",
      error_description: "The URL is malformed (invalid percent-encoding)",
    });
    expect(tokenText).not.toContain(key.clientSecret);

    const v1 = await fetch(`${running.base}/v1/%zz/cards?token=${key.clientSecret}`, {
      headers: { "user-agent": UA },
    });
    const v1Text = await v1.text();
    expect(v1.status).toBe(400);
    expect(v1.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(v1Text)).toMatchObject({
      code: "bad_request",
      detail: "The URL is malformed (invalid percent-encoding)",
    });
    expect(v1Text).not.toContain(key.clientSecret);

    const long = await fetch(
      `${running.base}/v1/${seed.production}/cards/${"x".repeat(101)}?s=${key.clientSecret}`,
      {
        headers: { "user-agent": UA },
      },
    );
    const longText = await long.text();
    expect(long.status).toBe(414);
    expect(JSON.parse(longText)).toMatchObject({
      code: "bad_request",
      detail: "A path segment of the URL is too long",
    });
    expect(longText).not.toContain(key.clientSecret);
  });

  it("refuses text no column can hold (an unpaired surrogate, NUL) in a body, a path or a query with a field error and stores nothing", async () => {
    const token = await accessToken(
      running.base,
      await newKey(seed, { permissions: ["cards:read", "cards:write"] }),
    );
    for (const title of ["\ud800", "a\udc00b", "nul\u0000"]) {
      const created = await call(running.base, `/v1/${seed.production}/cards`, {
        token,
        method: "POST",
        body: { title },
      });
      expect(created.status, JSON.stringify(title)).toBe(400);
      expect(created.body).toMatchObject({
        code: "invalid_input",
        errors: { "body.title": "Use text without NUL characters or unpaired surrogates." },
      });
    }
    // The fuzzer's counterexample on PostgreSQL: PATCH /v1/{env}/cards/%00 (NUL in a path parameter).
    const patched = await call(running.base, `/v1/${seed.production}/cards/%00`, {
      token,
      method: "PATCH",
      body: { title: "QB!?-]k", body: null },
    });
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject({
      code: "invalid_input",
      errors: { "path.cardId": "Use text without NUL characters or unpaired surrogates." },
    });
    const listed = await call(running.base, `/v1/${seed.production}/cards?cursor=a%00b`, { token });
    expect(listed.status).toBe(400);
    expect(listed.body).toMatchObject({ errors: { "query.cursor": expect.any(String) } });
    const list = await call(running.base, `/v1/${seed.production}/cards`, { token });
    expect(list.body.data).toEqual([]);
    // Astral characters (a well-formed surrogate pair) are ordinary text.
    const emoji = await call(running.base, `/v1/${seed.production}/cards`, {
      token,
      method: "POST",
      body: { title: "😀" },
    });
    expect(emoji.status).toBe(201);
  });

  it("refuses a Send Request header value HTTP cannot carry with a field error instead of a 500", async () => {
    const key = await newKey(seed, { permissions: ["requests:send"] });
    // Refused while validating the input: nothing is sent (the port is never connected to).
    const answer = await call(running.base, `/v1/${seed.production}/requests`, {
      token: await accessToken(running.base, key),
      method: "POST",
      body: { method: "GET", url: "http://127.0.0.1:9/", headers: { "X-Price": "10 €" } },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("Latin-1");
  });
});
