import { createTestDatabase, type TestDatabase } from '../testing';
import { AuditRepository } from './audit.repository';

describe('AuditRepository and the append-only audit_log (real Postgres)', () => {
  let db: TestDatabase;
  let audit: AuditRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    audit = new AuditRepository(db.dataSource);
  });
  afterAll(async () => db.drop());

  it('appends entries and returns them newest first', async () => {
    const at = new Date('2026-01-04T20:30:15.000Z');
    const first = await audit.append({ actor: 'alice', action: 'SettingsChanged', entity: 'settings', details: { dryRun: true }, at });
    const second = await audit.append({ actor: 'cli', action: 'IntentApproved', entity: 'intent', entityId: 'abc' });
    expect(first).toMatchObject({ actor: 'alice', action: 'SettingsChanged', entityId: null, details: { dryRun: true }, at });
    expect(typeof first.id).toBe('number');
    expect((await audit.recent(10)).map((e) => e.id)).toEqual([second.id, first.id]);
    expect(await audit.recent(10, { entity: 'intent', entityId: 'abc' })).toEqual([second]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const entry = await audit.append({ actor: 'alice', action: 'IntentRejected', entity: 'intent', entityId: 'x' });
    await expect(db.dataSource.query(`UPDATE audit_log SET actor = 'mallory' WHERE id = $1`, [entry.id]))
      .rejects.toThrow('audit_log is append-only: UPDATE is not allowed');
    await expect(db.dataSource.query('DELETE FROM audit_log WHERE id = $1', [entry.id]))
      .rejects.toThrow('audit_log is append-only: DELETE is not allowed');
    await expect(db.dataSource.query('TRUNCATE audit_log')).rejects.toThrow('audit_log is append-only: TRUNCATE is not allowed');
    expect((await audit.recent(1))[0]).toEqual(entry);
  });
});
