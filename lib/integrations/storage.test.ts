import { describe, expect, it } from "vitest";
import { assertSecretsRetyped, planIntegrationStorage } from "./storage";

const marketo = {
  kind: "marketo" as const,
  name: "M",
  munchkinId: "",
  baseUrl: "http://127.0.0.1:4001",
  clientId: "c",
  clientSecret: "",
};

describe("a premium integration's secret follows its endpoint only when typed again", () => {
  const before = { munchkinId: "", baseUrl: "http://127.0.0.1:4001", clientId: "c" };

  it("refuses a new base URL that keeps the stored secret, with field errors", () => {
    const plan = planIntegrationStorage(
      { ...marketo, baseUrl: "http://127.0.0.1:4999" },
      new Set(["clientSecret"]),
    );
    let error: unknown;
    try {
      assertSecretsRetyped("marketo", before, plan);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      code: "invalid",
      fieldErrors: {
        clientSecret: expect.stringContaining("Type this secret again") as unknown as string,
        baseUrl: expect.stringContaining("needs the secret typed again") as unknown as string,
      },
    });
  });

  it("allows the change with the secret typed again, and other changes without it", () => {
    const retyped = planIntegrationStorage(
      { ...marketo, baseUrl: "http://127.0.0.1:4999", clientSecret: "new" },
      new Set(["clientSecret"]),
    );
    expect(() => assertSecretsRetyped("marketo", before, retyped)).not.toThrow();
    const renamed = planIntegrationStorage(
      { ...marketo, name: "Other", clientId: "c2" },
      new Set(["clientSecret"]),
    );
    expect(() => assertSecretsRetyped("marketo", before, renamed)).not.toThrow();
  });
});
