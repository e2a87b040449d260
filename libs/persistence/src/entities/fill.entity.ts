import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'fills' })
export class FillEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'intent_id', type: 'uuid' }) intentId!: string;
  @Column({ type: 'text' }) mode!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ name: 'token_id', type: 'text' }) tokenId!: string;
  @Column({ name: 'market_id', type: 'text' }) marketId!: string;
  @Column({ name: 'condition_id', type: 'text' }) conditionId!: string;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ type: 'text' }) side!: string;
  @Column({ type: 'double precision' }) price!: number;
  @Column({ type: 'double precision' }) shares!: number;
  @Column({ name: 'fee_usd', type: 'double precision' }) feeUsd!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
}
