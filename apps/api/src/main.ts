import { loadSettingsOrExit } from '@polybot/config';
import { runService } from '@polybot/runtime';
import { configureApiApp } from './api-app.factory';
import { exitIfUnsafeApiExposure } from './api-exposure.check';
import { ApiModule } from './api.module';

// Checked before anything connects: a token-less API on an open host exits 2, like a bad setting.
exitIfUnsafeApiExposure(loadSettingsOrExit());

void runService({
  service: 'api',
  module: ApiModule,
  http: (settings) => ({ host: settings.apiHost, port: settings.apiPort }),
  beforeListen: configureApiApp,
});
