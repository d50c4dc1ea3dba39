import "server-only";
import { recordAudit } from "../audit";
import type { z } from "zod";
import { db, isNotFound } from "../db";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import type { cardListQuery, CardView, createCardBody, updateCardBody } from "./schemas";

const CARD_SELECT = {
  id: true,
  title: true,
  body: true,
  status: true,
  customerId: true,
  createdAt: true,
} as const;

type CardRow = {
  id: string;
  title: string;
  body: string | null;
  status: string;
  customerId: string | null;
  createdAt: Date;
};

export function toCardView(row: CardRow): CardView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    status: row.status === "archived" ? "archived" : "active",
    customerId: row.customerId,
    created: row.createdAt.toISOString(),
  };
}

export async function listCards(
  actor: Actor,
  environmentId: number,
  query: z.output<typeof cardListQuery>,
): Promise<{ data: CardView[]; nextCursor: string | null }> {
  await assertEnvironment(actor, environmentId);
  const where = {
    environmentId,
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
  if (query.cursor) {
    const exists = await db().card.findFirst({
      where: { id: query.cursor, environmentId },
      select: { id: true },
    });
    if (!exists) throw new DomainError("Unknown cursor", "invalid");
  }
  const rows = await db().card.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: CARD_SELECT,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(toCardView),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

export async function getCard(actor: Actor, environmentId: number, cardId: string): Promise<CardView> {
  await assertEnvironment(actor, environmentId);
  const row = await db().card.findFirst({ where: { id: cardId, environmentId }, select: CARD_SELECT });
  if (!row) throw new DomainError(`Card ${cardId} not found`, "not_found");
  return toCardView(row);
}

async function assertCustomer(environmentId: number, customerId: string | undefined): Promise<void> {
  if (!customerId) return;
  const found = await db().customer.findFirst({
    where: { id: customerId, environmentId },
    select: { id: true },
  });
  if (!found)
    throw new DomainError(`Customer ${customerId} not found`, "invalid", { customerId: "Unknown customer" });
}

export async function createCard(
  actor: Actor,
  environmentId: number,
  input: z.output<typeof createCardBody>,
): Promise<CardView> {
  await assertEnvironment(actor, environmentId);
  await assertCustomer(environmentId, input.customerId);
  const row = await db().card.create({
    data: {
      environmentId,
      title: input.title,
      body: input.body ?? null,
      customerId: input.customerId ?? null,
    },
    select: CARD_SELECT,
  });
  await recordAudit(actor, {
    action: "card.create",
    environmentId,
    target: { type: "card", id: row.id, label: row.title },
  });
  return toCardView(row);
}

export async function updateCard(
  actor: Actor,
  environmentId: number,
  cardId: string,
  input: z.output<typeof updateCardBody>,
): Promise<CardView> {
  await getCard(actor, environmentId, cardId);
  try {
    const row = await db().card.update({ where: { id: cardId }, data: input, select: CARD_SELECT });
    await recordAudit(actor, {
      action: "card.update",
      environmentId,
      target: { type: "card", id: row.id, label: row.title },
      details: { fields: Object.keys(input) },
    });
    return toCardView(row);
  } catch (error) {
    if (isNotFound(error)) throw new DomainError(`Card ${cardId} not found`, "not_found");
    throw error;
  }
}

export async function deleteCard(
  actor: Actor,
  environmentId: number,
  cardId: string,
): Promise<{ id: string }> {
  await assertEnvironment(actor, environmentId);
  const { count } = await db().card.deleteMany({ where: { id: cardId, environmentId } });
  if (count === 0) throw new DomainError(`Card ${cardId} not found`, "not_found");
  await recordAudit(actor, { action: "card.delete", environmentId, target: { type: "card", id: cardId } });
  return { id: cardId };
}
