// The soak's CI version: 60 s of steady mixed load at 70 % of the measured capacity (the full
// ten minutes is `npm run soak`). No error, p99 of the last quarter within 25 % of the first,
// RSS growth under 10 % after the first quarter.
import { expect, it } from "vitest";
import { createdSecrets, secretsIn } from "./helpers/clients";
import { soak, soakProblems } from "./helpers/soak";
import { logsOf } from "./helpers/workbench";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);

it(
  `${SECONDS} s of steady mixed load: no error, stable p99, no memory growth`,
  { timeout: (SECONDS + 120) * 1000 },
  async () => {
    const figures = await soak(SECONDS);
    expect(figures.requests).toBeGreaterThan(SECONDS * 10);
    expect(soakProblems(figures)).toEqual([]);
  },
);

it("no secret it handed out is in any log line", () => {
  expect(secretsIn(logsOf("soak"))).toEqual([]);
  expect(createdSecrets.size).toBeGreaterThan(1);
});
