import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDates,
  addBusinessDays,
  addDays,
  businessDaysDeadline,
  endOfLocalDay,
  federalHolidayName,
  federalHolidaysBetween,
  isBusinessDay,
  localDateOf,
  weekdayOf,
  zonedInstant,
} from './index';

describe('federal holidays (observed)', () => {
  it('knows the 2026 holidays, with Independence Day observed on Friday 3 July', () => {
    expect(federalHolidayName('2026-07-03')).toBe('Independence Day');
    expect(federalHolidayName('2026-07-04')).toBeNull(); // a Saturday: observed the day before
    expect(federalHolidayName('2026-11-26')).toBe('Thanksgiving Day');
    expect(federalHolidayName('2026-12-25')).toBe('Christmas Day');
    expect(federalHolidaysBetween('2026-01-01', '2026-12-31')).toHaveLength(11);
  });

  it('finds an observed day that falls in the previous year (New Year 2022 on Friday 31 Dec 2021)', () => {
    expect(federalHolidayName('2021-12-31')).not.toBeNull();
    expect(federalHolidaysBetween('2021-12-30', '2021-12-31').map((h) => h.date)).toContain('2021-12-31');
    expect(isBusinessDay('2021-12-31', 'America/New_York')).toBe(false);
  });

  it('a Sunday holiday is observed on Monday', () => {
    // Christmas 2022 was a Sunday.
    expect(federalHolidayName('2022-12-26')).toBe('Christmas Day');
  });
});

describe('local dates', () => {
  it('adds days across months and leap years without any zone', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-24')).toBe(2); // a Tuesday
  });

  it('the same instant is a different day in different zones', () => {
    const t = new Date('2026-11-25T03:30:00Z');
    expect(localDateOf(t, 'America/New_York')).toBe('2026-11-24');
    expect(localDateOf(t, 'Europe/London')).toBe('2026-11-25');
    expect(localDateOf(t, 'Pacific/Honolulu')).toBe('2026-11-24');
  });
});

describe('isBusinessDay', () => {
  it('weekends and holidays are not business days, in the zone of the instant', () => {
    expect(isBusinessDay('2026-11-28', 'America/Chicago')).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-26', 'America/Chicago')).toBe(false); // Thanksgiving
    expect(isBusinessDay('2026-11-27', 'America/Chicago')).toBe(true); // the Friday after is a business day
    // Saturday 01:00 UTC is still Friday evening in Los Angeles.
    const t = new Date('2026-11-28T01:00:00Z');
    expect(isBusinessDay(t, 'America/Los_Angeles')).toBe(true);
    expect(isBusinessDay(t, 'Europe/Berlin')).toBe(false);
  });
});

describe('addBusinessDays', () => {
  it('skips the weekend: Friday 15:00 + 2 → Tuesday 15:00 local', () => {
    const fri = zonedInstant('2026-11-13', '15:00', 'America/New_York');
    const r = addBusinessDays(fri, 2, 'America/New_York');
    expect(localDateOf(r, 'America/New_York')).toBe('2026-11-17');
    expect(r.toISOString()).toBe('2026-11-17T20:00:00.000Z');
  });

  it('skips Thanksgiving: Wednesday + 2 → Monday', () => {
    const wed = zonedInstant('2026-11-25', '09:00', 'America/Denver');
    expect(localDateOf(addBusinessDays(wed, 2, 'America/Denver'), 'America/Denver')).toBe('2026-11-30');
  });

  it('keeps the wall-clock time across the autumn DST change (EDT → EST)', () => {
    // 2026-10-30 is a Friday; DST ends on Sunday 2026-11-01 in the US.
    const fri = zonedInstant('2026-10-30', '15:00', 'America/New_York');
    expect(fri.toISOString()).toBe('2026-10-30T19:00:00.000Z'); // EDT, UTC-4
    const r = addBusinessDays(fri, 2, 'America/New_York');
    expect(r.toISOString()).toBe('2026-11-03T20:00:00.000Z'); // EST, UTC-5: still 15:00 local
  });

  it('keeps the wall-clock time across the spring DST change in another zone (PST → PDT)', () => {
    const fri = zonedInstant('2026-03-06', '10:30', 'America/Los_Angeles');
    const r = addBusinessDays(fri, 1, 'America/Los_Angeles');
    expect(r.toISOString()).toBe('2026-03-09T17:30:00.000Z'); // Monday 10:30 PDT (UTC-7)
  });

  it('Arizona has no DST; Phoenix keeps UTC-7 all year', () => {
    const r = addBusinessDays(zonedInstant('2026-10-30', '15:00', 'America/Phoenix'), 2, 'America/Phoenix');
    expect(r.toISOString()).toBe('2026-11-03T22:00:00.000Z');
  });

  it('counts from a weekend day: Saturday + 1 → Monday', () => {
    const sat = zonedInstant('2026-11-14', '10:00', 'America/Chicago');
    expect(localDateOf(addBusinessDays(sat, 1, 'America/Chicago'), 'America/Chicago')).toBe('2026-11-16');
  });

  it('n = 0 is the instant itself', () => {
    const t = new Date('2026-11-24T12:00:00Z');
    expect(addBusinessDays(t, 0, 'UTC').getTime()).toBe(t.getTime());
  });

  it('property: the result is a business day, later than the start, and exactly n business days away', () => {
    const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'Pacific/Honolulu', 'America/Anchorage'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom(...zones),
        (start, n, tz) => {
          const r = addBusinessDays(start, n, tz);
          expect(r.getTime()).toBeGreaterThan(start.getTime());
          expect(isBusinessDay(r, tz)).toBe(true);
          let count = 0;
          for (let d = addDays(localDateOf(start, tz), 1); d <= localDateOf(r, tz); d = addDays(d, 1)) if (isBusinessDay(d, tz)) count++;
          expect(count).toBe(n);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('endOfLocalDay and deadlines', () => {
  it('is the last millisecond of the local day, 23 or 25 hours after a DST day starts', () => {
    expect(endOfLocalDay('2026-11-24', 'America/New_York').toISOString()).toBe('2026-11-25T04:59:59.999Z');
    expect(endOfLocalDay('2026-11-01', 'America/New_York').getTime() - zonedInstant('2026-11-01', '00:00', 'America/New_York').getTime() + 1).toBe(25 * 3600_000);
    expect(endOfLocalDay('2026-03-08', 'America/New_York').getTime() - zonedInstant('2026-03-08', '00:00', 'America/New_York').getTime() + 1).toBe(23 * 3600_000);
  });

  it('refund within 2 business days: a return on Friday evening must be refunded by the end of Tuesday', () => {
    const fri = zonedInstant('2026-11-20', '18:00', 'America/Los_Angeles');
    expect(businessDaysDeadline(fri, 2, 'America/Los_Angeles').toISOString()).toBe('2026-11-25T07:59:59.999Z');
    expect(addBusinessDates('2026-11-25', 1)).toBe('2026-11-27'); // over Thanksgiving
  });

  it('a wall-clock time inside the spring-forward gap lands just after it', () => {
    const t = zonedInstant('2026-03-08', '02:30', 'America/New_York');
    expect(localDateOf(t, 'America/New_York')).toBe('2026-03-08');
    expect(t.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });
});
