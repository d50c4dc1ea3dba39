import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  sendEvent,
  updateCustomer,
} from "../../../lib/api-resources/customers";
import {
  createCustomerBody,
  customerListResponse,
  customerParams,
  customerResponse,
  deletedResponse,
  environmentParams,
  eventResponse,
  pageQuery,
  sendEventBody,
  updateCustomerBody,
} from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

export const customerOperations = [
  defineOperation("listCustomers", {
    params: environmentParams,
    query: pageQuery,
    response: customerListResponse,
    handler: ({ actor, params, query }) => listCustomers(actor, params.environmentId, query),
  }),
  defineOperation("getCustomer", {
    params: customerParams,
    response: customerResponse,
    handler: async ({ actor, params }) => ({
      data: await getCustomer(actor, params.environmentId, params.customerId),
    }),
  }),
  defineOperation("createCustomer", {
    params: environmentParams,
    body: createCustomerBody,
    response: customerResponse,
    successStatus: 201,
    handler: async ({ actor, params, body }) => ({
      data: await createCustomer(actor, params.environmentId, body),
    }),
  }),
  defineOperation("updateCustomer", {
    params: customerParams,
    body: updateCustomerBody,
    response: customerResponse,
    handler: async ({ actor, params, body }) => ({
      data: await updateCustomer(actor, params.environmentId, params.customerId, body),
    }),
  }),
  defineOperation("deleteCustomer", {
    params: customerParams,
    response: deletedResponse,
    handler: async ({ actor, params }) => ({
      data: await deleteCustomer(actor, params.environmentId, params.customerId),
    }),
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
