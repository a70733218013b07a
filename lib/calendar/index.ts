import { allForYear } from '@18f/us-federal-holidays';
import { TZDate } from '@date-fns/tz';

// The shared business-day calendar: US federal holidays (observed days, from @18f/us-federal-holidays, CC0) and
// date arithmetic counted in an IANA time zone. Pure (no I/O): rules of every domain may use it.
//
// Two kinds of values on purpose:
// - a "local date" is a 'YYYY-MM-DD' string: a day on a calendar, with no instant attached (a ship date, a holiday);
// - an instant is a Date (UTC). An instant becomes a local date only through a named time zone.
// Arithmetic on local dates is done on the string's own calendar (never through the process's zone), so DST cannot
// shift a day.

export type LocalDate = string; // YYYY-MM-DD

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(d: LocalDate): [number, number, number] {
  const m = DATE_RE.exec(d);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${d}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function toLocalDate(year: number, month: number, day: number): LocalDate {
  // Date.UTC normalises overflow (day 32 → next month) without touching any time zone.
  const t = new Date(Date.UTC(year, month - 1, day));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

// Calendar days after (or before, n < 0) a local date.
export function addDays(d: LocalDate, n: number): LocalDate {
  const [y, m, day] = parts(d);
  return toLocalDate(y, m, day + n);
}

// 0 = Sunday .. 6 = Saturday, of the calendar day itself.
export function weekdayOf(d: LocalDate): number {
  const [y, m, day] = parts(d);
  return new Date(Date.UTC(y, m - 1, day)).getUTCDay();
}

// The calendar day an instant falls on in a zone.
export function localDateOf(instant: Date, tz: string): LocalDate {
  const z = new TZDate(instant.getTime(), tz);
  return `${pad(z.getFullYear(), 4)}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`;
}

// Minutes since local midnight of an instant in a zone (e.g. 14:05 → 845).
export function localMinutesOf(instant: Date, tz: string): number {
  const z = new TZDate(instant.getTime(), tz);
  return z.getHours() * 60 + z.getMinutes();
}

// The instant a wall-clock time ('HH:MM' or 'HH:MM:SS') occurs on a local date in a zone. A time that does not exist
// (inside a spring-forward gap) resolves to the first instant after the gap; an ambiguous one (fall-back) to the first.
export function zonedInstant(d: LocalDate, time: string, tz: string): Date {
  const [y, m, day] = parts(d);
  const [hh, mm, ss] = time.split(':').map(Number);
  const z = new TZDate(y, m - 1, day, hh ?? 0, mm ?? 0, ss ?? 0, 0, tz);
  return new Date(z.getTime());
}

// The last instant of a local day in a zone (23:59:59.999 local; a DST day is 23 or 25 hours long, which this follows).
export function endOfLocalDay(d: LocalDate, tz: string): Date {
  return new Date(zonedInstant(addDays(d, 1), '00:00', tz).getTime() - 1);
}

export function startOfLocalDay(d: LocalDate, tz: string): Date {
  return zonedInstant(d, '00:00', tz);
}

// Observed US federal holidays (a Saturday holiday is observed on Friday, a Sunday one on Monday), by local date.
// Each year's list is built once; the year before and after are included so observed days that cross a new year
// (New Year's Day 2022 was observed on 31 December 2021) are found from either side.
const holidayCache = new Map<number, Map<LocalDate, string>>();
function holidaysAround(year: number): Map<LocalDate, string> {
  let m = holidayCache.get(year);
  if (!m) {
    m = new Map();
    for (const y of [year - 1, year, year + 1]) for (const h of allForYear(y)) m.set(normalise(h.dateString), h.name);
    holidayCache.set(year, m);
  }
  return m;
}
function normalise(s: string): LocalDate {
  const [y, mo, d] = s.split('-').map(Number);
  return toLocalDate(y, mo, d);
}

export function federalHolidayName(d: LocalDate): string | null {
  return holidaysAround(parts(d)[0]).get(d) ?? null;
}

export function isFederalHoliday(d: LocalDate): boolean {
  return federalHolidayName(d) !== null;
}

// Every observed federal holiday in [from, to] (inclusive local dates), sorted.
export function federalHolidaysBetween(from: LocalDate, to: LocalDate): { date: LocalDate; name: string }[] {
  const out: { date: LocalDate; name: string }[] = [];
  const [y0] = parts(from);
  const [y1] = parts(to);
  for (let y = y0; y <= y1; y++) {
    for (const h of allForYear(y)) {
      const date = normalise(h.dateString);
      if (date >= from && date <= to) out.push({ date, name: h.name });
    }
  }
  // An observed day may belong to the neighbouring year's list (31 December for a Saturday New Year's Day).
  for (const h of allForYear(y1 + 1)) {
    const date = normalise(h.dateString);
    if (date >= from && date <= to && !out.some((o) => o.date === date)) out.push({ date, name: h.name });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

// A local date that is Monday-Friday and not an observed federal holiday.
export function isBusinessDate(d: LocalDate): boolean {
  const wd = weekdayOf(d);
  return wd !== 0 && wd !== 6 && !isFederalHoliday(d);
}

// Whether an instant (or a local date) falls on a business day in the zone.
export function isBusinessDay(date: Date | LocalDate, tz: string): boolean {
  return isBusinessDate(typeof date === 'string' ? date : localDateOf(date, tz));
}

// n business days after a local date (n >= 0). The start day itself is not counted, whatever it is.
export function addBusinessDates(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let cur = d;
  for (let left = n; left > 0; ) {
    cur = addDays(cur, 1);
    if (isBusinessDate(cur)) left--;
  }
  return cur;
}

// The instant n business days after `instant`, counted in the zone: the same local wall-clock time on the n-th business
// day after the instant's local day (e.g. Friday 15:00 + 2 → Tuesday 15:00, or Wednesday across a Monday holiday).
// The wall-clock time is kept across DST changes (Friday 15:00 EDT + 2 → Tuesday 15:00 EST). An instant on a weekend or
// holiday counts from that day: Saturday 10:00 + 1 → Monday 10:00.
export function addBusinessDays(instant: Date, n: number, tz: string): Date {
  const z = new TZDate(instant.getTime(), tz);
  const target = addBusinessDates(localDateOf(instant, tz), n);
  const [y, m, d] = parts(target);
  return new Date(new TZDate(y, m - 1, d, z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds(), tz).getTime());
}

// End of the n-th business day after the instant's local day: "within 2 business days" as a deadline.
export function businessDaysDeadline(instant: Date, n: number, tz: string): Date {
  return endOfLocalDay(addBusinessDates(localDateOf(instant, tz), n), tz);
}

// Whether a string names a time zone this runtime knows.
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
