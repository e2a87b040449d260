import { Controller, Get, Query } from '@nestjs/common';
import type { DailyReport, UniverseReport } from '@polybot/intents';
import { reportQuerySchema, type ReportQuery } from './report-request.schemas';
import { ReportsService } from './reports.service';
import { ZodValidationPipe } from './zod-validation.pipe';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** `?since=` and `?until=` ISO-8601 (a bare date is 00:00 UTC); default: today UTC, from 00:00 to now. */
  @Get('report')
  daily(@Query(new ZodValidationPipe(reportQuerySchema)) query: ReportQuery): Promise<DailyReport> {
    return this.reports.daily(query);
  }

  @Get('universe')
  universe(): Promise<UniverseReport> {
    return this.reports.universe();
  }
}
