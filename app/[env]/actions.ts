"use server";
import { listPaletteRecords, type PaletteRecord } from "@/lib/search/palette";
import { ok, type ActionResult } from "@/lib/result";
import { environmentNamed } from "@/lib/organisations/access";
import { requireMember } from "../_lib/session";
import { runAction } from "../_lib/action";

export async function paletteRecordsAction(environment: unknown): Promise<ActionResult<PaletteRecord[]>> {
  return runAction(async () => {
    const member = await requireMember("apiKeys", "view");
    const env = await environmentNamed(member, String(environment));
    return ok(await listPaletteRecords(env.id));
  });
}
