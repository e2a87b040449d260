import { runService } from '@polybot/runtime';
import { configureApiApp } from './api-app.factory';
import { ApiModule } from './api.module';

void runService({
  service: 'api',
  module: ApiModule,
  http: (settings) => ({ host: settings.apiHost, port: settings.apiPort }),
  beforeListen: configureApiApp,
});
