import { Module } from '@nestjs/common';
import { IntentsModule } from '@polybot/intents';
import { ApiTokenGuard } from './api-token.guard';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { IntentsController } from './intents.controller';
import { RedisProbe } from './redis-probe';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';

/** The REST API; expects RuntimeModule and PersistenceModule in the application (see createApiApp). */
@Module({
  imports: [IntentsModule],
  controllers: [IntentsController, HealthController, StatusController],
  providers: [ApiTokenGuard, HealthService, StatusService, RedisProbe],
})
export class ApiModule {}
