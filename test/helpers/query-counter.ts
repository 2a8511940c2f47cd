import { DataSource } from 'typeorm';
import type { TestApp } from './app.js';

/** Counts the SQL the app runs through TypeORM (every request-path query), via its logger. */
export function countQueries(app: TestApp): { readonly count: number; readonly queries: string[]; stop(): void } {
  const logger = app.keyward.app.get(DataSource).logger;
  const original = logger.logQuery;
  const queries: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    queries.push(query);
    return original.call(logger, query, parameters, runner);
  };
  return {
    get count() {
      return queries.length;
    },
    queries,
    stop: () => {
      logger.logQuery = original;
    },
  };
}
