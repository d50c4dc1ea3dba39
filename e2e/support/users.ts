import { readFileSync } from "node:fs";
import path from "node:path";

/** Matches scripts/e2e-server.mjs. */
export const OWNER = { email: "owner@e2e.test", password: "e2e-owner-password-1" };

export const AUTH_DIR = path.resolve(__dirname, "../../.tmp/e2e-auth");
export const storageStateFor = (role: "owner" | "editor" | "viewer") => path.join(AUTH_DIR, `${role}.json`);
export const USERS_FILE = path.join(AUTH_DIR, "users.json");

export type SeededUser = { email: string; password: string };

/**
 * Members the setup project added through the Members page, with the passwords they chose at
 * their first sign-in (support/console.ts keptPassword).
 */
export function seededUser(role: "editor" | "viewer"): SeededUser {
  const users = JSON.parse(readFileSync(USERS_FILE, "utf8")) as Record<string, SeededUser>;
  return users[role];
}
