import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './connection/data-source.factory';
import { describeDatabaseError } from './connection/database-error';
import { parseDatabaseUrl } from './connection/database-url';
import { REPOSITORIES } from './persistence.repositories';

/**
 * The DataSource (connected while the module initializes, closed at shutdown) and every
 * repository. Schema changes are not made here: run initDatabase first.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(databaseUrl: string, opts: DataSourceOptions = {}): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async (): Promise<DataSource> => {
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
