import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'kill_switches' })
export class KillSwitchEntity {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'boolean' }) tripped!: boolean;
  @Column({ name: 'tripped_at', type: 'timestamptz', nullable: true }) trippedAt!: Date | null;
  @Column({ type: 'double precision', nullable: true }) value!: number | null;
  @Column({ type: 'double precision', nullable: true }) threshold!: number | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true }) clearedAt!: Date | null;
  @Column({ name: 'cleared_by', type: 'text', nullable: true }) clearedBy!: string | null;
}
