// Sends one fuzzed request over loopback with node:http (any method, any header the HTTP grammar
// allows, any body bytes) or, for what node:http refuses to write, as raw bytes on a socket. A
// request that gets no complete answer within the timeout is a hang.
import http from "node:http";
import net from "node:net";

export const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS ?? "5000");

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export type RawRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
};

export function send(base: string, request: RawRequest): Promise<Answer> {
  const url = new URL(base);
  const headers = { ...request.headers };
  // node:http sends a GET or DELETE body unframed unless told its length: frame every body.
  const framed = Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h));
  if (request.body !== undefined && !framed)
    headers["content-length"] = String(Buffer.byteLength(request.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers,
        agent: false,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms (hang)`)));
    req.on("error", reject);
    req.end(request.body);
  });
}

/** Writes `bytes` as they are and reads the answer's status line, headers and body (connection: close). */
export function sendRaw(base: string, bytes: Buffer): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${TIMEOUT_MS} ms (hang)`));
    }, TIMEOUT_MS);
    socket.on("data", (c: Buffer) => chunks.push(c));
    // The server may close before reading everything we wrote: that is an answer, not an error.
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const [head, ...rest] = text.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of head.split("\r\n").slice(1)) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers, body: rest.join("\r\n\r\n") });
    });
    socket.end(bytes);
  });
}
