"use server";
import type { z } from "zod";
import {
  createEndpoint,
  deleteEndpoint,
  ENDPOINT_NOT_FOUND,
  getEndpoint,
  replayFailed,
  resendMessage,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointStatus,
  updateEndpoint,
} from "@/lib/webhooks";
import {
  createEndpointInput,
  deleteEndpointInput,
  endpointIdOnly,
  replayFailedInput,
  resendMessageInput,
  setEndpointStatusInput,
  updateEndpointInput,
} from "@/lib/webhooks/schemas";
import type { MessageView } from "@/lib/webhooks/views";
import { memberAction } from "@/app/_lib/action";
import type { MemberActor } from "@/app/_lib/session";

// Every action names the environment of its URL; memberAction checks it against the member's
// organisation and, for an existing endpoint, against the endpoint's own environment.

const revalidate = (environment: string) => `/${environment}/configuration/integrations/webhooks`;

/** An action on one existing endpoint: the edit right, and the endpoint in the URL's environment. */
function onExistingEndpoint<S extends z.ZodType<{ id: string }>, T>(
  input: S,
  run: (member: MemberActor, data: z.output<S>) => Promise<T>,
) {
  return memberAction(
    {
      resource: "webhooks",
      access: "edit",
      environment: true,
      input,
      load: { find: (member, data) => getEndpoint(member, data.id), notFound: ENDPOINT_NOT_FOUND },
      revalidate,
    },
    ({ member, data }) => run(member, data),
  );
}

/** The signing secret is in this answer only; the page shows it once. */
export const createEndpointAction = memberAction(
  { resource: "webhooks", access: "edit", environment: true, input: createEndpointInput, revalidate },
  async ({ member, data }) => {
    const { endpoint, secret } = await createEndpoint(member, data);
    return { id: endpoint.id, name: endpoint.name, secret };
  },
);

export const updateEndpointAction = onExistingEndpoint(updateEndpointInput, async (member, data) => {
  const endpoint = await updateEndpoint(member, data);
  return { id: endpoint.id, name: endpoint.name, version: endpoint.version };
});

export const setEndpointStatusAction = onExistingEndpoint(setEndpointStatusInput, async (member, data) => ({
  status: (await setEndpointStatus(member, data)).status,
}));

export const rotateEndpointSecretAction = onExistingEndpoint(endpointIdOnly, async (member, data) => ({
  secret: (await rotateEndpointSecret(member, data)).secret,
}));

export const deleteEndpointAction = onExistingEndpoint(deleteEndpointInput, async (member, data) => ({
  name: (await deleteEndpoint(member, data)).name,
}));

/** How the message stands after the action: its status and the last attempt, if one was made. */
function outcome(message: MessageView) {
  const last = message.attempts.at(-1);
  return {
    messageId: message.id,
    status: message.status,
    lastAttempt: last ? { ok: last.ok, httpStatus: last.httpStatus, error: last.error } : null,
  };
}

export const sendTestEventAction = onExistingEndpoint(endpointIdOnly, async (member, data) =>
  outcome(await sendTestEvent(member, data)),
);

export const resendMessageAction = onExistingEndpoint(resendMessageInput, async (member, data) =>
  outcome(await resendMessage(member, data)),
);

export const replayFailedAction = onExistingEndpoint(replayFailedInput, (member, data) =>
  replayFailed(member, data),
);
