import { describe, expect, it } from "vitest";
import { isCommonPassword, passwordProblem, PASSWORD_COMMON, PASSWORD_TOO_SHORT } from "./password-policy";
import { changePasswordInput, replaceTemporaryPasswordInput, signInCodeInput } from "./schemas";

describe("password policy", () => {
  it("refuses fewer than 12 characters", () => {
    expect(passwordProblem("Tr0ub4dor&3")).toBe(PASSWORD_TOO_SHORT);
    expect(passwordProblem("correct horse")).toBeNull();
  });

  it("refuses common passwords of any case, accepts an uncommon one", () => {
    expect(isCommonPassword("qwerty123456")).toBe(true);
    expect(passwordProblem("QWERTY123456")).toBe(PASSWORD_COMMON);
    expect(passwordProblem("1qaz2wsx3edc")).toBe(PASSWORD_COMMON);
    expect(passwordProblem("passwordpassword")).toBe(PASSWORD_COMMON);
    expect(passwordProblem("plum-lantern-oboe-42")).toBeNull();
  });
});

describe("password forms", () => {
  it("names the field at fault", () => {
    const result = changePasswordInput.safeParse({
      currentPassword: "",
      newPassword: "qwerty123456",
      confirmPassword: "other",
    });
    expect(result.success).toBe(false);
    const paths = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(paths).toEqual({
      currentPassword: "Enter your current password.",
      newPassword: PASSWORD_COMMON,
      confirmPassword: "The passwords do not match.",
    });
  });

  it("refuses reusing the current password", () => {
    const result = changePasswordInput.safeParse({
      currentPassword: "plum-lantern-oboe-42",
      newPassword: "plum-lantern-oboe-42",
      confirmPassword: "plum-lantern-oboe-42",
    });
    expect(result.error?.issues[0]).toMatchObject({ path: ["newPassword"] });
    expect(
      replaceTemporaryPasswordInput.safeParse({
        newPassword: "plum-lantern-oboe-42",
        confirmPassword: "plum-lantern-oboe-42",
      }).success,
    ).toBe(true);
  });

  it("accepts a 6-digit code with spaces and refuses anything else", () => {
    expect(signInCodeInput.parse({ method: "totp", code: "123 456" })).toEqual({
      method: "totp",
      code: "123456",
    });
    expect(signInCodeInput.safeParse({ method: "totp", code: "12345" }).success).toBe(false);
    expect(signInCodeInput.parse({ method: "recovery", code: " AbCd-12345 " }).code).toBe("AbCd-12345");
  });
});
