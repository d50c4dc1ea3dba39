import "server-only";
import type { z } from "zod";
import type { Actor } from "../auth/actor";
import type { JsonText } from "../db/prepared";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import { customers } from "./customers";
import { environmentResource, selectOf, type Page } from "./resource";
import type { cardListQuery, CardView, createCardBody, updateCardBody } from "./schemas";

const CARD_COLUMNS = ["id", "title", "body", "status", "customerId", "createdAt"] as const;
export const CARD_SELECT = selectOf(CARD_COLUMNS);

export type CardRow = {
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

export const cards = environmentResource({
  noun: "Card",
  auditType: "card",
  model: (client) => client.card,
  table: "card",
  columns: CARD_COLUMNS,
  dates: ["createdAt"],
  view: toCardView,
  json: [
    { key: "id", column: "id" },
    { key: "title", column: "title" },
    { key: "body", column: "body" },
    { key: "status", column: "status", oneOf: ["archived"], otherwise: "active" },
    { key: "customerId", column: "customerId" },
    { key: "created", column: "createdAt", timestamp: true },
  ],
  updateLabel: (row) => row.title,
  events: { created: "card.created", updated: "card.updated", deleted: "card.deleted" },
});

function cardFilters(query: z.output<typeof cardListQuery>): Record<string, string> {
  const filters: Record<string, string> = {};
  if (query.customerId) filters.customerId = query.customerId;
  if (query.status) filters.status = query.status;
  return filters;
}

export function listCards(
  actor: Actor,
  environmentId: number,
  query: z.output<typeof cardListQuery>,
): Promise<Page<CardView>> {
  return cards.list(actor, environmentId, query, cardFilters(query));
}

/** listCards as the JSON text GET /v1/{env}/cards sends. */
export function listCardsJson(
  actor: Actor,
  environmentId: number,
  query: z.output<typeof cardListQuery>,
): Promise<JsonText> {
  return cards.listJson(actor, environmentId, query, cardFilters(query));
}

export const getCard = cards.get;

async function assertCustomer(environmentId: number, customerId: string | undefined): Promise<void> {
  if (!customerId) return;
  if (!(await customers.prepared.cursorExists(environmentId, customerId)))
    throw new DomainError(`Customer ${customerId} not found`, "invalid", { customerId: "Unknown customer" });
}

export async function createCard(
  actor: Actor,
  environmentId: number,
  input: z.output<typeof createCardBody>,
): Promise<CardView> {
  await assertEnvironment(actor, environmentId);
  await assertCustomer(environmentId, input.customerId);
  return cards.create(
    actor,
    environmentId,
    { title: input.title, body: input.body ?? null, customerId: input.customerId ?? null },
    (row) => row.title,
  );
}

export const updateCard: (
  actor: Actor,
  environmentId: number,
  cardId: string,
  input: z.output<typeof updateCardBody>,
) => Promise<CardView> = cards.update;

export const deleteCard = cards.remove;
