import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoArea, geoCentroid, geoConicEqualArea, geoContains, geoPath, type GeoContext, type GeoProjection } from 'd3-geo';
import type { Feature, Geometry, MultiPolygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { atlasCodes } from './atlas-codes.ts';

// The map's drawing, computed once per process on first use (about a quarter of a second) and
// kept as path strings, so that a page only joins strings. The boundaries are Natural Earth's
// (public domain) at 1:50m, as world-atlas ships them: the 1:110m set has no Malta and no
// Liechtenstein. They are simplified on the topology (shared borders stay shared, so neighbours
// never gap), projected with an equal-area conic (a map shaded by counts must not make northern
// countries look bigger), and written with whole-unit relative coordinates in a 1000-unit-wide
// box (a step of 1/1000 of the map's width: under a pixel at any width the map is drawn).
//
// Natural Earth draws de facto control; the platform follows ISO 3166-1 and the European Union's
// position where they differ, in two places: Crimea is drawn as part of Ukraine, and northern
// Cyprus as part of Cyprus.

/** The viewBox is WIDTH units wide; its height follows from the region. */
export const WIDTH = 1000;
/** Room around the region, so that strokes and markers at its edge are not cut off. */
const PAD = 8;
/** Topology points that make a triangle smaller than this with their neighbours are dropped (planar, degrees²). */
const SIMPLIFY = 0.01;
/** Islands smaller than this (viewBox units²) are left out, except a country's largest part. */
const MIN_PART = 4;
/** Countries smaller than this (viewBox units²) get a round marker that can be seen and clicked. */
export const SMALL_AREA = 200;
export const MARKER_RADIUS = 7;
/** Parts of the platform's countries far from the region (French Guiana, Svalbard, the Azores) are not drawn: their centres lie outside this box. */
const REGION = { west: -26, east: 92, south: 15, north: 72 };
/** The land around that may show in the map's box (a merged Eurasia and Africa are one polygon, whose centre is in it); the Americas and Oceania are left out before projecting. */
const AROUND = { west: -60, east: 150, south: -10, north: 90 };
/** A point in Crimea (Simferopol), to find its polygon among Russia's in Natural Earth's data. */
const CRIMEA: [number, number] = [34.1, 44.95];

export interface Shape {
  /** the path's data; empty when the country is too small to draw at this scale (the marker shows it) */
  d: string;
  /** a round marker's centre, for countries smaller than SMALL_AREA */
  marker: { x: number; y: number } | null;
}

export interface MapGeometry {
  width: number;
  height: number;
  /** every other country in view, as one pale shape for context */
  land: string;
  shapes: ReadonlyMap<string, Shape>;
}

export type Countries = Topology<{ countries: GeometryCollection<{ name: string }> }>;

let cached: MapGeometry | undefined;

/** The map's drawing: computed on the first call, then the same object for the life of the process. */
export function mapGeometry(): MapGeometry {
  return (cached ??= build());
}

/** Natural Earth's countries at 1:50m, as world-atlas ships them. */
export function atlas(): Countries {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-50m.json'), 'utf8')) as Countries;
}

function build(): MapGeometry {
  const full = atlas();
  const drawn = countryGeometries(simplify(presimplify(full), SIMPLIFY));
  const parts = new Map([...drawn.countries].map(([code, g]) => [code, polygons(g).filter(inRegion)]));

  // Fit the region: the platform's countries without their distant parts.
  const region: MultiPolygon = { type: 'MultiPolygon', coordinates: [...parts.values()].flat() };
  const projection = geoConicEqualArea()
    .parallels([38, 62])
    .rotate([-30, 0])
    .fitWidth(WIDTH - 2 * PAD, region);
  const [x, y] = projection.translate();
  projection.translate([x + PAD, y + PAD]);
  const height = Math.ceil(geoPath(projection).bounds(region)[1][1] + PAD);
  projection.clipExtent([
    [0, 0],
    [WIDTH, height],
  ]);
  const path = geoPath(projection);
  const sized = (ps: Position[][][]) => ps.map((p) => ({ p, area: path.area({ type: 'Polygon', coordinates: p }) }));

  let exact: Map<string, Geometry> | undefined;
  const shapes = new Map<string, Shape>();
  for (const [code, ps] of parts) {
    const drawnParts = sized(ps);
    let marker: Shape['marker'] = null;
    if (drawnParts.reduce((sum, p) => sum + p.area, 0) < SMALL_AREA) {
      // Simplified, a small country may be a sliver: its marker goes at the centre of its largest part as surveyed.
      exact ??= countryGeometries(full).countries;
      const own = polygons(exact.get(code)!).filter(inRegion);
      const largest = own.reduce((a, b) => (geoArea({ type: 'Polygon', coordinates: a }) >= geoArea({ type: 'Polygon', coordinates: b }) ? a : b));
      const [mx, my] = projection(geoCentroid({ type: 'Polygon', coordinates: largest }))!;
      marker = { x: Math.round(mx), y: Math.round(my) };
    }
    shapes.set(code, { d: pathData(projection, withoutSpecks(drawnParts)), marker });
  }
  const around = polygons(drawn.context).filter((p) => inBox(p, AROUND));
  const land = pathData(projection, withoutSpecks(sized(around)));
  return { width: WIDTH, height, land, shapes };
}

/** Each of the platform's countries as one geometry (Crimea and northern Cyprus joined, see above), and every other country merged into one. */
export function countryGeometries(topology: Countries): { countries: Map<string, Geometry>; context: Geometry } {
  const all = topology.objects.countries.geometries;
  const byId = new Map(all.filter((g) => g.id !== undefined).map((g) => [String(g.id), g]));
  const nameOf = (g: GeometryObject | undefined): string | undefined => {
    const p: object | undefined = g?.properties;
    return p && 'name' in p && typeof p.name === 'string' ? p.name : undefined;
  };
  const byName = new Map(all.map((g) => [nameOf(g), g]));
  const find = (code: string): GeometryObject => {
    const [numeric, name] = atlasCodes[code]!;
    const g = numeric === null ? byName.get(name) : byId.get(numeric);
    if (!g || nameOf(g) !== name) throw new Error(`country map: ${code} is not ${numeric ?? ''} "${name}" in world-atlas (found "${nameOf(g)}")`);
    return g;
  };

  const russia = byId.get('643');
  const russiaParts = russia?.type === 'MultiPolygon' ? russia.arcs : [];
  const crimea = russiaParts.find((arcs) => geoContains(feature(topology, { type: 'Polygon', arcs }), CRIMEA));
  const northernCyprus = byName.get('N. Cyprus');
  if (!russia || !crimea || !northernCyprus)
    throw new Error('country map: world-atlas no longer has Crimea within Russia, or northern Cyprus apart: look again at geometry.ts');
  const joined: Record<string, GeometryObject[]> = {
    UA: [find('UA'), { type: 'Polygon', arcs: crimea }],
    CY: [find('CY'), northernCyprus],
  };

  const countries = new Map<string, Geometry>();
  const used = new Set<GeometryObject>([russia, northernCyprus]);
  for (const code of Object.keys(atlasCodes)) {
    const parts = joined[code] ?? [find(code)];
    parts.forEach((p) => used.add(p));
    countries.set(code, parts.length > 1 ? merge(topology, parts as never) : (feature(topology, parts[0]!) as Feature).geometry);
  }
  const others = all.filter((g) => !used.has(g));
  const restOfRussia: GeometryObject = { type: 'MultiPolygon', arcs: russiaParts.filter((p) => p !== crimea) };
  return { countries, context: merge(topology, [...others, restOfRussia] as never) };
}

function polygons(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
}

function inBox(p: Position[][], box: typeof REGION): boolean {
  const [lon, lat] = geoCentroid({ type: 'Polygon', coordinates: p });
  // geoArea > 2π: a ring wound the wrong way round covers the rest of the globe instead.
  return lon > box.west && lon < box.east && lat > box.south && lat < box.north && geoArea({ type: 'Polygon', coordinates: p }) < 2 * Math.PI;
}
const inRegion = (p: Position[][]) => inBox(p, REGION);

/** The polygons without those too small to see, keeping the largest (a small country is still drawn). */
function withoutSpecks(parts: { p: Position[][]; area: number }[]): MultiPolygon {
  const largest = Math.max(...parts.map((s) => s.area));
  return { type: 'MultiPolygon', coordinates: parts.filter((s) => s.area >= MIN_PART || s.area === largest).map((s) => s.p) };
}

function pathData(projection: GeoProjection, g: MultiPolygon): string {
  const writer = new PathWriter();
  geoPath(projection, writer)(g);
  return writer.data;
}

/**
 * A d3-geo path context that writes short SVG path data: points rounded to whole units, each
 * relative to the one before (`l3-1 2 4`), repeated points dropped, and rings that rounding
 * flattened to fewer than three points left out.
 */
class PathWriter implements GeoContext {
  data = '';
  /** where the pen is once the last ring written is closed: that ring's start */
  private pen: [number, number] = [0, 0];
  private ring: [number, number][] = [];

  moveTo(x: number, y: number): void {
    this.ring = [[Math.round(x), Math.round(y)]];
  }
  lineTo(x: number, y: number): void {
    const p: [number, number] = [Math.round(x), Math.round(y)];
    const last = this.ring.at(-1)!;
    if (p[0] !== last[0] || p[1] !== last[1]) this.ring.push(p);
  }
  closePath(): void {
    const ring = this.ring;
    const first = ring[0]!;
    const end = ring.at(-1)!;
    if (ring.length > 1 && end[0] === first[0] && end[1] === first[1]) ring.pop();
    if (ring.length < 3) return;
    let out = `m${pair(first[0] - this.pen[0], first[1] - this.pen[1])}l`;
    for (let i = 1; i < ring.length; i++) {
      const step = pair(ring[i]![0] - ring[i - 1]![0], ring[i]![1] - ring[i - 1]![1]);
      out += i > 1 && !step.startsWith('-') ? ` ${step}` : step;
    }
    this.data += `${out}z`;
    this.pen = first;
  }
  arc(): void {}
  beginPath(): void {}
}

const pair = (dx: number, dy: number): string => (dy < 0 ? `${dx}${dy}` : `${dx} ${dy}`);
