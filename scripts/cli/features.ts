import { parseArgs } from "node:util";
import { featureStates, setOrganisationFeature } from "../../lib/integrations";
import { FEATURE_LABELS, PREMIUM_FEATURES, type PremiumFeature } from "../../lib/integrations/kinds";
import { cliActor, resolveOrganisation } from "./context";
import { UsageError, type CliCommand, type CliGroup } from "./types";

function featureArg(value: string | undefined): PremiumFeature {
  const feature = PREMIUM_FEATURES.find((f) => f === value);
  if (!feature) throw new UsageError(`Name a premium feature: ${PREMIUM_FEATURES.join(", ")}`);
  return feature;
}

function toggle(enabled: boolean): CliCommand {
  const verb = enabled ? "enable" : "disable";
  return {
    usage: `features ${verb} <${PREMIUM_FEATURES.join("|")}> [--org <id|name>]`,
    summary: `${enabled ? "Turn on" : "Turn off"} a premium integration family for an organisation (audited).`,
    async run(args) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { org: { type: "string" } },
      });
      const feature = featureArg(positionals[0]);
      const org = await resolveOrganisation(values.org);
      await setOrganisationFeature(cliActor(org.id), { feature, enabled });
      console.log(
        `${FEATURE_LABELS[feature]} (${feature}) is now ${enabled ? "enabled" : "disabled"} for ${org.name}.`,
      );
    },
  };
}

const list: CliCommand = {
  usage: "features list [--org <id|name>] [--json]",
  summary: "Show which premium integration families an organisation has.",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { org: { type: "string" }, json: { type: "boolean", default: false } },
    });
    const org = await resolveOrganisation(values.org);
    const states = await featureStates(org.id);
    if (values.json) {
      console.log(JSON.stringify(states));
      return;
    }
    console.log(`Premium features of ${org.name}:`);
    for (const feature of PREMIUM_FEATURES)
      console.log(
        `  ${feature.padEnd(11)} ${states[feature] ? "enabled " : "disabled"}  ${FEATURE_LABELS[feature]}`,
      );
  },
};

export const featureCommands: CliGroup = { enable: toggle(true), disable: toggle(false), list };
