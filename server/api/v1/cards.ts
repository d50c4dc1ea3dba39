import { createCard, deleteCard, getCard, listCards, updateCard } from "../../../lib/api-resources/cards";
import {
  cardListQuery,
  cardListResponse,
  cardParams,
  cardResponse,
  createCardBody,
  deletedResponse,
  environmentParams,
  updateCardBody,
} from "../../../lib/api-resources/schemas";
import { defineOperation } from "../operation";

export const cardOperations = [
  defineOperation("listCards", {
    params: environmentParams,
    query: cardListQuery,
    response: cardListResponse,
    handler: ({ actor, params, query }) => listCards(actor, params.environmentId, query),
  }),
  defineOperation("getCard", {
    params: cardParams,
    response: cardResponse,
    handler: async ({ actor, params }) => ({
      data: await getCard(actor, params.environmentId, params.cardId),
    }),
  }),
  defineOperation("createCard", {
    params: environmentParams,
    body: createCardBody,
    response: cardResponse,
    successStatus: 201,
    handler: async ({ actor, params, body }) => ({
      data: await createCard(actor, params.environmentId, body),
    }),
  }),
  defineOperation("updateCard", {
    params: cardParams,
    body: updateCardBody,
    response: cardResponse,
    handler: async ({ actor, params, body }) => ({
      data: await updateCard(actor, params.environmentId, params.cardId, body),
    }),
  }),
  defineOperation("deleteCard", {
    params: cardParams,
    response: deletedResponse,
    handler: async ({ actor, params }) => ({
      data: await deleteCard(actor, params.environmentId, params.cardId),
    }),
  }),
];
