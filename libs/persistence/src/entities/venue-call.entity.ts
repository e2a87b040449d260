import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'venue_calls' })
export class VenueCallEntity {
  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' }) bucketStart!: Date;
  @PrimaryColumn({ type: 'text' }) endpoint!: string;
  @Column({ name: 'ok_count', type: 'integer' }) okCount!: number;
  @Column({ name: 'error_count', type: 'integer' }) errorCount!: number;
}
