import { apiExposureProblem, assertSafeApiExposure, exitIfUnsafeApiExposure, isLoopbackHost } from './api-exposure.check';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', '128.0.0.1', 'example.com', 'localhost.example.com', '::2'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('apiExposureProblem', () => {
  it('names the host and the missing token when a token-less API would listen beyond this machine', () => {
    const problem = apiExposureProblem({ apiHost: '0.0.0.0', apiToken: undefined });
    expect(problem).toContain('POLYBOT_API_HOST=0.0.0.0');
    expect(problem).toContain('POLYBOT_API_TOKEN is not set');
    expect(() => assertSafeApiExposure({ apiHost: '0.0.0.0', apiToken: undefined })).toThrow(/POLYBOT_API_TOKEN is not set/);
  });

  it('has no objection on loopback, or anywhere with a token', () => {
    expect(apiExposureProblem({ apiHost: '127.0.0.1', apiToken: undefined })).toBeUndefined();
    expect(apiExposureProblem({ apiHost: '0.0.0.0', apiToken: 'ops:secret' })).toBeUndefined();
  });
});

describe('exitIfUnsafeApiExposure (the entry point)', () => {
  it('writes why to stderr and exits 2 on an open host without a token; does nothing otherwise', () => {
    const written: string[] = [];
    const codes: number[] = [];
    const io = { writeError: (line: string) => void written.push(line), exit: (code: number) => void codes.push(code) };
    exitIfUnsafeApiExposure({ apiHost: '127.0.0.1', apiToken: undefined }, io);
    exitIfUnsafeApiExposure({ apiHost: '0.0.0.0', apiToken: 'secret' }, io);
    expect(codes).toEqual([]);
    exitIfUnsafeApiExposure({ apiHost: '0.0.0.0', apiToken: undefined }, io);
    expect(codes).toEqual([2]);
    expect(written).toEqual([expect.stringMatching(/^api refuses to start: POLYBOT_API_HOST=0\.0\.0\.0 .*POLYBOT_API_TOKEN is not set/)]);
  });
});
