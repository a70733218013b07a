import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampText,
  classifyMeta,
  looksLinkable,
  unlinkable,
  describeError,
  extractCodes,
  extractLinks,
  invalidMessageReason,
  maskRecipient,
  MAX_RETRY_DELAY_MS,
  messageMeta,
  outcomeOfFailure,
  retryDelayMs,
  textToHtml,
} from './rules';

describe('retryDelayMs', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
  });

  it('never waits more than an hour, however many attempts failed', () => {
    expect(retryDelayMs(12, 5_000)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(2_000, 5_000, 0.99)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('spreads retries by at most ten percent either way', () => {
    expect(retryDelayMs(3, 5_000, 0)).toBe(18_000);
    expect(retryDelayMs(3, 5_000, 0.999_999)).toBe(22_000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(2, 1_000, Math.random());
      expect(d).toBeGreaterThanOrEqual(1_800);
      expect(d).toBeLessThanOrEqual(2_200);
    }
  });

  it('treats attempt 0 or less as the first attempt', () => {
    expect(retryDelayMs(0, 5_000)).toBe(5_000);
  });
});

describe('outcomeOfFailure', () => {
  it('retries until the last allowed attempt failed, then gives up', () => {
    expect(outcomeOfFailure(1, 3, 1_000)).toEqual({ status: 'pending', delayMs: 1_000 });
    expect(outcomeOfFailure(2, 3, 1_000)).toEqual({ status: 'pending', delayMs: 2_000 });
    expect(outcomeOfFailure(3, 3, 1_000)).toEqual({ status: 'dead' });
    expect(outcomeOfFailure(4, 3, 1_000)).toEqual({ status: 'dead' });
  });
});

describe('extractLinks', () => {
  it('finds http and https links, without trailing punctuation or duplicates', () => {
    const body = 'Open https://shop.test/gift/abc123. Or (http://localhost:3000/x?y=1&z=2), again https://shop.test/gift/abc123!';
    expect(extractLinks(body)).toEqual(['https://shop.test/gift/abc123', 'http://localhost:3000/x?y=1&z=2']);
  });

  it('ignores other schemes', () => {
    expect(extractLinks('javascript:alert(1) mailto:a@b.test ftp://x.test')).toEqual([]);
  });
});

describe('extractCodes', () => {
  it('finds a code in a line that talks about a code', () => {
    expect(extractCodes('Your sign-in code is 482913.\nIt expires in 10 minutes.')).toEqual(['482913']);
    expect(extractCodes('482913 is your Prime Marketplace code')).toEqual(['482913']);
  });

  it('does not mistake prices, order numbers or link parts for codes', () => {
    expect(extractCodes('Order 123456 total $1234.56')).toEqual([]);
    expect(extractCodes('Use the code in this link: https://shop.test/c/987654')).toEqual([]);
    expect(extractCodes('Discount code worth $1,500.00')).toEqual([]);
  });
});

describe('messageMeta', () => {
  it('adds links and codes from the body to what the caller gave, without repeating a value', () => {
    const body = 'Code 123456. Accept: https://shop.test/gift/t1 Decline: https://shop.test/gift/t1/decline';
    expect(messageMeta(body, { giftUrl: 'https://shop.test/gift/t1' })).toEqual({
      giftUrl: 'https://shop.test/gift/t1',
      link: 'https://shop.test/gift/t1/decline',
      code: '123456',
    });
  });

  it('never overwrites a key the caller used', () => {
    expect(messageMeta('see https://a.test/1', { link: 'https://b.test' })).toEqual({ link: 'https://b.test', link2: 'https://a.test/1' });
  });

  it('numbers several links', () => {
    expect(messageMeta('https://a.test/1 https://a.test/2')).toEqual({ link: 'https://a.test/1', link2: 'https://a.test/2' });
  });
});

describe('classifyMeta', () => {
  it('renders only http(s) values as links and everything else as codes', () => {
    const { links, codes } = classifyMeta({ giftUrl: 'https://shop.test/g', code: '123456', bad: 'javascript:alert(1)' });
    expect(links).toEqual([{ key: 'giftUrl', label: 'Gift url', value: 'https://shop.test/g' }]);
    expect(codes.map((c) => c.value)).toEqual(['123456', 'javascript:alert(1)']);
  });

  it('does not show a message’s ref (what it is about, for its sender) as a code', () => {
    expect(classifyMeta({ ref: 'gift_offer:1', code: '123456' }).codes.map((c) => c.key)).toEqual(['code']);
  });

  it('accepts a message without meta', () => {
    expect(classifyMeta(null)).toEqual({ links: [], codes: [] });
  });
});

describe('invalidMessageReason', () => {
  const base = { template: 'otp', body: 'Your code is 123456' };
  it('accepts an email to an address and an SMS to an E.164 number', () => {
    expect(invalidMessageReason({ ...base, channel: 'email', recipient: 'jane@example.com', subject: 'Your code' })).toBeNull();
    expect(invalidMessageReason({ ...base, channel: 'sms', recipient: '+15551234567' })).toBeNull();
  });

  it('refuses a recipient that does not fit the channel, an empty body, a multi-line subject', () => {
    expect(invalidMessageReason({ ...base, channel: 'email', recipient: '+15551234567' })).toMatch(/email address/);
    expect(invalidMessageReason({ ...base, channel: 'sms', recipient: '555-1234' })).toMatch(/E\.164/);
    expect(invalidMessageReason({ ...base, channel: 'sms', recipient: '+15551234567', body: '  ' })).toMatch(/body/);
    expect(invalidMessageReason({ ...base, channel: 'email', recipient: 'a@b.test', subject: 'Hi\r\nBcc: x@y.test' })).toMatch(/one line/);
  });
});

describe('maskRecipient', () => {
  it('keeps only what identifies the mailbox provider or the number ending', () => {
    expect(maskRecipient('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskRecipient('+15551234567')).toBe('+1******4567');
    expect(maskRecipient('+447911123456')).toBe('+4*******3456');
  });

  it('masks anything else almost entirely', () => {
    expect(maskRecipient('abc')).toBe('***');
    expect(maskRecipient('somebody')).toBe('******dy');
  });
});

describe('textToHtml', () => {
  it('escapes the text, keeps line breaks and makes links clickable', () => {
    const html = textToHtml('Hi <Jane> & co,\nAccept: https://shop.test/gift/a?b=1&c=2.');
    expect(html).toContain('Hi &lt;Jane&gt; &amp; co,<br>');
    expect(html).toContain('<a href="https://shop.test/gift/a?b=1&amp;c=2">https://shop.test/gift/a?b=1&amp;c=2</a>.');
    expect(html).not.toContain('<Jane>');
  });
});

describe('describeError', () => {
  it('keeps one bounded line', () => {
    expect(describeError(new Error('550 5.1.1\n  mailbox unavailable'))).toBe('550 5.1.1 mailbox unavailable');
    expect(describeError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeError('x'.repeat(600))).toHaveLength(500);
  });
});

describe('unlinkable: someone else’s words in our messages carry no link', () => {
  it.each([
    ['Visit http://evil.example/login now', 'Visit http[:]//evil[.]example/login now'],
    ['https://bank.example.com', 'https[:]//bank[.]example[.]com'],
    ['www.evil.com', 'www[.]evil[.]com'],
    ['pay at evil.co', 'pay at evil[.]co'],
    ['mail me: a@evil.example', 'mail me: a@evil[.]example'],
    ['javascript:alert(1)', 'javascript[:]alert(1)'],
    ['go to 10.0.0.1 now', 'go to 10[.]0[.]0[.]1 now'],
    ['full-width evil．com', 'full-width evil[．]com'],
    ['ideographic evil。com', 'ideographic evil[。]com'],
    ['hxxp:\\\\evil.com', 'hxxp[:]\\\\evil[.]com'],
  ])('%s → %s', (raw, out) => {
    expect(unlinkable(raw)).toBe(out);
    expect(looksLinkable(unlinkable(raw))).toBe(false);
  });

  it('leaves ordinary words alone', () => {
    expect(unlinkable('Happy birthday! It cost $2.50. See you at 5.30, love.')).toBe('Happy birthday! It cost $2.50. See you at 5.30, love.');
  });

  it('leaves nothing an auto-linker finds, and no link in the HTML part (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.webUrl(), fc.domain(), fc.emailAddress(), fc.string()), { maxLength: 5 }), (parts) => {
        const out = unlinkable(parts.join(' '));
        return !looksLinkable(out) && extractLinks(out).length === 0 && !textToHtml(out).includes('<a ');
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('clamps by whole characters', () => {
    expect(clampText('😀😀😀😀', 3)).toBe('😀😀…');
    expect(clampText('short', 10)).toBe('short');
  });
});
