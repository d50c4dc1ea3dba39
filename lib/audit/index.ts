export * from "./audit";
export { AUDIT_COUNT_LIMIT, listAudit, type AuditEventView, type AuditFilters, type AuditPage } from "./list";
export * from "./schemas";
export * from "./changes";
