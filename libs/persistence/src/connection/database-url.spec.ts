import { describeDatabaseError } from './database-error';
import { parseDatabaseUrl, redactPassword, withDatabase } from './database-url';

describe('database URL handling', () => {
  it('parses the parts, defaulting port and user', () => {
    expect(parseDatabaseUrl('postgres://trader:p%40ss@db.local:6543/polybot')).toEqual({
      host: 'db.local', port: 6543, database: 'polybot', user: 'trader', password: 'p@ss',
    });
    expect(parseDatabaseUrl('postgresql://127.0.0.1/polybot')).toEqual({
      host: '127.0.0.1', port: 5432, database: 'polybot', user: 'postgres', password: null,
    });
  });

  it('refuses what it cannot use, without echoing the input', () => {
    expect(() => parseDatabaseUrl('nonsense s3cret')).toThrow('invalid database URL: expected postgres://user[:password]@host[:port]/database');
    expect(() => parseDatabaseUrl('postgres://u:s3cret@127.0.0.1:5432')).toThrow('invalid database URL: no database name after the host');
    expect(() => parseDatabaseUrl('http://u:s3cret@127.0.0.1/db')).toThrow('scheme must be postgres:// or postgresql://, got http://');
  });

  it('points the same server at another database', () => {
    expect(withDatabase('postgres://u:pw@127.0.0.1:5432/polybot?sslmode=disable', 'postgres'))
      .toBe('postgres://u:pw@127.0.0.1:5432/postgres?sslmode=disable');
  });

  it('redacts the password, raw or URL-encoded', () => {
    const target = parseDatabaseUrl('postgres://u:p%40ss@h/db');
    expect(redactPassword('failed with p@ss and p%40ss', target)).toBe('failed with *** and ***');
  });
});

describe('describeDatabaseError', () => {
  const target = parseDatabaseUrl('postgres://trader:hunter2@db.internal:5433/polybot');

  it('names an unreachable server by host and port, also when Node wraps the cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED db.internal:5433'), { code: 'ECONNREFUSED' });
    expect(describeDatabaseError('connecting', target, refused).message).toBe('cannot reach PostgreSQL at db.internal:5433: ECONNREFUSED');
    const aggregate = new AggregateError([refused], '');
    expect(describeDatabaseError('connecting', target, aggregate).message).toBe('cannot reach PostgreSQL at db.internal:5433: ECONNREFUSED');
  });

  it('says which user was refused and never repeats the password', () => {
    const auth = Object.assign(new Error('password authentication failed for user "trader" (hunter2)'), { code: '28P01' });
    const message = describeDatabaseError('connecting', target, auth).message;
    expect(message).toBe('PostgreSQL at db.internal:5433 refused user "trader": password authentication failed for user "trader" (***)');
  });

  it('keeps the action and the code for anything else', () => {
    const other = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    expect(describeDatabaseError('running migrations', target, other).message)
      .toBe('running migrations failed on db.internal:5433/polybot: relation "x" does not exist (42P01)');
    expect(describeDatabaseError('connecting', target, 'boom').code).toBeUndefined();
  });
});
