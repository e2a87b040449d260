import { ApiProperty } from '@nestjs/swagger';
import type { KillSwitchJson, ServicesModeJson } from '@polybot/intents';
import { VenueAccountDto } from './venue-account.dto';

const anyObject = { type: 'object', additionalProperties: true } as const;

/** The API's one error model. */
export class ApiErrorDto {
  @ApiProperty({ example: 'intent 1234abcd not found' }) error!: string;
}

export class KillSwitchDto implements KillSwitchJson {
  @ApiProperty({ example: 'DAILY_LOSS' }) name!: string;
  @ApiProperty() tripped!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) tripped_at!: string | null;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ type: Number, nullable: true }) threshold!: number | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cleared_at!: string | null;
  @ApiProperty({ type: String, nullable: true }) cleared_by!: string | null;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: string;
  @ApiProperty({ ...anyObject, example: { postgres: 'ok', redis: 'ok', venue: 'ok' } }) checks!: Record<string, string>;
}

export class SignalDenialDto {
  @ApiProperty({ description: 'a risk check, e.g. MIN_EDGE or MARKET_DATA_AGE' }) check!: string;
  @ApiProperty({ description: 'denied signals that failed it' }) count!: number;
}

export class SignalsLastHourDto {
  @ApiProperty() proposed!: number;
  @ApiProperty() denied!: number;
  @ApiProperty({ description: 'signals for a token that already had an open intent' }) duplicate!: number;
  @ApiProperty({ type: [SignalDenialDto], description: 'the checks the denials failed, most first (a denial failing two counts under both)' }) denied_by!: SignalDenialDto[];
}

export class ServicesModeDto implements ServicesModeJson {
  @ApiProperty({ enum: ['paper', 'live'], description: "this API's mode: the ledger it reads and re-checks approvals against" }) configured!: string;
  @ApiProperty({ type: String, nullable: true, description: "the running services' mode (the risk service's latest account snapshot); null when none is recent" })
  running!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_snapshot_at!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'set when the modes differ: approvals are then refused (409)' }) warning!: string | null;
}

export class BankrollBasisDto {
  @ApiProperty({ enum: ['configured', 'venue', 'unread'] }) basis!: string;
  @ApiProperty() note!: string;
}

export class StatusDto {
  @ApiProperty({ enum: ['paper', 'live'] }) mode!: string;
  @ApiProperty({ type: ServicesModeDto }) services_mode!: ServicesModeDto;
  @ApiProperty() dry_run!: boolean;
  @ApiProperty() places_real_orders!: boolean;
  @ApiProperty() bankroll!: number;
  @ApiProperty({ type: BankrollBasisDto }) bankroll_basis!: BankrollBasisDto;
  @ApiProperty() equity!: number;
  @ApiProperty() cash!: number;
  @ApiProperty({ type: 'array', items: anyObject }) positions!: unknown[];
  @ApiProperty() realized_pnl!: number;
  @ApiProperty() unrealized_pnl!: number;
  @ApiProperty(anyObject) exposure!: object;
  @ApiProperty({ type: VenueAccountDto, description: "the wallet as the venue reports it (live mode); the money above is the bot's own ledger" })
  venue_account!: VenueAccountDto;
  @ApiProperty({ ...anyObject, description: 'intent counts by status' }) intents!: Record<string, number>;
  @ApiProperty(anyObject) markets!: object;
  @ApiProperty({ type: SignalsLastHourDto, description: "the last hour's signals by risk's decision: why nothing, or little, was proposed" }) signals_last_hour!: SignalsLastHourDto;
  @ApiProperty({ type: [KillSwitchDto] }) kill_switches!: KillSwitchDto[];
  @ApiProperty({ ...anyObject, description: 'depth per queue, or { error } when Redis does not answer' }) queues!: object;
  @ApiProperty({ ...anyObject, description: 'effective settings, secrets masked' }) settings!: object;
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
}

export class DailyReportDto {
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty() mode!: string;
  @ApiProperty({ type: ServicesModeDto }) services_mode!: ServicesModeDto;
  @ApiProperty({ enum: ['PAPER', 'LIVE'] }) ledger!: string;
  @ApiProperty(anyObject) intents!: object;
  @ApiProperty(anyObject) decisions!: object;
  @ApiProperty(anyObject) executions!: object;
  @ApiProperty(anyObject) fills!: object;
  @ApiProperty() fees_usd!: number;
  @ApiProperty() realized_pnl!: number;
  @ApiProperty() unrealized_pnl!: number;
  @ApiProperty() equity!: number;
  @ApiProperty({ type: 'array', items: anyObject }) kill_switch_events!: unknown[];
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
}

export class UniverseReportDto {
  @ApiProperty({ ...anyObject, description: 'the configured universe filters' }) filters!: object;
  @ApiProperty() total!: number;
  @ApiProperty() tradable!: number;
  @ApiProperty({ ...anyObject, description: 'markets each filter excluded' }) excluded_by!: Record<string, number>;
  @ApiProperty({ type: 'array', items: anyObject }) top_markets!: unknown[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) newest_update!: string | null;
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
}
