import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomersJson,
  updateCustomer,
} from "../../../lib/api-resources/customers";
import { sendEvent } from "../../../lib/api-resources/events";
import {
  createCustomerBody,
  customerListResponse,
  customerParams,
  customerResponse,
  environmentParams,
  eventResponse,
  pageQuery,
  sendEventBody,
  updateCustomerBody,
} from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";
import { resourceOperations } from "./resource";

export const customerOperations = [
  ...resourceOperations({
    operations: {
      list: "listCustomers",
      get: "getCustomer",
      create: "createCustomer",
      update: "updateCustomer",
      delete: "deleteCustomer",
    },
    idParam: "customerId",
    params: customerParams,
    listQuery: pageQuery,
    createBody: createCustomerBody,
    updateBody: updateCustomerBody,
    response: customerResponse,
    listResponse: customerListResponse,
    service: {
      list: listCustomersJson,
      get: getCustomer,
      create: createCustomer,
      update: updateCustomer,
      remove: deleteCustomer,
    },
  }),
  defineOperation("sendEvent", {
    params: environmentParams,
    body: sendEventBody,
    response: eventResponse,
    successStatus: 201,
    handler: async ({ actor, params, body }) => ({
      data: await sendEvent(actor, params.environmentId, body),
    }),
  }),
];
