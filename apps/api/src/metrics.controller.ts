import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { PolybotMetrics } from '@polybot/observability';
import { METRICS } from '@polybot/runtime';
import type { Request, Response } from 'express';
import { RecentActivityDto } from './openapi/recent-activity.dto';
import { RecentActivityService } from './recent-activity.service';

/**
 * Prometheus exposition of this process's registry by default (what a scraper asks for); the
 * operator's "recent activity" as JSON when the client prefers `application/json`. Needs no token,
 * like /health: a scraper does not carry one.
 */
@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: PolybotMetrics,
    private readonly activity: RecentActivityService,
  ) {}

  @Get()
  @ApiProduces('text/plain', 'application/json')
  @ApiOkResponse({ type: RecentActivityDto, description: 'Prometheus text by default; recent activity with `Accept: application/json`' })
  async get(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (request.accepts(['text/plain', 'application/json']) === 'application/json') {
      response.json(await this.activity.recent());
      return;
    }
    const registry = this.metrics.registry;
    const text = await registry.metrics();
    // Exactly the registry's content type (express's send() would add a charset parameter).
    response.status(200).setHeader('Content-Type', registry.contentType);
    response.end(text);
  }
}
