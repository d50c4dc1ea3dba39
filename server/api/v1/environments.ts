import { listApiEnvironments } from "../../../lib/api-resources/environments";
import { environmentsResponse } from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

export const environmentOperations = [
  defineOperation("listEnvironments", {
    response: environmentsResponse,
    handler: async ({ actor }) => ({ environments: await listApiEnvironments(actor) }),
  }),
];
