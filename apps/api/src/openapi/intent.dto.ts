import { ApiProperty } from '@nestjs/swagger';
import { INTENT_STATUSES } from '@polybot/domain';
import type { ExecutionJson, IntentJson } from '@polybot/intents';

// `implements` keeps these documentation classes in step with the JSON the API really sends.

export class RiskCheckDto {
  @ApiProperty({ example: 'MIN_EDGE' }) name!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty() value!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() message!: string;
}

export class ExecutionDto implements ExecutionJson {
  @ApiProperty({ enum: ['DRY_RUN', 'PAPER', 'LIVE'] }) mode!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the order as built for the venue' }) order!: unknown;
  @ApiProperty({ type: String, nullable: true }) order_id!: string | null;
  @ApiProperty() filled_size!: number;
  @ApiProperty({ type: Number, nullable: true }) avg_price!: number | null;
  @ApiProperty() fees!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class IntentDto implements IntentJson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['OPEN_POSITION', 'CLOSE_POSITION', 'CLAIM_SETTLEMENT'] }) type!: string;
  @ApiProperty({ enum: INTENT_STATUSES }) status!: string;
  @ApiProperty() market_id!: string;
  @ApiProperty() condition_id!: string;
  @ApiProperty() token_id!: string;
  @ApiProperty({ example: 'Yes' }) outcome!: string;
  @ApiProperty({ enum: ['BUY', 'SELL'] }) side!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) price!: number;
  @ApiProperty() size_usd!: number;
  @ApiProperty({ type: Number, nullable: true }) edge!: number | null;
  @ApiProperty({ type: Number, nullable: true }) model_prob!: number | null;
  @ApiProperty({ type: Number, nullable: true }) market_price!: number | null;
  @ApiProperty({ type: Number, nullable: true }) confidence!: number | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true }) strategy!: string | null;
  @ApiProperty({ type: [RiskCheckDto] }) risk_checks!: RiskCheckDto[];
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) expires_at!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decided_at!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'api:alice' }) decided_by!: string | null;
  @ApiProperty({ type: String, nullable: true }) status_reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) executed_at!: string | null;
  @ApiProperty({ type: ExecutionDto, nullable: true }) execution!: ExecutionDto | null;
}

export class RejectIntentDto {
  @ApiProperty({ required: false, maxLength: 500, description: 'why; defaults to "rejected by operator"' }) reason?: string;
}
