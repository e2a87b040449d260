import { runService } from '@polybot/runtime';
import { RiskModule } from './risk.module';

void runService({ service: 'risk', module: RiskModule });
