// Client-safe shape of a premium integration's live test, as the result panel shows it.
import type { RequestView, ResponseView } from "../credentials/test-views";

export type ProbeStepName = "write" | "read" | "delete";

export type ProbeStep = {
  step: ProbeStepName;
  /** e.g. "PUT analytics/workbench-probe-….txt" */
  label: string;
  outcome: "ok" | "failed" | "skipped";
  status: number | null;
  ms: number | null;
  /** Plain words: what happened, or why it failed (S3 error code included). */
  message: string;
};

export type TokenDetails = {
  status: number;
  tokenType: string | null;
  expiresIn: number | null;
  /** When the token expires, from the time of the test. */
  expiresAt: string | null;
  scope: string | null;
  restInstanceUrl: string | null;
  soapInstanceUrl: string | null;
};

export type IntegrationTestResult = {
  ok: boolean;
  summary: string;
  /** S3: the probe object's write, read-back and delete. */
  steps?: ProbeStep[];
  s3?: {
    endpoint: string;
    bucket: string;
    key: string;
    region: string;
    addressing: "path-style" | "virtual-hosted";
    credential: string;
  };
  /** Salesforce / Marketo: what the token endpoint answered (the token itself is never returned). */
  token?: TokenDetails;
  request?: RequestView;
  response?: ResponseView;
  error?: { kind: string; message: string };
};
