import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { parseDatabaseUrl } from './database-url';

export interface DataSourceOptions {
  readonly logging?: boolean;
  readonly poolSize?: number;
}

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/** A DataSource that never changes the schema by itself: migrations are run by initDatabase only. */
export function createDataSource(databaseUrl: string, opts: DataSourceOptions = {}): DataSource {
  const target = parseDatabaseUrl(databaseUrl);
  return new DataSource({
    type: 'postgres',
    host: target.host,
    port: target.port,
    username: target.user,
    password: target.password ?? undefined,
    database: target.database,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    migrationsRun: false,
    logging: opts.logging ?? false,
    poolSize: opts.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 10_000, application_name: 'polyb0t' },
  });
}
