export * from "./audit";
export * from "./schemas";
