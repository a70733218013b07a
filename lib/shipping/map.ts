import 'server-only';
import { geoAlbersUsa, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import statesTopo from 'us-atlas/states-10m.json';
import { STATE_NAMES } from './geo';

// US state outlines as SVG paths, projected once per process on the server with d3-geo's Albers USA (Alaska and Hawaii
// inset). Shapes: us-atlas (US Census Bureau cartographic boundaries, via TopoJSON). No map code reaches the browser.

export const MAP_WIDTH = 975;
export const MAP_HEIGHT = 610;

export type StateShape = { state: string; name: string; d: string; cx: number; cy: number };

const byName = new Map(Object.entries(STATE_NAMES).map(([abbr, name]) => [name, abbr]));
let cache: StateShape[] | null = null;

export function stateShapes(): StateShape[] {
  if (cache) return cache;
  const topo = statesTopo as unknown as Topology<{ states: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.states);
  const projection = geoAlbersUsa().scale(1300).translate([MAP_WIDTH / 2, MAP_HEIGHT / 2]);
  const path = geoPath(projection);
  const out: StateShape[] = [];
  for (const f of fc.features) {
    const abbr = byName.get(f.properties.name);
    if (!abbr) continue; // territories are outside the ZIP3 table
    const d = path(f);
    if (!d) continue;
    const [cx, cy] = path.centroid(f);
    // Numbers rounded to one decimal: a third of the bytes, no visible difference.
    out.push({ state: abbr, name: f.properties.name, d: d.replace(/(\d+\.\d)\d+/g, '$1'), cx, cy });
  }
  cache = out;
  return out;
}
