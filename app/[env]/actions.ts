"use server";
import { z } from "zod";
import { listPaletteRecords, type PaletteRecord } from "@/lib/search/palette";
import { memberAction } from "../_lib/action";

/** The records the command palette can jump to in the URL's environment (`{ environment }`). */
export const paletteRecordsAction = memberAction(
  { resource: "apiKeys", access: "view", environment: true, input: z.object({}) },
  ({ member, environment }): Promise<PaletteRecord[]> => listPaletteRecords(member, environment.id),
);
