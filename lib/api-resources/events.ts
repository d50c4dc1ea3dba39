import "server-only";
import type { z } from "zod";
import { recordAudit, recordAuditPrepared, type AuditEntryInput } from "../audit";
import type { Actor } from "../auth/actor";
import { db, isUniqueViolation } from "../db";
import { dialectQuery, preparedTransaction, rows, selectColumns } from "../db/prepared";
import { assertEnvironment } from "../organisations/access";
import { emitEvent, emitEventPrepared } from "../webhooks/emit";
import type { EventType } from "../webhooks/catalogue";
import { cards, toCardView } from "./cards";
import { CUSTOMER_SELECT, customers, toCustomerView, type CustomerRow } from "./customers";
import type { CardView, CustomerView, sendEventBody } from "./schemas";

// POST /v1/{env}/events: an event creates a card for a customer, creating the customer on
// first sight; in one transaction with its audit entry and webhook events (customer.created
// the first time, card.created, event.received). `sendEvent` runs it as prepared statements;
// `orm.sendEvent` is the same write through Prisma, which the integration tests hold it to.

type SendEventInput = z.output<typeof sendEventBody>;
type Sent = { card: CardView; customer: CustomerView };

const audit = (
  cardId: string,
  title: string,
  input: SendEventInput,
  environmentId: number,
): AuditEntryInput => ({
  action: "event.send",
  environmentId,
  target: { type: "card", id: cardId, label: title },
  details: { customer: input.customerExternalId },
});

/** The events of one send, in order. */
function events(sent: Sent, newCustomer: boolean): { type: EventType; data: Record<string, unknown> }[] {
  return [
    ...(newCustomer ? [{ type: "customer.created" as const, data: sent.customer }] : []),
    { type: "card.created", data: sent.card },
    { type: "event.received", data: sent },
  ];
}

const CUSTOMER_BY_EXTERNAL_ID = dialectQuery(
  "customer.by_external_id",
  (d) =>
    `SELECT ${selectColumns(d, customers.columns, customers.dates)} FROM "customer" WHERE "environmentId" = $1 AND "externalId" = $2`,
);

/** Two first events for one new customer race to create it; the loser runs again and finds it. */
function retryOnce<T>(attempt: () => Promise<T>): Promise<T> {
  return attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
}

export async function sendEvent(actor: Actor, environmentId: number, input: SendEventInput): Promise<Sent> {
  await assertEnvironment(actor, environmentId);
  return retryOnce(() =>
    preparedTransaction(function* () {
      const at = new Date();
      const [found] = yield* rows<CustomerRow>(
        CUSTOMER_BY_EXTERNAL_ID(),
        [environmentId, input.customerExternalId],
        customers.dates,
      );
      const customerRow =
        found ??
        (yield* customers.prepared.insertRow(
          environmentId,
          { externalId: input.customerExternalId, name: null, email: null },
          at,
        ));
      const cardRow = yield* cards.prepared.insertRow(
        environmentId,
        { customerId: customerRow.id, title: input.title, body: input.body ?? null },
        at,
      );
      yield* recordAuditPrepared(actor, audit(cardRow.id, cardRow.title, input, environmentId), at);
      const sent = { card: toCardView(cardRow), customer: toCustomerView(customerRow) };
      for (const { type, data } of events(sent, !found))
        yield* emitEventPrepared({ environmentId, type, data, at });
      return sent;
    }),
  );
}

export const orm = {
  /** sendEvent through Prisma. */
  async sendEvent(actor: Actor, environmentId: number, input: SendEventInput): Promise<Sent> {
    await assertEnvironment(actor, environmentId);
    const where = { environmentId_externalId: { environmentId, externalId: input.customerExternalId } };
    return retryOnce(() =>
      db().$transaction(async (tx) => {
        const at = new Date();
        const found = await tx.customer.findUnique({ where, select: CUSTOMER_SELECT });
        const customerRow =
          found ??
          (await customers.orm.insertRow(
            tx,
            environmentId,
            { externalId: input.customerExternalId, name: null, email: null },
            at,
          ));
        const cardRow = await cards.orm.insertRow(
          tx,
          environmentId,
          { customerId: customerRow.id, title: input.title, body: input.body ?? null },
          at,
        );
        await recordAudit(actor, audit(cardRow.id, cardRow.title, input, environmentId), tx, at);
        const sent = { card: toCardView(cardRow), customer: toCustomerView(customerRow) };
        for (const { type, data } of events(sent, !found))
          await emitEvent(tx, { environmentId, type, data, at });
        return sent;
      }),
    );
  },
};
