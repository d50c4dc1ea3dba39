import { Link } from "@/components/ui/link";
import { enableCommand, FEATURE_LABELS, type PremiumFeature } from "@/lib/integrations/kinds";
import { setFeatureAction } from "../../../settings/actions";
import { NoticeCopyButton, NoticeFeatureToggle } from "./premium-notice-parts";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

const WHAT: Record<PremiumFeature, string> = {
  "aws-s3": "The features that connect to S3 are premium features.",
  salesforce: "Integration with Salesforce is a premium feature.",
  marketo: "Integration with Marketo is a premium feature.",
};

/** Shown instead of a premium page while its flag is off: what it is and how an operator turns it on. */
export function PremiumNotice({
  feature,
  environment,
  isOwner,
}: {
  feature: PremiumFeature;
  environment: string;
  isOwner: boolean;
}) {
  const command = enableCommand(feature);
  return (
    <Card className="max-w-2xl space-y-4 p-6" aria-labelledby="premium-notice-heading">
      <div className="flex items-center gap-2">
        <h2 id="premium-notice-heading" className="text-base font-semibold">
          Premium feature
        </h2>
        <Badge tone="warning">Not enabled</Badge>
      </div>
      <p className="text-sm text-slate-700">{WHAT[feature]} It is not enabled for your organisation yet.</p>
      <div className="space-y-2 text-sm text-slate-700">
        <p>An operator of this Workbench installation enables it from the command line on the server:</p>
        <div className="flex items-center gap-2">
          <code className="block flex-1 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-50">
            {command}
          </code>
          <NoticeCopyButton value={command} label="enable command" />
        </div>
        <p>
          An Owner of the organisation can also turn it on in{" "}
          <Link className="text-brand-700 underline" href={`/${environment}/settings`}>
            Organisation settings
          </Link>
          .
        </p>
      </div>
      {isOwner ? (
        <div className="flex items-center gap-3 border-t border-slate-100 pt-4">
          <NoticeFeatureToggle feature={feature} enabled={false} setFeature={setFeatureAction} />
          <span className="text-xs text-slate-600">
            You are an Owner: this enables {FEATURE_LABELS[feature]} for every environment of the
            organisation.
          </span>
        </div>
      ) : null}
    </Card>
  );
}
