import "server-only";
import type { z } from "zod";
import { onUniqueViolation } from "../db";
import type { Actor } from "../auth/actor";
import type { JsonText } from "../db/prepared";
import { DomainError } from "../result";
import { assertEnvironment } from "../organisations/access";
import { environmentResource, selectOf } from "./resource";
import type { createCustomerBody, CustomerView, pageQuery, updateCustomerBody } from "./schemas";

const CUSTOMER_COLUMNS = ["id", "externalId", "name", "email", "createdAt"] as const;
export const CUSTOMER_SELECT = selectOf(CUSTOMER_COLUMNS);

export type CustomerRow = {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  createdAt: Date;
};

export function toCustomerView(row: CustomerRow): CustomerView {
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
  json: [
    { key: "id", column: "id" },
    { key: "externalId", column: "externalId" },
    { key: "name", column: "name" },
    { key: "email", column: "email" },
    { key: "created", column: "createdAt", timestamp: true },
  ],
  events: { created: "customer.created", updated: "customer.updated", deleted: "customer.deleted" },
});

/** The customer list's page as the JSON text GET /v1/{env}/customers sends. */
export const listCustomersJson: (
  actor: Actor,
  environmentId: number,
  query: z.output<typeof pageQuery>,
) => Promise<JsonText> = customers.listJson;

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
        { externalId: input.externalId, name: input.name ?? null, email: input.email ?? null },
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
