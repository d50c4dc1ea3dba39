import commonPasswords from "./common-passwords.json";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length";

// The rule every console password follows, wherever it is set (a member's own change, the
// forced change after a temporary password, WORKBENCH_ADMIN_PASSWORD): at least 12 characters
// and not a commonly used password.
//
// common-passwords.json: the entries of at least 12 characters of the ranked common-password
// list shipped by @zxcvbn-ts/language-common 4.1.3 (src/passwords.json, derived from Xato's
// ten-million-password corpus; MIT licence, © 2012-2016 Dan Wheeler and Dropbox, Inc.,
// © 2021 @zxcvbn-ts), lower-cased. The shorter entries of that list are already refused by the
// length rule, so only the longer ones need shipping.

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-length";

const COMMON = new Set<string>(commonPasswords);

export const PASSWORD_TOO_SHORT = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
export const PASSWORD_TOO_LONG = `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
export const PASSWORD_COMMON = "This password is too common. Choose one that is harder to guess.";

/** Whether a password is on the common-password list (case does not matter). */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** What is wrong with a password as a new console password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return PASSWORD_TOO_SHORT;
  if (password.length > MAX_PASSWORD_LENGTH) return PASSWORD_TOO_LONG;
  if (isCommonPassword(password)) return PASSWORD_COMMON;
  return null;
}
