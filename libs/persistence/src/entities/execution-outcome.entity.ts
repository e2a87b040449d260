import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'execution_outcomes' })
export class ExecutionOutcomeEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'intent_id', type: 'uuid', unique: true }) intentId!: string;
  @Column({ type: 'text' }) mode!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'order_request', type: 'jsonb' }) orderRequest!: unknown;
  @Column({ name: 'order_id', type: 'text', nullable: true }) orderId!: string | null;
  @Column({ name: 'filled_size', type: 'double precision' }) filledSize!: number;
  @Column({ name: 'avg_price', type: 'double precision', nullable: true }) avgPrice!: number | null;
  @Column({ type: 'double precision' }) fees!: number;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
