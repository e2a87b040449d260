import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'kill_switch_events' })
export class KillSwitchEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'double precision', nullable: true }) value!: number | null;
  @Column({ type: 'double precision', nullable: true }) threshold!: number | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text' }) actor!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
