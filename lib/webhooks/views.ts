// What the console and the API may see of endpoints, messages and attempts. The secret columns
// are never selected here: a signing secret leaves the server only in the answer to create or
// rotate.
import { CREDENTIAL_TYPE_INFO, type CredentialType } from "../credentials/kinds";
import type { EndpointStatus, MessageStatus } from "./schemas";

export const ENDPOINT_SELECT = {
  id: true,
  environmentId: true,
  name: true,
  url: true,
  description: true,
  eventTypes: true,
  credentialId: true,
  credential: { select: { id: true, name: true, type: true } },
  status: true,
  disabledReason: true,
  previousSecretExpiresAt: true,
  failingSince: true,
  lastDeliveryAt: true,
  lastDeliveryOk: true,
  version: true,
  createdAt: true,
  createdByLabel: true,
  updatedAt: true,
  updatedByLabel: true,
} as const;

export type EndpointRow = {
  id: string;
  environmentId: number;
  name: string;
  url: string;
  description: string | null;
  eventTypes: string;
  credentialId: string | null;
  credential: { id: string; name: string; type: string } | null;
  status: string;
  disabledReason: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  lastDeliveryAt: Date | null;
  lastDeliveryOk: boolean | null;
  version: number;
  createdAt: Date;
  createdByLabel: string;
  updatedAt: Date;
  updatedByLabel: string;
};

export type EndpointView = Omit<EndpointRow, "eventTypes" | "status" | "credential"> & {
  eventTypes: string[];
  status: EndpointStatus;
  credential: { id: string; name: string; type: string; typeLabel: string } | null;
};

export function parseEventTypes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function statusOf(value: string): EndpointStatus {
  return value === "paused" || value === "disabled" ? value : "enabled";
}

export function endpointView(row: EndpointRow): EndpointView {
  return {
    ...row,
    eventTypes: parseEventTypes(row.eventTypes),
    status: statusOf(row.status),
    credential: row.credential
      ? {
          ...row.credential,
          typeLabel:
            CREDENTIAL_TYPE_INFO[row.credential.type as CredentialType]?.label ?? row.credential.type,
        }
      : null,
  };
}

/** The list adds the last 24 hours: attempts and how many succeeded. */
export type EndpointListItem = EndpointView & { attempts24h: number; succeeded24h: number };

/** Percentage of successful attempts in the last 24 hours, or null without attempts. */
export function successRate(item: { attempts24h: number; succeeded24h: number }): number | null {
  return item.attempts24h === 0 ? null : Math.round((item.succeeded24h / item.attempts24h) * 1000) / 10;
}

/** The public API's view of an endpoint (ISO dates, the credential by id). */
export function apiEndpointView(view: EndpointView) {
  return {
    id: view.id,
    name: view.name,
    url: view.url,
    description: view.description,
    eventTypes: view.eventTypes,
    credentialId: view.credentialId,
    status: view.status,
    disabledReason: view.disabledReason,
    lastDeliveryAt: view.lastDeliveryAt?.toISOString() ?? null,
    lastDeliveryOk: view.lastDeliveryOk,
    version: view.version,
    created: view.createdAt.toISOString(),
    updated: view.updatedAt.toISOString(),
  };
}

const ATTEMPT_ORDER: { createdAt?: "asc"; id?: "asc" }[] = [{ createdAt: "asc" }, { id: "asc" }];

export const MESSAGE_SELECT = {
  id: true,
  endpointId: true,
  eventId: true,
  eventType: true,
  status: true,
  attemptCount: true,
  nextAttemptAt: true,
  createdAt: true,
  lastAttemptAt: true,
  event: { select: { payload: true } },
  attempts: {
    orderBy: ATTEMPT_ORDER,
    select: {
      id: true,
      trigger: true,
      ok: true,
      httpStatus: true,
      error: true,
      durationMs: true,
      request: true,
      responseExcerpt: true,
      createdAt: true,
    },
  },
} as const;

export type AttemptRow = {
  id: string;
  trigger: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
  request: string;
  responseExcerpt: string | null;
  createdAt: Date;
};

export type MessageRow = {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: string;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  event: { payload: string };
  attempts: AttemptRow[];
};

/** The request as the engine recorded it, secrets already redacted. */
export type RecordedRequest = { method?: string; url?: string; headers?: Record<string, string> };

export type AttemptView = Omit<AttemptRow, "request"> & { request: RecordedRequest };
export type MessageView = Omit<MessageRow, "status" | "event" | "attempts"> & {
  status: MessageStatus;
  payload: unknown;
  attempts: AttemptView[];
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function requestOf(text: string): RecordedRequest {
  const value = parseJson(text);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as RecordedRequest) : {};
}

export function messageView(row: MessageRow): MessageView {
  const { event, attempts, ...rest } = row;
  return {
    ...rest,
    status: row.status === "succeeded" || row.status === "failed" ? row.status : "pending",
    payload: parseJson(event.payload),
    attempts: attempts.map((attempt) => ({ ...attempt, request: requestOf(attempt.request) })),
  };
}

export function apiMessageView(view: MessageView) {
  return {
    id: view.id,
    eventId: view.eventId,
    eventType: view.eventType,
    status: view.status,
    attemptCount: view.attemptCount,
    nextAttemptAt: view.nextAttemptAt?.toISOString() ?? null,
    created: view.createdAt.toISOString(),
    payload: view.payload,
    attempts: view.attempts.map((attempt) => ({
      id: attempt.id,
      trigger: attempt.trigger,
      ok: attempt.ok,
      httpStatus: attempt.httpStatus,
      error: attempt.error,
      durationMs: attempt.durationMs,
      request: attempt.request,
      responseExcerpt: attempt.responseExcerpt,
      created: attempt.createdAt.toISOString(),
    })),
  };
}

/** Whether the secret before the last rotation still signs deliveries (24 hours after it). */
export function previousSecretSigns(
  view: { previousSecretExpiresAt: Date | null },
  now = Date.now(),
): boolean {
  return view.previousSecretExpiresAt !== null && view.previousSecretExpiresAt.getTime() > now;
}
