export { db, closeDb, databaseUrl, isPostgresUrl, type Db } from "./client";
export { processSingleton } from "./singleton";
export { isNotFound, isUniqueViolation, onUniqueViolation } from "./errors";
export { containsText } from "./text-search";
