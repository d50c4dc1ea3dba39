import "server-only";
import { recordAudit } from "../audit";
import type { z } from "zod";
import { db, isUniqueViolation, onUniqueViolation } from "../db";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import { CARD_SELECT, toCardView } from "./cards";
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
  model: () => db().customer,
  table: "customer",
  columns: CUSTOMER_COLUMNS,
  dates: ["createdAt"],
  view: toCustomerView,
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
    async () => {
      const row = await db().customer.create({
        data: {
          environmentId,
          externalId: input.externalId,
          name: input.name ?? null,
          email: input.email ?? null,
        },
        select: CUSTOMER_SELECT,
      });
      return customers.created(actor, environmentId, row, input.externalId);
    },
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

/** An event creates a card for a customer, creating the customer on first sight. */
export async function sendEvent(
  actor: Actor,
  environmentId: number,
  input: z.output<typeof sendEventBody>,
): Promise<{ card: CardView; customer: CustomerView }> {
  await assertEnvironment(actor, environmentId);
  const where = { environmentId_externalId: { environmentId, externalId: input.customerExternalId } };
  const upsert = () =>
    db().customer.upsert({
      where,
      create: { environmentId, externalId: input.customerExternalId },
      update: {},
      select: CUSTOMER_SELECT,
    });
  // Two first events for one new customer race to create it; the loser finds it created.
  const customer = await upsert().catch((error: unknown) => {
    if (isUniqueViolation(error)) return upsert();
    throw error;
  });
  const card = await db().card.create({
    data: { environmentId, customerId: customer.id, title: input.title, body: input.body ?? null },
    select: CARD_SELECT,
  });
  await recordAudit(actor, {
    action: "event.send",
    environmentId,
    target: { type: "card", id: card.id, label: card.title },
    details: { customer: input.customerExternalId },
  });
  return { card: toCardView(card), customer: toCustomerView(customer) };
}
