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
import { setFeatureAction } from "./actions";

export const metadata: Metadata = { title: "Organisation settings" };

export default async function SettingsPage() {
  const member = await currentMember();
  const states = await featureStates(member.organisationId);
  const canEdit = can(member.role, "settings", "edit");
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
