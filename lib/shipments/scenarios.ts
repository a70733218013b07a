// What the sandbox carrier can be told to do with a label (no Node-only imports: the Buy Shipping form uses it).
export const SCENARIOS = ['on_time', 'late', 'lost', 'no_scan', 'returned', 'attempted'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const scenarioLabel: Record<Scenario, string> = {
  on_time: 'Delivered on time',
  late: 'Delivered a day late',
  lost: 'Lost in transit',
  no_scan: 'Never scanned',
  returned: 'Returned to sender',
  attempted: 'Delivery attempted, delivered next day',
};

