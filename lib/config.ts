import { z } from 'zod';

const HOUR = 60 * 60 * 1000;

// Every tunable number of SPEC.md, read once from the environment and validated.
const configSchema = z
  .object({
    // Card holds lapse after this long on the major networks (public default: 7 days).
    holdValidityHours: z.coerce.number().int().positive().default(7 * 24),
    // How long a recipient has to decide (default 5 days); must end before the hold lapses.
    giftOfferLifeHours: z.coerce.number().int().positive().default(5 * 24),
    giftReminderBeforeHours: z.coerce.number().int().positive().default(24),
    // A converted gift's units return to stock at a random time in this window, not at the moment of the decision,
    // so a giver watching the item's availability can't tell a conversion from an acceptance (G7).
    convertedStockReleaseMinHours: z.coerce.number().nonnegative().default(24),
    convertedStockReleaseMaxHours: z.coerce.number().nonnegative().default(72),
    otpTtlMinutes: z.coerce.number().int().positive().default(10),
    otpMaxAttempts: z.coerce.number().int().positive().default(5),
    otpSendsPerHour: z.coerce.number().int().positive().default(5),
    // Looser ceiling across all browsers for one address or number (each browser has otpSendsPerHour of its own).
    otpSendsPerDestinationPerHour: z.coerce.number().int().positive().default(20),
    // Per identified client (behind TRUST_PROXY), and for texts across everyone: a bound on what abuse can cost.
    otpSendsPerClientPerHour: z.coerce.number().int().positive().default(20),
    otpTextsPerHour: z.coerce.number().int().positive().default(1000),
    giftLinkLookupsPerMinute: z.coerce.number().int().positive().default(30),
    outboxMaxAttempts: z.coerce.number().int().positive().default(8),
    outboxBackoffBaseMs: z.coerce.number().int().positive().default(5_000),
    jobsIntervalMs: z.coerce.number().int().nonnegative().default(5_000),
    appUrl: z.string().url().default('http://localhost:3000'),
    mailFrom: z.string().default('Prime Marketplace <no-reply@prime-marketplace.test>'),
    sfp: z
      .object({
        windowDays: z.coerce.number().int().positive().default(30),
        onTimeDeliveryMin: z.coerce.number().default(0.935),
        validTrackingMin: z.coerce.number().default(0.99),
        cancellationMax: z.coerce.number().default(0.005),
        buyShippingMin: z.coerce.number().default(0.99),
        oneDayCoverageMin: z.coerce.number().default(0.3),
        twoDayCoverageMin: z.coerce.number().default(0.74),
        weekdayCutoffEarliest: z.string().default('14:00'),
        weekendCutoffEarliest: z.string().default('10:30'),
        trialDays: z.coerce.number().int().positive().default(30),
        safetFilingWindowDays: z.coerce.number().int().positive().default(30),
        safetResponseDays: z.coerce.number().int().positive().default(7),
        safetAppealDays: z.coerce.number().int().positive().default(7),
        safetMaxCents: z.coerce.number().int().positive().default(500_000),
        refundBusinessDays: z.coerce.number().int().positive().default(2),
      })
      .default({} as never),
  })
  .superRefine((c, ctx) => {
    if (c.giftOfferLifeHours >= c.holdValidityHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['giftOfferLifeHours'],
        message: `A gift offer must expire before the card hold lapses: offer life ${c.giftOfferLifeHours}h is not below the hold validity ${c.holdValidityHours}h`,
      });
    }
    if (c.convertedStockReleaseMaxHours < c.convertedStockReleaseMinHours) {
      ctx.addIssue({ code: 'custom', path: ['convertedStockReleaseMaxHours'], message: 'The release window must not end before it starts' });
    }
    if (c.giftReminderBeforeHours >= c.giftOfferLifeHours) {
      ctx.addIssue({ code: 'custom', path: ['giftReminderBeforeHours'], message: 'The reminder must come after the offer is made' });
    }
  });

export type AppConfig = z.infer<typeof configSchema>;

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  return configSchema.parse({
    holdValidityHours: env.HOLD_VALIDITY_HOURS,
    giftOfferLifeHours: env.GIFT_OFFER_LIFE_HOURS,
    giftReminderBeforeHours: env.GIFT_REMINDER_BEFORE_HOURS,
    convertedStockReleaseMinHours: env.CONVERTED_STOCK_RELEASE_MIN_HOURS,
    convertedStockReleaseMaxHours: env.CONVERTED_STOCK_RELEASE_MAX_HOURS,
    otpTtlMinutes: env.OTP_TTL_MINUTES,
    otpMaxAttempts: env.OTP_MAX_ATTEMPTS,
    otpSendsPerHour: env.OTP_SENDS_PER_HOUR,
    otpSendsPerDestinationPerHour: env.OTP_SENDS_PER_DESTINATION_PER_HOUR,
    otpSendsPerClientPerHour: env.OTP_SENDS_PER_CLIENT_PER_HOUR,
    otpTextsPerHour: env.OTP_TEXTS_PER_HOUR,
    giftLinkLookupsPerMinute: env.GIFT_LINK_LOOKUPS_PER_MINUTE,
    outboxMaxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    outboxBackoffBaseMs: env.OUTBOX_BACKOFF_BASE_MS,
    jobsIntervalMs: env.JOBS_INTERVAL_MS,
    appUrl: env.APP_URL,
    mailFrom: env.MAIL_FROM,
    sfp: {},
  });
}

let cached: AppConfig | null = null;
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export const hours = (n: number) => n * HOUR;
