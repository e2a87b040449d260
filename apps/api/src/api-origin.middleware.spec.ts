import { crossSiteProblem } from './api-origin.middleware';

const HOST = '127.0.0.1:8000';

describe('crossSiteProblem', () => {
  it('lets every method through from a client that sends neither Origin nor Sec-Fetch-Site', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      expect({ method, problem: crossSiteProblem(method, { host: HOST }, false) }).toEqual({ method, problem: undefined });
    }
  });

  it("refuses writes from any Origin but the API's own, reads from any", () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8001', 'http://localhost:8000', 'null', 'not an origin']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        expect({ origin, method, refused: crossSiteProblem(method, { host: HOST, origin }, false) !== undefined }).toEqual({ origin, method, refused: true });
      }
      expect(crossSiteProblem('GET', { host: HOST, origin }, false)).toBeUndefined();
    }
    expect(crossSiteProblem('POST', { host: HOST, origin: 'http://127.0.0.1:8000' }, false)).toBeUndefined();
  });

  it('matches an Origin against Host as URLs: case and default ports do not matter', () => {
    expect(crossSiteProblem('POST', { host: 'LocalHost:80', origin: 'http://localhost' }, false)).toBeUndefined();
    expect(crossSiteProblem('POST', { host: 'bot.example', origin: 'https://bot.example:443' }, true)).toBeUndefined();
    expect(crossSiteProblem('POST', { host: '[::1]:8000', origin: 'http://[::1]:8000' }, false)).toBeUndefined();
  });

  it('without an Origin, refuses writes whose Sec-Fetch-Site is not same-origin or none', () => {
    expect(crossSiteProblem('POST', { host: HOST, 'sec-fetch-site': 'cross-site' }, false)).toContain('Sec-Fetch-Site is "cross-site"');
    // Another port on localhost is the same site but not this origin.
    expect(crossSiteProblem('POST', { host: HOST, 'sec-fetch-site': 'same-site' }, false)).toContain('Sec-Fetch-Site is "same-site"');
    expect(crossSiteProblem('POST', { host: HOST, 'sec-fetch-site': 'same-origin' }, false)).toBeUndefined();
    expect(crossSiteProblem('POST', { host: HOST, 'sec-fetch-site': 'none' }, false)).toBeUndefined();
  });

  it('without a token, refuses any request not addressed to a loopback name; with one, any Host', () => {
    for (const host of ['evil.example:8000', 'evil.example', '127.0.0.1.evil.example', 'localhost@evil.example', '10.0.0.5:8000']) {
      expect(crossSiteProblem('GET', { host }, false)).toContain(`Host "${host}" is not a loopback name`);
      expect(crossSiteProblem('GET', { host }, true)).toBeUndefined();
    }
    expect(crossSiteProblem('GET', {}, false)).toContain('Host "" is not a loopback name');
    for (const host of ['localhost', 'localhost:8000', '127.0.0.1', '[::1]:8000', '[::1]']) {
      expect(crossSiteProblem('GET', { host }, false)).toBeUndefined();
    }
  });
});
