import zip3Data from './data/zip3.json';

// The committed ZIP3 table (scripts/build-zip3.mjs says where its numbers come from and under which licence):
// per ZIP3 its state, population-weighted centroid, population weight and IANA time zone. 50 states and DC.

export type Zip3Row = { zip3: string; state: string; lat: number; lon: number; weight: number; tz: string };

type Raw = [string, string, number, number, number, string];

export const ZIP3_TABLE: readonly Zip3Row[] = (zip3Data.rows as Raw[]).map(([zip3, state, lat, lon, weight, tz]) => ({ zip3, state, lat, lon, weight, tz }));
export const ZIP3_ATTRIBUTION: readonly string[] = zip3Data.attribution;
export const ZIP3_WEIGHT_SOURCE: string = zip3Data.weightSource;

const byZip3 = new Map(ZIP3_TABLE.map((r) => [r.zip3, r]));

export function zip3Row(zip3: string): Zip3Row | null {
  return byZip3.get(zip3) ?? null;
}

// The ZIP3 of a US ZIP or ZIP+4 ('94105', '94105-1234'), or null when it is not one we deliver to.
export function zip3Of(zip: string): string | null {
  const m = /^\s*(\d{5})(?:-\d{4})?\s*$/.exec(zip);
  if (!m) return null;
  const z3 = m[1].slice(0, 3);
  return byZip3.has(z3) ? z3 : null;
}

// The 48 contiguous states and DC: what "nationwide coverage" means (SPEC S3).
export const CONTIGUOUS_48_DC = [
  'AL', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO',
  'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

export const STATE_NAMES: Record<string, string> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia',
  FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine',
  MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada',
  NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon',
  PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont', VA: 'Virginia',
  WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
};

// The zone most of a state's people live in (for a ship-from whose ZIP3 we don't know).
export function timeZoneForZip(zip: string): string | null {
  const z3 = zip3Of(zip);
  return z3 ? byZip3.get(z3)!.tz : null;
}
