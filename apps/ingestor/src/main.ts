import { runService } from '@polybot/runtime';
import { IngestorModule } from './ingestor.module';

void runService({ service: 'ingestor', module: IngestorModule });
