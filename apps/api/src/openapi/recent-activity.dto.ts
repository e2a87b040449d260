import { ApiProperty } from '@nestjs/swagger';
import { IntentDto } from './intent.dto';

const anyObject = { type: 'object', additionalProperties: true } as const;

/** `GET /metrics` with `Accept: application/json` (see RecentActivity). */
export class RecentActivityDto {
  @ApiProperty({ type: 'array', items: anyObject, description: 'latest signal batches by the ingest cycle id that raised them, with counts' })
  signal_cycles!: unknown[];
  @ApiProperty({ ...anyObject, description: 'markets known, updated in the last 5 minutes, newest update' }) market_data!: object;
  @ApiProperty({ type: 'array', items: anyObject }) account_snapshots!: unknown[];
  @ApiProperty({ type: [IntentDto] }) intents!: IntentDto[];
  @ApiProperty({ type: 'array', items: anyObject }) executions!: unknown[];
  @ApiProperty({ type: 'array', items: anyObject }) kill_switch_events!: unknown[];
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
}
