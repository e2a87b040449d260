import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'risk_check_results' })
export class RiskCheckResultEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'intent_id', type: 'uuid', nullable: true }) intentId!: string | null;
  @Column({ name: 'signal_id', type: 'uuid', nullable: true }) signalId!: string | null;
  @Column({ type: 'text' }) phase!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) passed!: boolean;
  @Column({ type: 'double precision' }) value!: number;
  @Column({ name: 'limit_value', type: 'double precision' }) limitValue!: number;
  @Column({ type: 'text' }) message!: string;
  @Column({ name: 'checked_at', type: 'timestamptz' }) checkedAt!: Date;
}
