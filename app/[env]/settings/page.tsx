import type { Metadata } from "next";
import { featureStates } from "@/lib/integrations";
import { enableCommand, FEATURE_LABELS, PREMIUM_FEATURES } from "@/lib/integrations/kinds";
import { can } from "@/lib/auth/access";
import { PageHeader } from "@/components/shell/page-header";
import { PremiumFeatureToggle } from "@/components/premium-feature-toggle";
import { Badge } from "@/components/ui/badge";
import { Alert, Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { currentMember } from "@/app/_lib/session";
import { organisationRequiresMfa } from "@/lib/organisations/security";
import { setFeatureAction } from "./actions";
import { RequireMfaToggle } from "./_components/require-mfa-toggle";

export const metadata: Metadata = { title: "Organisation settings" };

export default async function SettingsPage() {
  const member = await currentMember();
  const states = await featureStates(member.organisationId);
  const canEdit = can(member.role, "settings", "edit");
  const requireMfa = await organisationRequiresMfa(member.organisationId);
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description="Settings that apply to every environment of this organisation."
      />
      {!canEdit ? (
        <Alert className="mb-4" role="status">
          Only an Owner can change organisation settings.
        </Alert>
      ) : null}
      <Card aria-labelledby="sign-in-heading" className="mb-6">
        <div className="space-y-3 px-5 py-4">
          <h2 id="sign-in-heading" className="text-base font-semibold">
            Sign-in
          </h2>
          <p className="text-sm text-slate-600">
            Two-factor sign-in:{" "}
            <Badge tone={requireMfa ? "success" : "neutral"}>{requireMfa ? "Required" : "Optional"}</Badge>
            <span className="ml-2">
              {requireMfa
                ? "Every member signs in with a code from an authenticator app; members without one set it up at their next sign-in."
                : "Members may turn it on for themselves on their Account page."}
            </span>
          </p>
          {canEdit ? <RequireMfaToggle required={requireMfa} /> : null}
        </div>
      </Card>
      <Card aria-labelledby="premium-heading">
        <div className="px-5 py-4">
          <h2 id="premium-heading" className="text-base font-semibold">
            Premium integrations
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Each family is a premium feature, enabled per organisation. An operator can also use the command
            line, e.g. <code className="font-mono text-xs">{enableCommand("salesforce")}</code>.
          </p>
        </div>
        <Table>
          <thead>
            <tr>
              <Th>Feature</Th>
              <Th>Flag</Th>
              <Th>Status</Th>
              {canEdit ? (
                <Th>
                  <span className="sr-only">Change</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {PREMIUM_FEATURES.map((feature) => (
              <tr key={feature}>
                <Td className="font-medium">{FEATURE_LABELS[feature]}</Td>
                <Td>
                  <code className="font-mono text-xs">{feature}</code>
                </Td>
                <Td>
                  <Badge tone={states[feature] ? "success" : "neutral"}>
                    {states[feature] ? "Enabled" : "Disabled"}
                  </Badge>
                </Td>
                {canEdit ? (
                  <Td className="text-right">
                    <PremiumFeatureToggle
                      feature={feature}
                      enabled={states[feature]}
                      setFeature={setFeatureAction}
                    />
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
