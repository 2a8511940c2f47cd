/** TypeORM answers a bare UPDATE or DELETE … RETURNING as [rows, count]; wrapped in a SELECT it answers rows. */
export const changedRows = (sql: string) => `WITH changed AS (${sql}) SELECT * FROM changed`;
