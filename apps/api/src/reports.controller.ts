import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DailyReport, UniverseReport } from '@polybot/intents';
import { ApiErrorDto, DailyReportDto, UniverseReportDto } from './openapi/operator.dto';
import { reportQuerySchema, type ReportQuery } from './report-request.schemas';
import { ReportsService } from './reports.service';
import { ZodValidationPipe } from './zod-validation.pipe';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** `?since=` and `?until=` ISO-8601 (a bare date is 00:00 UTC); default: today UTC, from 00:00 to now. */
  @Get('report')
  @ApiQuery({ name: 'since', required: false, description: 'ISO-8601; a bare date is 00:00 UTC (default: today 00:00 UTC)' })
  @ApiQuery({ name: 'until', required: false, description: 'ISO-8601 (default: now)' })
  @ApiOkResponse({ type: DailyReportDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  daily(@Query(new ZodValidationPipe(reportQuerySchema)) query: ReportQuery): Promise<DailyReport> {
    return this.reports.daily(query);
  }

  @Get('universe')
  @ApiOkResponse({ type: UniverseReportDto })
  universe(): Promise<UniverseReport> {
    return this.reports.universe();
  }
}
