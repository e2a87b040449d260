import { InvalidReportWindowError, reportWindowFrom, todayUtc } from './report-window';

const NOW = new Date('2026-11-27T06:30:00.000Z');

describe('report windows', () => {
  it('today is from 00:00 UTC to now', () => {
    expect(todayUtc(NOW)).toEqual({ since: new Date('2026-11-27T00:00:00.000Z'), until: NOW });
    expect(reportWindowFrom({}, NOW)).toEqual(todayUtc(NOW));
  });

  it('takes ISO dates (a bare date is 00:00 UTC) and times with a zone', () => {
    expect(reportWindowFrom({ since: '2026-11-20', until: '2026-11-21T12:00:00+02:00' }, NOW)).toEqual({
      since: new Date('2026-11-20T00:00:00.000Z'),
      until: new Date('2026-11-21T10:00:00.000Z'),
    });
  });

  it('names what is wrong with a bad date or an empty window', () => {
    expect(() => reportWindowFrom({ since: 'yesterday' }, NOW)).toThrow(InvalidReportWindowError);
    expect(() => reportWindowFrom({ since: 'yesterday' }, NOW)).toThrow('since must be an ISO-8601 date or time');
    expect(() => reportWindowFrom({ until: '2026-13-45' }, NOW)).toThrow('until is not a valid date: "2026-13-45"');
    expect(() => reportWindowFrom({ since: '2026-11-28' }, NOW)).toThrow('since (2026-11-28T00:00:00.000Z) must be before until (2026-11-27T06:30:00.000Z)');
  });
});
