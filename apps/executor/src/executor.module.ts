import { Module } from '@nestjs/common';
import type { Settings } from '@polybot/config';
import { SETTINGS } from '@polybot/runtime';
import { ApprovedIntentReconciler } from './approved-intent.reconciler';
import { ExecuteIntentService } from './execute-intent.service';
import { EXECUTION_VENUE } from './execution-venue';
import { ExecutorWorker } from './executor.worker';
import { createExecutionVenue } from './venue.factory';

@Module({
  providers: [
    { provide: EXECUTION_VENUE, inject: [SETTINGS], useFactory: (settings: Settings) => createExecutionVenue(settings) },
    ExecuteIntentService,
    ApprovedIntentReconciler,
    ExecutorWorker,
  ],
})
export class ExecutorModule {}
