import { Test, type TestingModule } from '@nestjs/testing';
import { createTestDatabase, type TestDatabase } from '@polybot/persistence';
import { createTestRuntime, type TestRuntime } from '@polybot/runtime';
import { startSimulator, type RunningSimulator } from '@polybot/simulator';
import { ExecutorModule } from '../executor.module';

/** The executor's module on a fresh database, its venue URLs at a running simulator: what an order would reach. */
export interface ExecutorTestBed {
  readonly db: TestDatabase;
  readonly sim: RunningSimulator;
  readonly test: TestRuntime;
  readonly moduleRef: TestingModule;
  close(): Promise<void>;
}

export async function startExecutorTestBed(env: Record<string, string>): Promise<ExecutorTestBed> {
  const db = await createTestDatabase();
  const sim = await startSimulator({ port: 0, tickIntervalMs: 0 });
  const test = createTestRuntime('executor', { POLYBOT_DATABASE_URL: db.url, POLYBOT_GAMMA_API_URL: sim.gammaUrl, POLYBOT_CLOB_API_URL: sim.clobUrl, ...env });
  const moduleRef = await Test.createTestingModule({ imports: test.serviceImports(db.url, ExecutorModule) }).compile();
  return {
    db, sim, test, moduleRef,
    async close() {
      await test.obliterateQueues();
      await moduleRef.close();
      await sim.close();
      await db.drop();
    },
  };
}
