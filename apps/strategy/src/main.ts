import { runService } from '@polybot/runtime';
import { StrategyModule } from './strategy.module';

void runService({ service: 'strategy', module: StrategyModule });
