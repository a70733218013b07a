import type { SfpThresholds } from './rules';

// The SPEC's Seller Fulfilled Prime thresholds, fixed for the unit tests (lib/config.ts reads the real ones from the environment).
export const TEST_THRESHOLDS: SfpThresholds = {
  windowDays: 30,
  onTimeShipmentMin: 0.99,
  onTimeDeliveryMin: 0.97,
  validTrackingMin: 0.99,
  validTrackingEnforced: true,
  cancellationMax: 0.005,
  buyShippingMin: 0.99,
  oneDayCoverageMin: 0.3,
  twoDayCoverageMin: 0.74,
  operatingDaysMin: 6,
  trialDays: 30,
  preQualificationDays: 90,
  preQualificationMinPackages: 100,
  preQualificationLateShipmentMax: 0.04,
  preQualificationCancellationMax: 0.025,
  preQualificationValidTrackingMin: 0.95,
  weekdayCutoffEarliest: '14:00',
  weekendCutoffEarliest: '10:30',
  pickupEarliest: '16:00',
};
