import "server-only";
import { recordAudit } from "../audit";
import type { Actor } from "../auth/actor";
import { db, isNotFound, type Db } from "../db";
import { assertEnvironment } from "../organisations/access";
import { DomainError } from "../result";
import type { EventType } from "../webhooks/catalogue";
import { emitEvent } from "../webhooks/emit";

// What every /v1 resource kept per environment shares: newest-first cursor pagination, get or
// 404, a partial update and delete, each audited and announced (its webhook event) in the
// change's own transaction. A resource adds its create and its filters.

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type EnvironmentRow = { id: string };
type InEnvironment = { id: string; environmentId: number };

/** The part of a Prisma model delegate these operations use, with the resource's select applied. */
type ResourceModel<Row> = {
  findFirst(args: { where: InEnvironment; select: { id: true } }): PromiseLike<EnvironmentRow | null>;
  findFirst(args: { where: InEnvironment; select: Record<string, true> }): PromiseLike<Row | null>;
  findMany(args: {
    where: Record<string, unknown>;
    orderBy: Record<string, "desc">[];
    take: number;
    cursor?: { id: string };
    skip?: number;
    select: Record<string, true>;
  }): PromiseLike<Row[]>;
  update(args: { where: { id: string }; data: object; select: Record<string, true> }): PromiseLike<Row>;
  deleteMany(args: { where: InEnvironment }): PromiseLike<{ count: number }>;
};

export type PageQuery = { limit: number; cursor?: string };
export type Page<View> = { data: View[]; nextCursor: string | null };

export function environmentResource<Row extends EnvironmentRow, View>(spec: {
  /** In messages: "Card", "Customer". */
  noun: string;
  /** The audit target type and action prefix: "card" → card.update. */
  auditType: string;
  /** The Prisma delegate of a client or transaction, e.g. `(client) => client.card`. */
  model: (client: Tx | Db) => object;
  select: Record<string, true>;
  view: (row: Row) => View;
  /** The audit label of an updated row, if the resource shows one. */
  updateLabel?: (row: Row) => string;
  /** The webhook events of a create, update and delete; their data is the resource's view. */
  events: { created: EventType; updated: EventType; deleted: EventType };
}) {
  // Prisma's delegates are generic per call, which no plain function type matches; the calls
  // below use only the shape ResourceModel names, with `select` giving the row.
  const model = (client: Tx | Db = db()) => spec.model(client) as ResourceModel<Row>;
  const announce = (tx: Tx, environmentId: number, type: EventType, view: View) =>
    emitEvent(tx, { environmentId, type, data: view as Record<string, unknown> });
  const notFound = (id: string) => new DomainError(`${spec.noun} ${id} not found`, "not_found");

  async function get(actor: Actor, environmentId: number, id: string): Promise<View> {
    await assertEnvironment(actor, environmentId);
    const row = await model().findFirst({ where: { id, environmentId }, select: spec.select });
    if (!row) throw notFound(id);
    return spec.view(row);
  }

  return {
    notFound,
    get,

    /**
     * Inserts a row with `insert` and, in the same transaction, audits it under its label and
     * emits the resource's created event; returns its view.
     */
    async create(
      actor: Actor,
      environmentId: number,
      insert: (tx: Tx) => Promise<Row>,
      label: (row: Row) => string,
    ): Promise<View> {
      return db().$transaction(async (tx) => {
        const row = await insert(tx);
        await recordAudit(
          actor,
          {
            action: `${spec.auditType}.create`,
            environmentId,
            target: { type: spec.auditType, id: row.id, label: label(row) },
          },
          tx,
        );
        const view = spec.view(row);
        await announce(tx, environmentId, spec.events.created, view);
        return view;
      });
    },

    /** Newest first; `cursor` is the last id of the previous page and must be one of this environment's. */
    async list(
      actor: Actor,
      environmentId: number,
      query: PageQuery,
      filters: Record<string, unknown> = {},
    ): Promise<Page<View>> {
      await assertEnvironment(actor, environmentId);
      if (query.cursor) {
        const exists = await model().findFirst({
          where: { id: query.cursor, environmentId },
          select: { id: true },
        });
        if (!exists) throw new DomainError("Unknown cursor", "invalid");
      }
      const rows = await model().findMany({
        where: { environmentId, ...filters },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit + 1,
        ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
        select: spec.select,
      });
      const page = rows.slice(0, query.limit);
      return {
        data: page.map(spec.view),
        nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
      };
    },

    async update(actor: Actor, environmentId: number, id: string, input: object): Promise<View> {
      await get(actor, environmentId, id);
      try {
        return await db().$transaction(async (tx) => {
          const row = await model(tx).update({ where: { id }, data: input, select: spec.select });
          await recordAudit(
            actor,
            {
              action: `${spec.auditType}.update`,
              environmentId,
              target: {
                type: spec.auditType,
                id: row.id,
                ...(spec.updateLabel ? { label: spec.updateLabel(row) } : {}),
              },
              details: { fields: Object.keys(input) },
            },
            tx,
          );
          const view = spec.view(row);
          await announce(tx, environmentId, spec.events.updated, view);
          return view;
        });
      } catch (error) {
        if (isNotFound(error)) throw notFound(id);
        throw error;
      }
    },

    async remove(actor: Actor, environmentId: number, id: string): Promise<{ id: string }> {
      await assertEnvironment(actor, environmentId);
      return db().$transaction(async (tx) => {
        // The deleted event carries the row as it was.
        const row = await model(tx).findFirst({ where: { id, environmentId }, select: spec.select });
        const { count } = row ? await model(tx).deleteMany({ where: { id, environmentId } }) : { count: 0 };
        if (!row || count === 0) throw notFound(id);
        await recordAudit(
          actor,
          { action: `${spec.auditType}.delete`, environmentId, target: { type: spec.auditType, id } },
          tx,
        );
        await announce(tx, environmentId, spec.events.deleted, spec.view(row));
        return { id };
      });
    },
  };
}
