import { Controller, Get } from '@nestjs/common';
import { StatusService, type StatusReport } from './status.service';

@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  get(): Promise<StatusReport> {
    return this.status.report();
  }
}
