import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PinoNestLogger } from '@polybot/observability';
import { PersistenceModule } from '@polybot/persistence';
import { RuntimeModule, type ServiceRuntime } from '@polybot/runtime';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiModule } from './api.module';
import { configureBodyParsing } from './body-parsing';

/**
 * What every API app gets before it listens, in production (runService's beforeListen) and in
 * tests alike: body limits and parse errors, and the one error model. CORS stays off.
 */
export function configureApiApp(app: INestApplication, runtime: ServiceRuntime): void {
  configureBodyParsing(app);
  (app as NestExpressApplication).disable('x-powered-by');
  app.useGlobalFilters(new ApiExceptionFilter(runtime.logger));
}

@Module({})
class ApiAppModule {
  static forRuntime(runtime: ServiceRuntime, databaseUrl: string): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [RuntimeModule.forRoot(runtime), PersistenceModule.forRoot(databaseUrl), ApiModule],
    };
  }
}

/** The API as an in-process Nest app on the given runtime, configured but not listening yet. */
export async function createApiApp(runtime: ServiceRuntime, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(ApiAppModule.forRuntime(runtime, databaseUrl), {
    logger: new PinoNestLogger(runtime.logger),
    abortOnError: false,
  });
  configureApiApp(app, runtime);
  return app;
}
