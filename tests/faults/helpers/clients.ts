// What the fault tests send: the public API as an outside system calls it (client credentials,
// then Bearer requests), and the console's server actions as the browser posts them (the action
// ids come from the production build's manifest), with a signed-in session cookie.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./workbench";

export const UA = "workbench-fault-tests/1.0";

/** Every secret a fault test was handed: none may appear in any log line. */
export const createdSecrets = new Set<string>();

export type Reply = { status: number; headers: Headers; body: unknown; text: string };

export async function send(
  base: string,
  route: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply> {
  const response = await fetch(`${base}${route}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      "user-agent": UA,
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * A token request. The access token joins `createdSecrets` unless `remember` is false: a load
 * generator asking thousands a second keeps a sample instead, or the set itself (hundreds of MB
 * over a soak) slows the client's garbage collector and shows up as the server's latency.
 */
export async function token(
  base: string,
  clientId: string,
  clientSecret: string,
  { remember = true }: { remember?: boolean } = {},
): Promise<Reply> {
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
    const accessToken = (body as { access_token?: string }).access_token;
    if (accessToken && remember) createdSecrets.add(accessToken);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body, text };
}

export async function accessToken(base: string, clientId: string, clientSecret: string): Promise<string> {
  const reply = await token(base, clientId, clientSecret);
  if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
  return (reply.body as { access_token: string }).access_token;
}

let manifest: Map<string, string> | null = null;

/** The id of a server action in the production build, by its exported name. */
export function actionId(name: string): string {
  if (!manifest) {
    const raw = JSON.parse(
      readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8"),
    ) as { node: Record<string, { exportedName?: string }> };
    manifest = new Map(Object.entries(raw.node).map(([id, entry]) => [entry.exportedName ?? "", id]));
  }
  const id = manifest.get(name);
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}

export type ConsoleSession = {
  /** Posts a server action from `page`; the action's result as the browser receives it. */
  action: (
    page: string,
    name: string,
    input: unknown,
  ) => Promise<{ status: number; ok: boolean; text: string }>;
  cookie: string;
};

async function postAction(base: string, page: string, name: string, input: unknown, cookie = "") {
  return fetch(`${base}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId(name),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: base,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify([input]),
    signal: AbortSignal.timeout(20_000),
  });
}

/** Signs in through the sign-in page's server action and keeps the session cookie. */
export async function signInConsole(base: string, email: string, password: string): Promise<ConsoleSession> {
  const response = await postAction(base, "/sign-in", "signInAction", { email, password });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  await response.text();
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return {
    cookie,
    action: async (page, name, input) => {
      const reply = await postAction(base, page, name, input, cookie);
      const text = await reply.text();
      return { status: reply.status, ok: reply.status === 200 && /"ok":true/.test(text), text };
    },
  };
}

/** The `data` object of a server action's successful result (its RSC answer's JSON line). */
export function actionData<T>(text: string): T {
  for (const line of text.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    try {
      const value = JSON.parse(json) as { ok?: boolean; data?: T };
      if (value.ok === true && value.data !== undefined) return value.data;
    } catch {
      // another line of the payload
    }
  }
  throw new Error(`no result in the action's answer: ${text.slice(0, 300)}`);
}

/** The secrets (of `secrets`) that appear in `logs`; a test expects none. */
export function secretsIn(logs: string, secrets: Iterable<string> = createdSecrets): string[] {
  return [...secrets].filter((secret) => secret.length >= 8 && logs.includes(secret));
}
