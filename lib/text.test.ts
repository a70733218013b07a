import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileStrings, isLookupableSegment, multiLineText, oneLine, singleLineText, textProblem } from './text';

const name = singleLineText({ label: 'Name', max: 20, min: 1 });
const message = multiLineText({ label: 'Message', max: 40 });
const error = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0].message);

describe('safe single-line text', () => {
  it('trims and keeps any printable Unicode as typed', () => {
    expect(name.parse('  Zoë 😀 王  ')).toBe('Zoë 😀 王');
    expect(name.parse('<script>alert(1)</script>'.slice(0, 20))).toBe('<script>alert(1)</sc');
  });

  it.each([
    ['NUL', 'Al\u0000ex', /control character/],
    ['escape', 'Al\u001bex', /control character/],
    ['DEL', 'Al\u007fex', /control character/],
    ['C1 (NEL)', 'Al\u0085ex', /control character/],
    ['tab', 'Al\tex', /tab/],
    ['line feed', 'Al\nex', /one line/],
    ['carriage return', 'Al\rex', /one line/],
    ['line separator', 'Al\u2028ex', /one line/],
    ['right-to-left override', 'gift\u202Eexe.txt', /text-direction/],
    ['lone high surrogate', 'Al\uD83Dex', /broken character/],
    ['lone low surrogate', '\uDE00Alex', /broken character/],
    ['too long', 'x'.repeat(21), /too long.*20/],
    ['far too long', 'x'.repeat(1_000_000), /too long/],
    ['empty', '   ', /Enter name/],
  ])('refuses %s with a field message', (_, value, why) => {
    expect(error(name.safeParse(value))).toMatch(why);
  });

  it('refuses what is not a string', () => {
    for (const v of [null, 42, {}, ['a']]) expect(name.safeParse(v).success).toBe(false);
  });

  it('whatever it accepts is one line, well-formed, without control characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const r = name.safeParse(s);
        if (!r.success) return true;
        return textProblem(r.data, false) === null && r.data.length <= 20 && !/[\n\r]/.test(r.data);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

describe('safe multi-line text', () => {
  it('keeps line breaks, normalized to \\n', () => {
    expect(message.parse('Happy\r\nbirthday\rLove\u2029A')).toBe('Happy\nbirthday\nLove\nA');
  });
  it('is otherwise as strict as one line', () => {
    expect(error(message.safeParse('hi\u0000'))).toMatch(/control character/);
    expect(error(message.safeParse('hi\uD800'))).toMatch(/broken character/);
    expect(error(message.safeParse('x'.repeat(41)))).toMatch(/too long/);
  });
});

describe('oneLine (for text stored before these rules, shown where it must stay one line)', () => {
  it('folds line breaks, controls and lone surrogates', () => {
    expect(oneLine(' Al\r\nex\u0000 \uD800 Smith\u202E ')).toBe('Al ex \uFFFD Smith');
  });
});

describe('isLookupableSegment (a slug from the URL, before any query)', () => {
  it('refuses what no row can be named by', () => {
    expect(isLookupableSegment('trail-ceramic-mug')).toBe(true);
    for (const bad of ['', 'a\u0000b', 'a\uD800', 'a\nb', 'x'.repeat(201)]) expect(isLookupableSegment(bad)).toBe(false);
  });
});

describe('hostileStrings (every string of a server action body, whatever its schema)', () => {
  it('names each field, nested or not, that holds NUL, a control character, a lone surrogate or a direction override', () => {
    expect(
      hostileStrings({
        name: 'Ship\u0000Station',
        ok: 'Plain text, with a tab\tand\r\nlines',
        services: [{ serviceId: 'ups\u001b' }, { serviceId: 'usps' }],
        deep: { note: 'x\uD800' },
        rtl: 'gift\u202Eexe',
        tabbed: 'a\t\u202Eb',
        count: 42,
        file: new Blob(['\u0000']),
      }),
    ).toEqual({
      name: [expect.stringMatching(/control character/)],
      'services.0.serviceId': [expect.stringMatching(/control character/)],
      'deep.note': [expect.stringMatching(/broken character/)],
      rtl: [expect.stringMatching(/text-direction/)],
      tabbed: [expect.stringMatching(/text-direction/)],
    });
  });

  it('passes any printable text, in any script, with emoji and line breaks', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (values) => {
        const clean = values.map((v) => v.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ''));
        expect(hostileStrings({ values: clean })).toEqual({});
      }),
    );
  });

  it('a body too large to judge is refused as a whole', () => {
    expect(hostileStrings({ items: Array.from({ length: 30_000 }, () => 'x') })).toEqual({ _form: [expect.stringMatching(/too large/)] });
    let nested: unknown = 'x';
    for (let i = 0; i < 50; i++) nested = { nested };
    expect(hostileStrings(nested)._form).toEqual([expect.stringMatching(/too large/)]);
  });
});
