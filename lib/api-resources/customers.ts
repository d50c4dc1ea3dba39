import "server-only";
import { recordAudit } from "../audit";
import type { z } from "zod";
import { db, isUniqueViolation, onUniqueViolation } from "../db";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import { CARD_SELECT, toCardView } from "./cards";
import { emitEvent } from "../webhooks/emit";
import { environmentResource, selectOf, type Page } from "./resource";
import type {
  CardView,
  createCustomerBody,
  CustomerView,
  pageQuery,
  sendEventBody,
  updateCustomerBody,
} from "./schemas";

const CUSTOMER_COLUMNS = ["id", "externalId", "name", "email", "createdAt"] as const;
const CUSTOMER_SELECT = selectOf(CUSTOMER_COLUMNS);

type CustomerRow = {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  createdAt: Date;
};

function toCustomerView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    email: row.email,
    created: row.createdAt.toISOString(),
  };
}

export const customers = environmentResource({
  noun: "Customer",
  auditType: "customer",
  model: (client) => client.customer,
  table: "customer",
  columns: CUSTOMER_COLUMNS,
  dates: ["createdAt"],
  view: toCustomerView,
  events: { created: "customer.created", updated: "customer.updated", deleted: "customer.deleted" },
});

export const listCustomers: (
  actor: Actor,
  environmentId: number,
  query: z.output<typeof pageQuery>,
) => Promise<Page<CustomerView>> = customers.list;

export const getCustomer = customers.get;

const duplicate = (externalId: string) =>
  new DomainError(`A customer with externalId ${JSON.stringify(externalId)} already exists`, "conflict", {
    externalId: "Already exists",
  });

export async function createCustomer(
  actor: Actor,
  environmentId: number,
  input: z.output<typeof createCustomerBody>,
): Promise<CustomerView> {
  await assertEnvironment(actor, environmentId);
  return onUniqueViolation(
    () =>
      customers.create(
        actor,
        environmentId,
        (tx) =>
          tx.customer.create({
            data: {
              environmentId,
              externalId: input.externalId,
              name: input.name ?? null,
              email: input.email ?? null,
            },
            select: CUSTOMER_SELECT,
          }),
        () => input.externalId,
      ),
    () => duplicate(input.externalId),
  );
}

export const updateCustomer: (
  actor: Actor,
  environmentId: number,
  customerId: string,
  input: z.output<typeof updateCustomerBody>,
) => Promise<CustomerView> = customers.update;

export const deleteCustomer = customers.remove;

/**
 * An event creates a card for a customer, creating the customer on first sight; in one
 * transaction with its audit entry and webhook events (customer.created the first time,
 * card.created, event.received).
 */
export async function sendEvent(
  actor: Actor,
  environmentId: number,
  input: z.output<typeof sendEventBody>,
): Promise<{ card: CardView; customer: CustomerView }> {
  await assertEnvironment(actor, environmentId);
  const where = { environmentId_externalId: { environmentId, externalId: input.customerExternalId } };
  const attempt = () =>
    db().$transaction(async (tx) => {
      const found = await tx.customer.findUnique({ where, select: CUSTOMER_SELECT });
      const customerRow =
        found ??
        (await tx.customer.create({
          data: { environmentId, externalId: input.customerExternalId },
          select: CUSTOMER_SELECT,
        }));
      const cardRow = await tx.card.create({
        data: { environmentId, customerId: customerRow.id, title: input.title, body: input.body ?? null },
        select: CARD_SELECT,
      });
      await recordAudit(
        actor,
        {
          action: "event.send",
          environmentId,
          target: { type: "card", id: cardRow.id, label: cardRow.title },
          details: { customer: input.customerExternalId },
        },
        tx,
      );
      const card = toCardView(cardRow);
      const customer = toCustomerView(customerRow);
      if (!found) await emitEvent(tx, { environmentId, type: "customer.created", data: customer });
      await emitEvent(tx, { environmentId, type: "card.created", data: card });
      await emitEvent(tx, { environmentId, type: "event.received", data: { card, customer } });
      return { card, customer };
    });
  // Two first events for one new customer race to create it; the loser runs again and finds it.
  return attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
}
