import { Module } from '@nestjs/common';
import { IntentsModule } from '@polybot/intents';
import { ApiTokenGuard } from './api-token.guard';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { IntentsController } from './intents.controller';
import { KillSwitchesController } from './kill-switches.controller';
import { RedisProbe } from './redis-probe';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

/** The REST API; expects RuntimeModule and PersistenceModule in the application (see createApiApp). */
@Module({
  imports: [IntentsModule],
  controllers: [IntentsController, HealthController, StatusController, KillSwitchesController, ReportsController],
  providers: [ApiTokenGuard, HealthService, StatusService, ReportsService, RedisProbe],
})
export class ApiModule {}
