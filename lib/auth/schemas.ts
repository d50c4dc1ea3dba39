import { z } from "zod";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "./password-policy";

/** A new console password: at least 12 characters and not a common one (lib/auth/password-policy.ts). */
export const newPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const confirmation = z.string().max(MAX_PASSWORD_LENGTH);

function confirmed<T extends { newPassword: string; confirmPassword: string }>(
  value: T,
  ctx: z.RefinementCtx,
) {
  if (value.newPassword !== value.confirmPassword)
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match." });
}

/** The Account page's password change: the current password, then the new one twice. */
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(MAX_PASSWORD_LENGTH),
    newPassword,
    confirmPassword: confirmation,
  })
  .superRefine((value, ctx) => {
    confirmed(value, ctx);
    if (value.currentPassword && value.currentPassword === value.newPassword)
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "Choose a password different from the current one.",
      });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** The change a temporary password leads to at sign-in (the password was just checked). */
export const replaceTemporaryPasswordInput = z
  .object({ newPassword, confirmPassword: confirmation })
  .superRefine(confirmed);
export type ReplaceTemporaryPasswordInput = z.infer<typeof replaceTemporaryPasswordInput>;

export const revokeSessionInput = z.object({ sessionId: z.string().min(1).max(200) });

/** Signing out every other session takes no input. */
export const signOutOtherSessionsInput = z.object({});

/** Starting TOTP enrolment asks for the password again. */
export const startMfaEnrolmentInput = z.object({
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
});

/** A code from the authenticator app: six digits (spaces are ignored). */
export const totpCode = z
  .string()
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

export const confirmMfaEnrolmentInput = z.object({ code: totpCode });

/** The second step of signing in: a code from the app, or one of the recovery codes. */
export const signInCodeInput = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: totpCode }),
  z.object({
    method: z.literal("recovery"),
    code: z
      .string()
      .trim()
      .min(1, "Enter one of your recovery codes.")
      .max(64, "Enter one of your recovery codes."),
  }),
]);
export type SignInCodeInput = z.infer<typeof signInCodeInput>;

export const disableMfaInput = startMfaEnrolmentInput;
