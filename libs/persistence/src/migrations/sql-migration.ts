import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A migration that is one SQL script each way. TypeORM records it by `name`, which must end in its
 * 13-digit timestamp and never change once run anywhere.
 */
export function sqlMigration(name: string, up: string, down: string): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(up);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(down);
    }
  };
  // The class is named as a hand-written one would be (logs, and whoever lists MIGRATIONS by name).
  return Object.defineProperty(migration, 'name', { value: name });
}
