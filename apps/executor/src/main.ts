import { runService } from '@polybot/runtime';
import { ExecutorModule } from './executor.module';

void runService({ service: 'executor', module: ExecutorModule });
