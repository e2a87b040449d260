import { Module } from '@nestjs/common';
import { EvaluateSnapshotsService } from './evaluate-snapshots.service';
import { ForecastLoader } from './forecast.loader';
import { StrategyWorker } from './strategy.worker';

@Module({ providers: [ForecastLoader, EvaluateSnapshotsService, StrategyWorker] })
export class StrategyModule {}
