import "server-only";
import { recordAudit } from "../audit";
import type { z } from "zod";
import { db, isNotFound, isUniqueViolation, onUniqueViolation } from "../db";
import type { Actor } from "../auth/actor";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import { toCardView } from "./cards";
import type {
  CardView,
  createCustomerBody,
  CustomerView,
  pageQuery,
  sendEventBody,
  updateCustomerBody,
} from "./schemas";

const CUSTOMER_SELECT = { id: true, externalId: true, name: true, email: true, createdAt: true } as const;

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

export async function listCustomers(
  actor: Actor,
  environmentId: number,
  query: z.output<typeof pageQuery>,
): Promise<{ data: CustomerView[]; nextCursor: string | null }> {
  await assertEnvironment(actor, environmentId);
  if (query.cursor) {
    const exists = await db().customer.findFirst({
      where: { id: query.cursor, environmentId },
      select: { id: true },
    });
    if (!exists) throw new DomainError("Unknown cursor", "invalid");
  }
  const rows = await db().customer.findMany({
    where: { environmentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: CUSTOMER_SELECT,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(toCustomerView),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

export async function getCustomer(
  actor: Actor,
  environmentId: number,
  customerId: string,
): Promise<CustomerView> {
  await assertEnvironment(actor, environmentId);
  const row = await db().customer.findFirst({
    where: { id: customerId, environmentId },
    select: CUSTOMER_SELECT,
  });
  if (!row) throw new DomainError(`Customer ${customerId} not found`, "not_found");
  return toCustomerView(row);
}

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
      await recordAudit(actor, {
        action: "customer.create",
        environmentId,
        target: { type: "customer", id: row.id, label: input.externalId },
      });
      return toCustomerView(row);
    },
    () => duplicate(input.externalId),
  );
}

export async function updateCustomer(
  actor: Actor,
  environmentId: number,
  customerId: string,
  input: z.output<typeof updateCustomerBody>,
): Promise<CustomerView> {
  await getCustomer(actor, environmentId, customerId);
  try {
    const row = await db().customer.update({
      where: { id: customerId },
      data: input,
      select: CUSTOMER_SELECT,
    });
    await recordAudit(actor, {
      action: "customer.update",
      environmentId,
      target: { type: "customer", id: row.id },
      details: { fields: Object.keys(input) },
    });
    return toCustomerView(row);
  } catch (error) {
    if (isNotFound(error)) throw new DomainError(`Customer ${customerId} not found`, "not_found");
    throw error;
  }
}

export async function deleteCustomer(
  actor: Actor,
  environmentId: number,
  customerId: string,
): Promise<{ id: string }> {
  await assertEnvironment(actor, environmentId);
  const { count } = await db().customer.deleteMany({ where: { id: customerId, environmentId } });
  if (count === 0) throw new DomainError(`Customer ${customerId} not found`, "not_found");
  await recordAudit(actor, {
    action: "customer.delete",
    environmentId,
    target: { type: "customer", id: customerId },
  });
  return { id: customerId };
}

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
    select: { id: true, title: true, body: true, status: true, customerId: true, createdAt: true },
  });
  await recordAudit(actor, {
    action: "event.send",
    environmentId,
    target: { type: "card", id: card.id, label: card.title },
    details: { customer: input.customerExternalId },
  });
  return { card: toCardView(card), customer: toCustomerView(customer) };
}
