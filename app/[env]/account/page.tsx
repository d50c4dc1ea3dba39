import type { Metadata } from "next";
import { listOwnSessions } from "@/lib/auth/account";
import { mfaStatus } from "@/lib/auth/mfa";
import { ROLE_LABELS } from "@/lib/auth/access";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { pageEnvironment } from "@/app/_lib/session";
import { ChangePasswordForm } from "./_components/change-password-form";
import { SessionsTable } from "./_components/sessions-table";
import { TwoFactorSection } from "./_components/two-factor-section";

export const metadata: Metadata = { title: "Account" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card aria-labelledby={id} className="mb-6">
      <div className="space-y-4 px-5 py-4">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {children}
      </div>
    </Card>
  );
}

export default async function AccountPage({ params }: { params: Promise<{ env: string }> }) {
  const { member } = await pageEnvironment(params);
  const [sessions, mfa] = await Promise.all([listOwnSessions(member), mfaStatus(member)]);
  return (
    <>
      <PageHeader
        title="Account"
        description={
          <>
            Signed in as <span className="font-medium">{member.label}</span> ({member.name},{" "}
            {ROLE_LABELS[member.role]}).
          </>
        }
      />
      <Section id="password-heading" title="Password">
        <p className="text-sm text-slate-600">Changing your password signs you out everywhere else.</p>
        <ChangePasswordForm />
      </Section>
      <Section id="mfa-heading" title="Two-factor sign-in">
        <div className="flex items-center gap-2 text-sm">
          Status: <Badge tone={mfa.enabled ? "success" : "neutral"}>{mfa.enabled ? "On" : "Off"}</Badge>
          {mfa.requiredByOrganisation ? (
            <span className="text-slate-600">Your organisation requires it.</span>
          ) : null}
        </div>
        <TwoFactorSection enabled={mfa.enabled} />
      </Section>
      <Section id="sessions-heading" title="Sessions">
        <p className="text-sm text-slate-600">
          Where you are signed in to the console. Sign out any session you do not recognise, then change your
          password.
        </p>
        <SessionsTable
          sessions={sessions.map((s) => ({
            id: s.id,
            device: s.device,
            userAgent: s.userAgent,
            ip: s.ip,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }))}
        />
      </Section>
    </>
  );
}
