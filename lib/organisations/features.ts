import "server-only";
import { db } from "../db";

/** Premium feature families, each behind a per-organisation flag. */
export const FEATURES = ["aws-s3", "salesforce", "marketo"] as const;
export type Feature = (typeof FEATURES)[number];

export function isFeature(value: string): value is Feature {
  return (FEATURES as readonly string[]).includes(value);
}

function parse(json: string): Feature[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value)
      ? value.filter((v): v is Feature => typeof v === "string" && isFeature(v))
      : [];
  } catch {
    return [];
  }
}

export async function enabledFeatures(organisationId: string): Promise<Feature[]> {
  const org = await db().organisation.findUnique({
    where: { id: organisationId },
    select: { features: true },
  });
  return org ? parse(org.features) : [];
}

/** Storage only: setOrganisationFeature (lib/integrations) checks the actor's right and audits. */
export async function setFeature(
  organisationId: string,
  feature: Feature,
  enabled: boolean,
): Promise<Feature[]> {
  const current = await enabledFeatures(organisationId);
  const next = enabled ? [...new Set([...current, feature])] : current.filter((f) => f !== feature);
  await db().organisation.update({ where: { id: organisationId }, data: { features: JSON.stringify(next) } });
  return next;
}
