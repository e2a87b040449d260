import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { StatusReport } from '@polybot/intents';
import { StatusDto } from './openapi/operator.dto';
import { StatusService } from './status.service';

@ApiTags('operations')
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @ApiOkResponse({ type: StatusDto })
  get(): Promise<StatusReport> {
    return this.status.report();
  }
}
