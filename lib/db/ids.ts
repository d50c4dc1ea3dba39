import { randomUint32 } from "../crypto/random-pool";
import { hostname } from "node:os";

// Row ids in the shape of Prisma's `@default(cuid())` (cuid v1: "c", the time, a counter, a
// fingerprint of the process, random), for rows written by prepared statements: ids of one
// process sort by creation within a millisecond, as Prisma's do. The random part comes from
// the system's CSPRNG.

const BLOCK = 36 ** 4;
let counter = randomUint32() % BLOCK;
const pad4 = (n: number) => n.toString(36).padStart(4, "0").slice(-4);
const fingerprint = (() => {
  const pid = process.pid.toString(36).padStart(2, "0").slice(-2);
  let sum = hostname().length + 36;
  for (const char of hostname()) sum += char.charCodeAt(0);
  return pid + sum.toString(36).padStart(2, "0").slice(-2);
})();

function random4(): number {
  return randomUint32() % BLOCK;
}

/** A new cuid ("c" + 24 lowercase base-36 characters). */
export function cuid(): string {
  counter = (counter + 1) % BLOCK;
  return `c${Date.now().toString(36).padStart(8, "0")}${pad4(counter)}${fingerprint}${pad4(random4())}${pad4(random4())}`;
}
