import "server-only";
import { db } from "../db";

export type EnvironmentView = { id: number; name: string; createdAt: Date };

export async function listEnvironments(organisationId: string): Promise<EnvironmentView[]> {
  return db().environment.findMany({
    where: { organisationId },
    orderBy: { id: "asc" },
    select: { id: true, name: true, createdAt: true },
  });
}

/** The environment named in a console URL, only if it belongs to the organisation. */
export async function findEnvironment(organisationId: string, name: string): Promise<EnvironmentView | null> {
  return db().environment.findUnique({
    where: { organisationId_name: { organisationId, name } },
    select: { id: true, name: true, createdAt: true },
  });
}

export async function getEnvironmentById(
  organisationId: string,
  id: number,
): Promise<EnvironmentView | null> {
  return db().environment.findFirst({
    where: { organisationId, id },
    select: { id: true, name: true, createdAt: true },
  });
}
