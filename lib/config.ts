import { z } from 'zod';

const HOUR = 60 * 60 * 1000;

// A share between 0 and 1 (0.97 = 97%), a yes/no switch, a local clock time HH:MM.
const rate = z.coerce.number().min(0).max(1);
const flag = z.preprocess((v) => (typeof v === 'string' ? !['0', 'false', 'no', 'off'].includes(v.trim().toLowerCase()) : v), z.boolean());
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour)');

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
    // Without a trusted proxy: per browser (its sign-in cookie) across addresses, and for everyone together. A browser
    // that signed in with the address before, or that holds the gift's link, has its own budget beyond these.
    otpSendsPerDevicePerHour: z.coerce.number().int().positive().default(10),
    otpSendsGlobalPerHour: z.coerce.number().int().positive().default(2000),
    otpSendsPerGiftLinkPerHour: z.coerce.number().int().positive().default(10),
    // Wrong guesses per address across all browsers (codes from the owner's own budget are exempt).
    otpWrongCodesPerDestinationPerHour: z.coerce.number().int().positive().default(20),
    giftLinkLookupsPerMinute: z.coerce.number().int().positive().default(30),
    // Anti-phishing: gifts one giver may send per hour to addresses or numbers they have never sent a gift to before.
    giftsToNewRecipientsPerHour: z.coerce.number().int().positive().default(10),
    outboxMaxAttempts: z.coerce.number().int().positive().default(8),
    outboxBackoffBaseMs: z.coerce.number().int().positive().default(5_000),
    jobsIntervalMs: z.coerce.number().int().nonnegative().default(5_000),
    // Shipping (lib/shipments): Buy Shipping quotes live 10 minutes (Amazon's TOKEN_EXPIRED); carrier webhooks older
    // than the tolerance are refused; the Shipping API allows this many requests per key per minute; the carrier
    // simulator (the sandbox carrier) posts its events this many seconds apart in development.
    shippingQuoteTtlMinutes: z.coerce.number().positive().default(10),
    carrierWebhookToleranceSeconds: z.coerce.number().int().positive().default(300),
    shippingApiRequestsPerMinute: z.coerce.number().int().positive().default(120),
    carrierSimulator: z.enum(['0', '1']).default('1').transform((v) => v === '1'),
    carrierSimulatorStepSeconds: z.coerce.number().nonnegative().default(8),
    // 'steps': each event carrierSimulatorStepSeconds after the previous (a person watching sees a parcel travel in a
    // minute); 'realistic': carrier timing (pickup that afternoon, a scan a day, a late parcel the day after its promise).
    carrierSimulatorPace: z.enum(['steps', 'realistic']).default('steps'),
    appUrl: z.string().url().default('http://localhost:3000'),
    mailFrom: z.string().default('Prime Marketplace <no-reply@prime-marketplace.test>'),
    sfp: z
      .object({
        // SFP performance thresholds (SPEC defaults), evaluated daily over a trailing window keyed on promised dates.
        windowDays: z.coerce.number().int().positive().default(30),
        onTimeShipmentMin: rate.default(0.99),
        onTimeDeliveryMin: rate.default(0.97),
        validTrackingMin: rate.default(0.99),
        // The US page does not confirm the valid-tracking threshold: it can be switched off (SFP_VALID_TRACKING_ENFORCED=0).
        validTrackingEnforced: flag.default(true),
        cancellationMax: rate.default(0.005),
        buyShippingMin: rate.default(0.99),
        oneDayCoverageMin: rate.default(0.3),
        twoDayCoverageMin: rate.default(0.74),
        weekdayCutoffEarliest: clock.default('14:00'),
        weekendCutoffEarliest: clock.default('10:30'),
        pickupEarliest: clock.default('16:00'),
        operatingDaysMin: z.coerce.number().int().min(1).max(7).default(6),
        // Pre-qualification for the trial, over the past 90 days.
        preQualificationDays: z.coerce.number().int().positive().default(90),
        preQualificationMinPackages: z.coerce.number().int().nonnegative().default(100),
        preQualificationLateShipmentMax: rate.default(0.04),
        preQualificationCancellationMax: rate.default(0.025),
        preQualificationValidTrackingMin: rate.default(0.95),
        trialDays: z.coerce.number().int().positive().default(30),
        // How many missed days the daily evaluation catches up in one run.
        evaluationCatchUpDays: z.coerce.number().int().positive().default(90),
        safetFilingWindowDays: z.coerce.number().int().positive().default(30),
        safetResponseDays: z.coerce.number().int().positive().default(7),
        safetAppealDays: z.coerce.number().int().positive().default(7),
        safetMaxCents: z.coerce.number().int().positive().default(500_000),
        refundBusinessDays: z.coerce.number().int().positive().default(2),
        // Returns (S10): a request within this many days of delivery is authorized at once; the item is then due back
        // within returnShipDays of the authorization.
        returnWindowDays: z.coerce.number().int().positive().default(30),
        returnShipDays: z.coerce.number().int().positive().default(30),
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
    otpSendsPerDevicePerHour: env.OTP_SENDS_PER_DEVICE_PER_HOUR,
    otpSendsGlobalPerHour: env.OTP_SENDS_GLOBAL_PER_HOUR,
    otpSendsPerGiftLinkPerHour: env.OTP_SENDS_PER_GIFT_LINK_PER_HOUR,
    otpWrongCodesPerDestinationPerHour: env.OTP_WRONG_CODES_PER_DESTINATION_PER_HOUR,
    giftLinkLookupsPerMinute: env.GIFT_LINK_LOOKUPS_PER_MINUTE,
    giftsToNewRecipientsPerHour: env.GIFTS_TO_NEW_RECIPIENTS_PER_HOUR,
    outboxMaxAttempts: env.OUTBOX_MAX_ATTEMPTS,
    outboxBackoffBaseMs: env.OUTBOX_BACKOFF_BASE_MS,
    jobsIntervalMs: env.JOBS_INTERVAL_MS,
    shippingQuoteTtlMinutes: env.SHIPPING_QUOTE_TTL_MINUTES,
    carrierWebhookToleranceSeconds: env.CARRIER_WEBHOOK_TOLERANCE_SECONDS,
    shippingApiRequestsPerMinute: env.SHIPPING_API_REQUESTS_PER_MINUTE,
    carrierSimulator: env.CARRIER_SIMULATOR,
    carrierSimulatorStepSeconds: env.CARRIER_SIMULATOR_STEP_SECONDS,
    carrierSimulatorPace: env.CARRIER_SIMULATOR_PACE,
    appUrl: env.APP_URL,
    mailFrom: env.MAIL_FROM,
    sfp: {
      windowDays: env.SFP_WINDOW_DAYS,
      onTimeShipmentMin: env.SFP_ON_TIME_SHIPMENT_MIN,
      onTimeDeliveryMin: env.SFP_ON_TIME_DELIVERY_MIN,
      validTrackingMin: env.SFP_VALID_TRACKING_MIN,
      validTrackingEnforced: env.SFP_VALID_TRACKING_ENFORCED,
      cancellationMax: env.SFP_CANCELLATION_MAX,
      buyShippingMin: env.SFP_BUY_SHIPPING_MIN,
      oneDayCoverageMin: env.SFP_ONE_DAY_COVERAGE_MIN,
      twoDayCoverageMin: env.SFP_TWO_DAY_COVERAGE_MIN,
      weekdayCutoffEarliest: env.SFP_WEEKDAY_CUTOFF_EARLIEST,
      weekendCutoffEarliest: env.SFP_WEEKEND_CUTOFF_EARLIEST,
      pickupEarliest: env.SFP_PICKUP_EARLIEST,
      operatingDaysMin: env.SFP_OPERATING_DAYS_MIN,
      preQualificationDays: env.SFP_PREQUALIFICATION_DAYS,
      preQualificationMinPackages: env.SFP_PREQUALIFICATION_MIN_PACKAGES,
      preQualificationLateShipmentMax: env.SFP_PREQUALIFICATION_LATE_SHIPMENT_MAX,
      preQualificationCancellationMax: env.SFP_PREQUALIFICATION_CANCELLATION_MAX,
      preQualificationValidTrackingMin: env.SFP_PREQUALIFICATION_VALID_TRACKING_MIN,
      trialDays: env.SFP_TRIAL_DAYS,
      evaluationCatchUpDays: env.SFP_EVALUATION_CATCH_UP_DAYS,
      safetFilingWindowDays: env.SAFET_FILING_WINDOW_DAYS,
      safetResponseDays: env.SAFET_RESPONSE_DAYS,
      safetAppealDays: env.SAFET_APPEAL_DAYS,
      safetMaxCents: env.SAFET_MAX_CENTS,
      refundBusinessDays: env.REFUND_BUSINESS_DAYS,
      returnWindowDays: env.RETURN_WINDOW_DAYS,
      returnShipDays: env.RETURN_SHIP_DAYS,
    },
  });
}

let cached: AppConfig | null = null;
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export const hours = (n: number) => n * HOUR;
