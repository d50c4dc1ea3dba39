export * from "./service";
export { EVENT_CATALOGUE, EVENT_TYPES, TEST_EVENT_TYPE, type EventType } from "./catalogue";
