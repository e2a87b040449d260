import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './connection/data-source.factory';
import { describeDatabaseError } from './connection/database-error';
import { parseDatabaseUrl } from './connection/database-url';
import { initDatabase } from './connection/init-database';
import { REPOSITORIES } from './persistence.repositories';

export interface PersistenceModuleOptions extends DataSourceOptions {
  /** Run initDatabase (create the database if missing, run pending migrations) before connecting. */
  readonly initDatabase?: boolean;
}

/**
 * The DataSource (connected while the module initializes, closed at shutdown) and every
 * repository. The schema is changed only when asked (`initDatabase: true`) or by initDatabase.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(databaseUrl: string, opts: PersistenceModuleOptions = {}): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> => {
            if (opts.initDatabase === true) await initDatabase(databaseUrl);
            const dataSource = createDataSource(databaseUrl, opts);
            try {
              return await dataSource.initialize();
            } catch (error) {
              throw describeDatabaseError('connecting', parseDatabaseUrl(databaseUrl), error);
            }
          },
        },
        ...REPOSITORIES,
      ],
      exports: [DataSource, ...REPOSITORIES],
    };
  }

  // After every module's onModuleDestroy, so their last writes still have a connection.
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
