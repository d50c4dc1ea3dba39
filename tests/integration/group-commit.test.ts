import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { execute, preparedQuery, preparedTransaction } from "@/lib/db/prepared";
import { createCard } from "@/lib/api-resources/cards";
import type { Actor } from "@/lib/auth/actor";
import { resetProcessState, useFreshDatabase } from "@/test-support/test-database";
import { keyActor, seedOrganisation, type Seed } from "./helpers/api";

// On SQLite the API's writes that arrive in one turn of the event loop commit in one
// transaction (lib/db/prepared.ts, group commit). A write is reported only once that
// transaction has committed: should SQLite end the transaction itself half-way (an I/O error,
// a full disk), every write of the group fails, including those whose statements had all run.

describe("group commit on SQLite", () => {
  let seed: Seed;
  let actor: Actor;

  beforeAll(async () => {
    await useFreshDatabase("sqlite");
    seed = await seedOrganisation();
    actor = keyActor(seed);
  });

  afterAll(resetProcessState);

  it("a transaction lost half-way fails every write of the group and leaves none of them", async () => {
    const before = await db().card.count();
    // Ends the shared transaction from inside one write, as SQLite does on an I/O error.
    const lost = preparedQuery("test.lose_transaction", "ROLLBACK");
    const writes = [
      createCard(actor, seed.production, { title: "Lost 0" }),
      createCard(actor, seed.production, { title: "Lost 1" }),
      (async () => {
        // Queued with the others: the cards above wait on their reads first, so this one waits too.
        await db().card.count();
        return preparedTransaction(function* () {
          yield* execute(lost, []);
        });
      })(),
      createCard(actor, seed.production, { title: "Lost 3" }),
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    expect(await db().card.count()).toBe(before);
    // The connection is usable afterwards.
    const card = await createCard(actor, seed.production, { title: "After" });
    expect(await db().card.findUnique({ where: { id: card.id } })).toMatchObject({ title: "After" });
  });
});
