import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { IntentRepository } from './intents/intent.repository';
import { KillSwitchRepository } from './kill-switches/kill-switch.repository';
import { PersistenceModule } from './persistence.module';
import { REPOSITORIES } from './persistence.repositories';
import { createTestDatabase, newIntent, type TestDatabase } from './testing';

@Module({})
class FeatureModule {}

describe('PersistenceModule (real Postgres)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  it('provides a connected DataSource and every repository, and closes the connection at shutdown', async () => {
    const app = await NestFactory.createApplicationContext(
      { module: class AppModule {}, imports: [PersistenceModule.forRoot(db.url, { poolSize: 2 }), FeatureModule] },
      { logger: false },
    );
    const dataSource = app.get(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    for (const repository of REPOSITORIES) expect(app.get(repository)).toBeInstanceOf(repository);

    const intents = app.get(IntentRepository);
    const created = await intents.createPending(newIntent(), [], { actor: 'api' });
    expect(await intents.findById(created!.id)).toEqual(created);
    expect(await app.get(KillSwitchRepository).list()).toEqual([]);

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  it('creates and migrates a missing database first when asked to', async () => {
    const url = db.url.replace(/polybot_test_([0-9a-f]+)/, 'polybot_test_$1_fresh');
    const app = await NestFactory.createApplicationContext(
      { module: class AppModule {}, imports: [PersistenceModule.forRoot(url, { initDatabase: true, poolSize: 1 })] },
      { logger: false },
    );
    try {
      expect(await app.get(IntentRepository).list()).toEqual([]);
    } finally {
      await app.close();
      await db.dataSource.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    }
  });

  it('fails to start with a message naming the server when PostgreSQL is unreachable', async () => {
    const start = NestFactory.createApplicationContext(
      { module: class AppModule {}, imports: [PersistenceModule.forRoot('postgres://u:hunter2@127.0.0.1:1/polybot')] },
      { logger: false, abortOnError: false },
    );
    const error = await start.then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toBe('cannot reach PostgreSQL at 127.0.0.1:1: ECONNREFUSED');
  });
});
