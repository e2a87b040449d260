import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'account_state_snapshots' })
export class AccountStateSnapshotEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'taken_at', type: 'timestamptz' }) takenAt!: Date;
  @Column({ type: 'text' }) mode!: string;
  @Column({ type: 'double precision', nullable: true }) bankroll!: number | null;
  @Column({ type: 'double precision', nullable: true }) cash!: number | null;
  @Column({ type: 'double precision', nullable: true }) equity!: number | null;
  @Column({ type: 'jsonb' }) positions!: unknown;
  @Column({ name: 'open_orders', type: 'jsonb' }) openOrders!: unknown;
  @Column({ type: 'jsonb' }) balances!: unknown;
  @Column({ type: 'jsonb' }) unavailable!: unknown;
}
