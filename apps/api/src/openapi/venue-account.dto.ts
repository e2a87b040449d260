import { ApiProperty } from '@nestjs/swagger';
import type { CollateralJson, VenueAccountJson, VenueOrderJson, VenuePositionJson } from '@polybot/intents';

export class VenuePositionDto implements VenuePositionJson {
  @ApiProperty() token_id!: string;
  @ApiProperty() condition_id!: string;
  @ApiProperty({ example: 'Yes' }) outcome!: string;
  @ApiProperty({ description: 'shares' }) size!: number;
  @ApiProperty() avg_price!: number;
  @ApiProperty({ type: Number, nullable: true, description: "the venue's valuation in dollars" }) current_value!: number | null;
  @ApiProperty() redeemable!: boolean;
}

export class VenueOrderDto implements VenueOrderJson {
  @ApiProperty() id!: string;
  @ApiProperty() token_id!: string;
  @ApiProperty({ example: 'BUY' }) side!: string;
  @ApiProperty() price!: number;
  @ApiProperty({ description: 'shares' }) original_size!: number;
  @ApiProperty({ description: 'shares filled so far' }) size_matched!: number;
  @ApiProperty({ example: 'LIVE' }) status!: string;
}

export class CollateralDto implements CollateralJson {
  @ApiProperty({ description: 'pUSD held, in dollars' }) balance!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'spender (exchange contract) -> pUSD it may spend' })
  allowances!: Record<string, number>;
}

export class UnavailablePartDto {
  @ApiProperty({ enum: ['positions', 'open_orders', 'balances'] }) part!: string;
  @ApiProperty({ example: 'data GET /positions: HTTP 500' }) reason!: string;
}

export class VenueAccountDto implements VenueAccountJson {
  @ApiProperty({ type: String, nullable: true, description: 'null when a live snapshot is shown; otherwise why not (paper mode, no snapshot yet)' })
  not_read!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) snapshot_at!: string | null;
  @ApiProperty({ type: Number, nullable: true }) snapshot_age_seconds!: number | null;
  @ApiProperty({ type: CollateralDto, nullable: true }) collateral!: CollateralDto | null;
  @ApiProperty({ type: [VenuePositionDto], description: 'largest current value first' }) positions!: VenuePositionDto[];
  @ApiProperty({ type: [VenueOrderDto] }) open_orders!: VenueOrderDto[];
  @ApiProperty({ type: [UnavailablePartDto], description: 'what the venue did not answer for in that snapshot' }) unavailable!: UnavailablePartDto[];
}
