import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'markets' })
export class MarketEntity {
  @PrimaryColumn({ name: 'market_id', type: 'text' }) marketId!: string;
  @Column({ name: 'condition_id', type: 'text' }) conditionId!: string;
  @Column({ type: 'text' }) question!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ name: 'event_id', type: 'text', nullable: true }) eventId!: string | null;
  @Column({ name: 'event_slug', type: 'text', nullable: true }) eventSlug!: string | null;
  @Column({ name: 'neg_risk', type: 'boolean' }) negRisk!: boolean;
  @Column({ name: 'end_date', type: 'timestamptz', nullable: true }) endDate!: Date | null;
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ type: 'jsonb' }) tags!: string[];
  @Column({ type: 'boolean' }) active!: boolean;
  @Column({ type: 'boolean' }) closed!: boolean;
  @Column({ name: 'accepting_orders', type: 'boolean' }) acceptingOrders!: boolean;
  @Column({ name: 'last_snapshot', type: 'jsonb' }) lastSnapshot!: unknown;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
