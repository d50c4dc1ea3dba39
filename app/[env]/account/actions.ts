"use server";
import {
  changePasswordInput,
  confirmMfaEnrolmentInput,
  revokeSessionInput,
  signOutOtherSessionsInput,
  startMfaEnrolmentInput,
} from "@/lib/auth/schemas";
import { changeOwnPassword, signOutOtherSessions, signOutOwnSession } from "@/lib/auth/account";
import { confirmMfaEnrolment, startMfaEnrolment, type MfaEnrolment } from "@/lib/auth/mfa";
import { memberAction } from "@/app/_lib/action";
import { requestInfo } from "@/app/_lib/request";

// The signed-in member's own account (any role). Enrolling in two-factor sign-in is also the
// step a member owes when the organisation requires it, so those two run during that step (and
// refresh no page: the enrolment form keeps its steps, the recovery codes last).
const own = { resource: "ownAccount", access: "edit" } as const;
const refreshing = { ...own, revalidate: "/[env]/account" } as const;

export const changePasswordAction = memberAction(
  { ...refreshing, input: changePasswordInput },
  async ({ member, data }) => {
    await changeOwnPassword(member, data);
  },
);

export const signOutSessionAction = memberAction(
  { ...refreshing, input: revokeSessionInput },
  async ({ member, data }) => {
    await signOutOwnSession(member, data.sessionId);
  },
);

export const signOutOtherSessionsAction = memberAction(
  { ...refreshing, input: signOutOtherSessionsInput },
  async ({ member }): Promise<number> => signOutOtherSessions(member),
);

export const startMfaEnrolmentAction = memberAction(
  { ...own, duringPendingStep: true, input: startMfaEnrolmentInput },
  async ({ member, data }): Promise<MfaEnrolment> =>
    startMfaEnrolment(member, data, (await requestInfo()).headers),
);

export const confirmMfaEnrolmentAction = memberAction(
  { ...own, duringPendingStep: true, input: confirmMfaEnrolmentInput },
  async ({ member, data }) => {
    await confirmMfaEnrolment(member, data, (await requestInfo()).headers);
  },
);
