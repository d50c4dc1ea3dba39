// "Never a secret in the response": every secret the fuzzed server holds is registered here (the
// client secrets of the keys, the credentials' secret fields, the token signing key, the console
// session secret, the master key, stored hashes) and no response body or header may contain one.
// A secret a response hands out on purpose (a new key's or a rotated key's secret) is registered
// after that response, so it must never appear in any later one.
import { sharedSecret } from "@/lib/crypto/shared-secret";

export class Secrets {
  private readonly values = new Map<string, string>();

  add(label: string, value: string | null | undefined): void {
    // Short values (a 4-character hint, "true") would match by accident: every real secret is long.
    if (value && value.length >= 12) this.values.set(value, label);
  }

  /** The label of the first secret found in `text`, or null. */
  find(text: string): string | null {
    for (const [value, label] of this.values) if (text.includes(value)) return label;
    return null;
  }

  get size(): number {
    return this.values.size;
  }
}

/** The server-wide secrets: master key, token signing key, session secret (created on first use). */
export async function addServerSecrets(secrets: Secrets): Promise<void> {
  const master = process.env.WORKBENCH_ENCRYPTION_KEY;
  secrets.add("master key", master);
  if (master) secrets.add("master key (hex)", Buffer.from(master, "base64").toString("hex"));
  const signing = await sharedSecret("api.token_signing_key");
  secrets.add("token signing key", signing);
  secrets.add("token signing key (base64)", Buffer.from(signing, "base64url").toString("base64"));
  secrets.add("console session secret", await sharedSecret("auth_secret"));
}

/** Everything a response shows: its status line, headers and body. */
export function responseText(
  status: number,
  headers: Record<string, unknown> | Headers,
  body: string,
): string {
  const pairs = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return `${status}\n${pairs.map(([k, v]) => `${k}: ${String(v)}`).join("\n")}\n\n${body}`;
}
