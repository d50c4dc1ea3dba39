import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { recordAudit } from "../audit";
import { createMemberAccount } from "./members";
import { config } from "../config";
export const DEFAULT_ENVIRONMENTS = ["production", "staging"];

function generatedPassword(): string {
  // 20 characters from a 62-symbol alphabet ≈ 119 bits.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * On the first start, creates the demo organisation, its environments and an Owner, printing
 * the Owner's credentials once. Later starts (and other instances) find it done.
 */
export async function ensureFirstRun(log: (line: string) => void = console.log): Promise<void> {
  if (await db().organisation.count()) return;
  const { admin } = config();
  try {
    // The unique key makes exactly one instance perform the set-up.
    await db().setting.create({ data: { key: "first_run", value: new Date().toISOString() } });
  } catch {
    return;
  }
  const organisation = await db().organisation.create({
    data: {
      name: admin.organisationName,
      environments: { create: DEFAULT_ENVIRONMENTS.map((name) => ({ name })) },
    },
    select: { id: true, name: true },
  });
  const email = admin.email;
  const password = admin.password ?? generatedPassword();
  // A generated password is printed on the console: it must be replaced at the first sign-in.
  await createMemberAccount(organisation.id, {
    email,
    name: "Owner",
    role: "owner",
    password,
    temporary: !admin.password,
  });
  await recordAudit(
    { type: "system", organisationId: organisation.id, label: "system" },
    {
      action: "organisation.create",
      target: { type: "organisation", id: organisation.id, label: organisation.name },
    },
  );
  log("");
  log(`First run: created "${organisation.name}" with environments ${DEFAULT_ENVIRONMENTS.join(", ")}.`);
  log(`Sign in as ${email}`);
  if (!admin.password) {
    log(`with the password ${password}  (shown only this once)`);
    log("and choose your own password when asked.");
  }
  log("");
}
