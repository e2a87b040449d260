import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'signals' })
export class SignalEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'cycle_id', type: 'text' }) cycleId!: string;
  @Column({ type: 'text' }) strategy!: string;
  @Column({ name: 'market_id', type: 'text' }) marketId!: string;
  @Column({ name: 'condition_id', type: 'text' }) conditionId!: string;
  @Column({ name: 'token_id', type: 'text' }) tokenId!: string;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text' }) side!: string;
  @Column({ name: 'model_prob', type: 'double precision' }) modelProb!: number;
  @Column({ name: 'market_price', type: 'double precision' }) marketPrice!: number;
  @Column({ type: 'double precision' }) edge!: number;
  @Column({ type: 'double precision' }) confidence!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text' }) decision!: string;
  @Column({ name: 'intent_id', type: 'uuid', nullable: true }) intentId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
