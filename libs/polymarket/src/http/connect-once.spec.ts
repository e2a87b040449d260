import { connectOnce } from './connect-once';

describe('connectOnce', () => {
  it('connects on first use and shares that connection, concurrent callers included', async () => {
    let made = 0;
    const connection = connectOnce(async () => ({ id: ++made }));
    const [a, b] = await Promise.all([connection(), connection()]);
    expect(await connection()).toBe(a);
    expect(b).toBe(a);
    expect(made).toBe(1);
  });

  it('forgets a failed attempt, so the next use tries again', async () => {
    let attempts = 0;
    const connection = connectOnce(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('venue down');
      return 'connected';
    });
    await expect(connection()).rejects.toThrow('venue down');
    expect(await connection()).toBe('connected');
    expect(await connection()).toBe('connected');
    expect(attempts).toBe(2);
  });
});
