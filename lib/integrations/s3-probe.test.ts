import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowlist } from "../outbound/allowlist";
import {
  S3RVER_ACCESS_KEY_ID,
  startVerifiedS3,
  type S3Peer,
} from "../../test-support/peers/s3-verifying-proxy";
import { runS3Probe } from "./s3-probe";
import type { S3Config } from "./storage";

// Loopback only: s3rver behind the SigV4-verifying proxy.
const SECRET = "probe-test-secret-0123456789";
let peer: S3Peer;
const allowlist = parseAllowlist("127.0.0.0/8");

beforeAll(async () => {
  peer = await startVerifiedS3({ secretAccessKey: SECRET, region: "eu-west-1", buckets: ["probe-bucket"] });
});
afterAll(async () => peer.close());

const config = (): S3Config => ({
  bucket: "probe-bucket",
  region: "eu-west-1",
  prefix: "wb/",
  credentialMode: "keys",
  credentialId: "",
  accessKeyId: S3RVER_ACCESS_KEY_ID,
  endpointUrl: peer.url,
  forcePathStyle: true,
});

describe("runS3Probe", () => {
  it("writes, reads back and deletes a probe object", async () => {
    const result = await runS3Probe(
      config(),
      { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET, source: "test" },
      { allowlist },
    );
    expect(result.steps?.map((s) => [s.step, s.outcome])).toEqual([
      ["write", "ok"],
      ["read", "ok"],
      ["delete", "ok"],
    ]);
    expect(result.ok).toBe(true);
    expect(result.s3?.key).toMatch(/^wb\/workbench-probe-/);
  });

  it("reports a wrong secret as SignatureDoesNotMatch and skips the rest", async () => {
    const result = await runS3Probe(
      config(),
      { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: "wrong-secret", source: "test" },
      { allowlist },
    );
    expect(result.ok).toBe(false);
    expect(result.steps?.[0]).toMatchObject({ step: "write", outcome: "failed", status: 403 });
    expect(result.steps?.[0].message).toContain("SignatureDoesNotMatch");
    expect(result.steps?.slice(1).map((s) => s.outcome)).toEqual(["skipped", "skipped"]);
    expect(JSON.stringify(result)).not.toContain("wrong-secret");
  });

  it("refuses a loopback endpoint when the allowlist does not permit it, before connecting", async () => {
    const before = peer.requests.length;
    const result = await runS3Probe(
      config(),
      { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET, source: "test" },
      { allowlist: parseAllowlist("") },
    );
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/address guard/);
    expect(peer.requests.length).toBe(before);
  });

  it("refuses a host name that resolves to a refused address (guarded lookup)", async () => {
    const port = new URL(peer.url).port;
    const before = peer.requests.length;
    const resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    const result = await runS3Probe(
      { ...config(), endpointUrl: `http://s3.example.test:${port}` },
      { accessKeyId: S3RVER_ACCESS_KEY_ID, secretAccessKey: SECRET, source: "test" },
      { allowlist: parseAllowlist(""), resolver },
    );
    expect(result.ok).toBe(false);
    expect(result.steps?.[0].message).toMatch(/address guard/);
    expect(peer.requests.length).toBe(before);
  });
});
