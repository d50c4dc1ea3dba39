import { createCard, deleteCard, getCard, listCardsJson, updateCard } from "../../../lib/api-resources/cards";
import {
  cardListQuery,
  cardListResponse,
  cardParams,
  cardResponse,
  createCardBody,
  updateCardBody,
} from "../../../lib/api-resources/schemas";
import { resourceOperations } from "./resource";

export const cardOperations = resourceOperations({
  operations: {
    list: "listCards",
    get: "getCard",
    create: "createCard",
    update: "updateCard",
    delete: "deleteCard",
  },
  idParam: "cardId",
  params: cardParams,
  listQuery: cardListQuery,
  createBody: createCardBody,
  updateBody: updateCardBody,
  response: cardResponse,
  listResponse: cardListResponse,
  service: { list: listCardsJson, get: getCard, create: createCard, update: updateCard, remove: deleteCard },
});
