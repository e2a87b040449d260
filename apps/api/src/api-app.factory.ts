import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { PinoNestLogger } from '@polybot/observability';
import { PersistenceModule } from '@polybot/persistence';
import { RuntimeModule, type ServiceRuntime } from '@polybot/runtime';
import { ApiExceptionFilter } from './api-exception.filter';
import { ApiModule } from './api.module';
import { apiAuthMiddleware } from './api-auth.middleware';
import { assertSafeApiExposure } from './api-exposure.check';
import { apiOriginMiddleware } from './api-origin.middleware';
import { parseApiToken } from './api-token';
import { configureBodyParsing } from './body-parsing';
import { configureOpenApi } from './openapi/openapi.setup';
import { mountQueueBoard } from './queue-board';

/**
 * What every API app gets before it listens, in production (runService's beforeListen) and in
 * tests alike: the refusal to listen openly without a token, the refusal of writes from other web
 * sites (and, without a token, of non-loopback Host names), then the token check in front of every
 * route (both registered first, so they also guard the docs, Bull Board and the event stream),
 * body limits and parse errors, and the one error model. CORS stays off.
 */
export function configureApiApp(app: INestApplication, runtime: ServiceRuntime): void {
  assertSafeApiExposure(runtime.settings);
  (app as NestExpressApplication).disable('x-powered-by');
  const token = parseApiToken(runtime.settings.apiToken);
  app.use(apiOriginMiddleware(token));
  app.use(apiAuthMiddleware(token));
  configureBodyParsing(app);
  mountQueueBoard(app, runtime.queue);
  configureOpenApi(app);
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
  try {
    configureApiApp(app, runtime);
  } catch (error) {
    // Refused (e.g. an open host without a token): release the connections already made.
    await app.close();
    throw error;
  }
  return app;
}
