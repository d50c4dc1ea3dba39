import { sendRequestBody, environmentParams, sentResponseBody } from "../../../lib/api-resources/schemas";
import { sendRequest } from "../../../lib/requests/service";
import { defineOperation } from "../operation";

// Send Request: any answer of the destination is a 200 with its status in `data.status`; a
// destination outside the credential's allowed destinations is a 403 and nothing is sent.
// Rate-limited per key (the operation's `rateLimit`).
export const requestOperations = [
  defineOperation("sendRequest", {
    params: environmentParams,
    body: sendRequestBody,
    response: sentResponseBody,
    rateLimit: "sendRequest",
    handler: async ({ actor, params, body }) => ({
      data: await sendRequest(actor, params.environmentId, body),
    }),
  }),
];
