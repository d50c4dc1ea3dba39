import { z } from "zod";
import { ROLES } from "../auth/access";

export const roleSchema = z.enum(ROLES, { message: "Choose a role." });

export const addMemberInput = z.object({
  email: z
    .email({ message: "Enter a valid email address." })
    .max(254)
    .transform((v) => v.toLowerCase()),
  name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
  role: roleSchema,
});
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const changeRoleInput = z.object({
  memberId: z.string().min(1),
  role: roleSchema,
});

/** `confirmName`: the member's email as typed in the console's confirmation, checked when given. */
export const removeMemberInput = z.object({
  memberId: z.string().min(1),
  confirmName: z.string().max(1000).optional(),
});

export const signInInput = z.object({
  email: z.email({ message: "Enter a valid email address." }).max(254),
  password: z.string().min(1, "Enter your password.").max(256),
});

export const resetMemberInput = z.object({ memberId: z.string().min(1) });

/** Organisation settings: whether every member must sign in with a second factor. */
export const requireMfaInput = z.object({ requireMfa: z.boolean() });
export type RequireMfaInput = z.infer<typeof requireMfaInput>;
