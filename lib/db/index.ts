export { db, closeDb, databasePoolStats, databaseUrl, isPostgresUrl, type Db } from "./client";
export { processSingleton } from "./singleton";
export {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  isNotFound,
  isUniqueViolation,
  onUniqueViolation,
} from "./errors";
export { containsText } from "./text-search";
