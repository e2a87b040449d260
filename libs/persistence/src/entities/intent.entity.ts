import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'intents' })
export class IntentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'market_id', type: 'text' }) marketId!: string;
  @Column({ name: 'condition_id', type: 'text' }) conditionId!: string;
  @Column({ name: 'token_id', type: 'text' }) tokenId!: string;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text' }) side!: string;
  @Column({ type: 'double precision' }) price!: number;
  @Column({ name: 'size_usd', type: 'double precision' }) sizeUsd!: number;
  @Column({ type: 'double precision', nullable: true }) edge!: number | null;
  @Column({ name: 'model_prob', type: 'double precision', nullable: true }) modelProb!: number | null;
  @Column({ name: 'market_price', type: 'double precision', nullable: true }) marketPrice!: number | null;
  @Column({ type: 'double precision', nullable: true }) confidence!: number | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', nullable: true }) strategy!: string | null;
  @Column({ name: 'signal_id', type: 'uuid', nullable: true }) signalId!: string | null;
  @Column({ name: 'cycle_id', type: 'text', nullable: true }) cycleId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'status_reason', type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ name: 'executed_at', type: 'timestamptz', nullable: true }) executedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
