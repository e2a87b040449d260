import { Module } from '@nestjs/common';
import { IntentsModule } from '@polybot/intents';
import { ApiIdentity } from './api-identity';
import { EventStreamController } from './events/event-stream.controller';
import { OperatorEventHub } from './events/operator-event.hub';
import { WebhookNotifier } from './events/webhook.notifier';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { IntentsController } from './intents.controller';
import { KillSwitchesController } from './kill-switches.controller';
import { MetricsController } from './metrics.controller';
import { RecentActivityService } from './recent-activity.service';
import { RedisProbe } from './redis-probe';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { StatusController } from './status.controller';
import { StatusService } from './status.service';
import { WebPageController } from './web/web-page.controller';

/** The REST API; expects RuntimeModule and PersistenceModule in the application (see createApiApp). */
@Module({
  imports: [IntentsModule],
  controllers: [
    IntentsController,
    HealthController,
    StatusController,
    KillSwitchesController,
    ReportsController,
    MetricsController,
    EventStreamController,
    WebPageController,
  ],
  providers: [
    ApiIdentity,
    HealthService,
    StatusService,
    ReportsService,
    RedisProbe,
    RecentActivityService,
    OperatorEventHub,
    WebhookNotifier,
  ],
})
export class ApiModule {}
