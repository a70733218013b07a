import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';

describe('SFP, returns and SAFE-T configuration', () => {
  it('has the SPEC defaults', () => {
    const { sfp } = parseConfig({});
    expect(sfp).toMatchObject({
      windowDays: 30,
      onTimeShipmentMin: 0.99,
      onTimeDeliveryMin: 0.97,
      validTrackingMin: 0.99,
      cancellationMax: 0.005,
      buyShippingMin: 0.99,
      oneDayCoverageMin: 0.3,
      twoDayCoverageMin: 0.74,
      weekdayCutoffEarliest: '14:00',
      weekendCutoffEarliest: '10:30',
      pickupEarliest: '16:00',
      preQualificationDays: 90,
      preQualificationMinPackages: 100,
      trialDays: 30,
      safetFilingWindowDays: 30,
      safetMaxCents: 500_000,
      refundBusinessDays: 2,
    });
  });

  it('reads every SFP setting from the environment (none is silently fixed)', () => {
    // Give every environment variable the config reads a value it would accept for its kind, then check that no
    // setting kept its default: a key added to the schema without an env mapping fails here.
    const defaults = parseConfig({}).sfp;
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_t, name) => {
        if (typeof name !== 'string' || !/^(SFP_|SAFET_|REFUND_|RETURN_)/.test(name)) return undefined;
        if (name.endsWith('_ENFORCED')) return '0';
        if (/CUTOFF|PICKUP/.test(name)) return '23:59';
        if (/_MIN$|_MAX$/.test(name) && !/PACKAGES|_CENTS|DAYS/.test(name)) return '0.5';
        return '3';
      },
    });
    const read = parseConfig(env).sfp;
    const unchanged = Object.keys(defaults).filter((k) => read[k as keyof typeof read] === defaults[k as keyof typeof defaults]);
    expect(unchanged).toEqual([]);
  });

  it('refuses a threshold outside 0..1 and a malformed clock time', () => {
    expect(() => parseConfig({ SFP_ON_TIME_DELIVERY_MIN: '97' })).toThrow();
    expect(() => parseConfig({ SFP_WEEKDAY_CUTOFF_EARLIEST: '2pm' })).toThrow();
  });
});
