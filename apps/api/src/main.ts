import { loadSettingsOrExit } from '@polybot/config';
import { runService } from '@polybot/runtime';
import { configureApiApp } from './api-app.factory';
import { apiExposureProblem } from './api-exposure.check';
import { ApiModule } from './api.module';

// Checked before anything starts: a configuration mistake exits 2, like a bad setting does.
const problem = apiExposureProblem(loadSettingsOrExit());
if (problem) {
  process.stderr.write(`api refuses to start: ${problem}\n`);
  process.exit(2);
}

void runService({
  service: 'api',
  module: ApiModule,
  http: (settings) => ({ host: settings.apiHost, port: settings.apiPort }),
  beforeListen: configureApiApp,
});
