export { db, closeDb, databaseUrl, isPostgresUrl, type Db } from "./client";
export { processSingleton } from "./singleton";
