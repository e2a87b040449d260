import { Controller, Get } from '@nestjs/common';
import type { StatusReport } from '@polybot/intents';
import { StatusService } from './status.service';

@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  get(): Promise<StatusReport> {
    return this.status.report();
  }
}
