import type { DataSource } from 'typeorm';

/**
 * Runs `work` and counts the statements sent through the DataSource meanwhile (BEGIN and COMMIT
 * included: each is a round trip). Every query of TypeORM's Postgres driver passes its logger's
 * logQuery, whatever the logging settings, so the count is taken there. Other work on the same
 * DataSource at the same time is counted too.
 */
export async function countQueries<T>(dataSource: DataSource, work: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const queries: string[] = [];
  logger.logQuery = (query, parameters, runner) => {
    queries.push(query);
    return original(query, parameters, runner);
  };
  try {
    return { result: await work(), queries };
  } finally {
    logger.logQuery = original;
  }
}
