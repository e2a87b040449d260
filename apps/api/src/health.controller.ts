import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, type HealthReport } from './health.service';
import { HealthDto } from './openapi/operator.dto';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every dependency answers, 503 otherwise, so load balancers and scripts can rely on the code. */
  @Get()
  @ApiOkResponse({ type: HealthDto, description: 'Postgres and Redis answer; needs no token' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'a dependency does not answer' })
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
