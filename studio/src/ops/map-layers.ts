/**
 * The layers of the county map, with Leaflet: township, village and grid boundaries as GeoJSON
 * (no tiles unless the county names its own tile URL), grids filled by their open events and
 * outlined red when they hold red ones, and the events as clustered markers
 * (leaflet.markercluster). The map is made once; later calls restyle the grids and replace the
 * markers. Clicks navigate: a marker to its event, a grid to its open events in the worklist.
 */
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { MapData } from '../api/command-client';
import { navigate } from '../router/router';
import { worklistHref } from './drill-links';

export interface BoundaryProperties {
  unit: string;
  kind: 'township' | 'village' | 'grid';
  parent: string | null;
}

export type Boundaries = FeatureCollection<Geometry, BoundaryProperties> & { tileUrl?: string };

export interface MapNames {
  unit: (id: string) => string;
  category: (code: string) => string;
  state: (id: string) => string;
  counts: (open: number, red: number) => string;
  atGrid: string;
}

export interface DrawnMap {
  map: L.Map;
  grids: L.GeoJSON<BoundaryProperties>;
  clusters: L.MarkerClusterGroup;
}

/** Blues by the number of open events in a grid (none: almost white). */
function fillOf(open: number): string {
  if (open === 0) return '#f5f8ff';
  if (open <= 2) return '#bae0ff';
  if (open <= 5) return '#69b1ff';
  return '#1668dc';
}

/** Tooltips are HTML: names from the config go in as text. */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const kindOf = (f: Feature<Geometry, BoundaryProperties> | undefined) => f?.properties.kind;

function makeMap(container: HTMLElement, boundaries: Boundaries, names: MapNames): DrawnMap {
  const map = L.map(container, { zoomSnap: 0.25, maxZoom: 18, attributionControl: false });
  if (boundaries.tileUrl) L.tileLayer(boundaries.tileUrl, { maxZoom: 19 }).addTo(map);
  const byKind = (kind: BoundaryProperties['kind']) => ({ ...boundaries, features: boundaries.features.filter((f) => f.properties.kind === kind) });
  const grids = L.geoJSON<BoundaryProperties>(byKind('grid'), {
    style: () => ({ color: '#8c8c8c', weight: 1, fillOpacity: 0.65, fillColor: fillOf(0) }),
    onEachFeature: (feature, layer) => {
      layer.on('click', () => navigate(worklistHref({ grid: feature.properties.unit, closed: 'false' })));
    },
  }).addTo(map);
  L.geoJSON<BoundaryProperties>(byKind('village'), { interactive: false, style: () => ({ color: '#595959', weight: 1.5, fill: false, dashArray: '4 3' }) }).addTo(map);
  const townships = L.geoJSON<BoundaryProperties>(byKind('township'), { interactive: false, style: () => ({ color: '#1f1f1f', weight: 2.5, fill: false }) }).addTo(map);
  townships.eachLayer((layer) => {
    const feature = (layer as L.Polygon).feature as Feature<Geometry, BoundaryProperties> | undefined;
    if (kindOf(feature) === 'township' && feature) layer.bindTooltip(escape(names.unit(feature.properties.unit)), { permanent: true, direction: 'center', className: 'township-label' });
  });
  const clusters = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(clusters);
  const all = L.geoJSON(boundaries);
  map.fitBounds(all.getBounds(), { padding: [8, 8] });
  return { map, grids, clusters };
}

/** Draws the map in `container` (or updates `previous`) with the figures in `data`. */
export function drawMap(container: HTMLElement, boundaries: Boundaries, data: MapData | null, names: MapNames, previous: DrawnMap | null): DrawnMap {
  const drawn = previous && previous.map.getContainer() === container ? previous : makeMap(container, boundaries, names);
  const counts = new Map((data?.grids ?? []).map((g) => [g.grid, g]));
  drawn.grids.eachLayer((layer) => {
    const feature = (layer as L.Polygon).feature as Feature<Geometry, BoundaryProperties>;
    const c = counts.get(feature.properties.unit);
    const open = c?.open ?? 0;
    const red = c?.red ?? 0;
    (layer as L.Path).setStyle({ fillColor: fillOf(open), color: red > 0 ? '#cf1322' : '#8c8c8c', weight: red > 0 ? 2.5 : 1 });
    layer.unbindTooltip();
    layer.bindTooltip(`${escape(names.unit(feature.properties.unit))}<br>${escape(names.counts(open, red))}`, { sticky: true });
  });
  drawn.clusters.clearLayers();
  const markers = (data?.points ?? []).map((p) => {
    const marker = L.marker([p.lat, p.lng], {
      icon: L.divIcon({ className: `event-dot${p.red ? ' event-dot-red' : ''}`, iconSize: [14, 14], html: `<span data-event="${escape(p.id)}"></span>` }),
      title: names.category(p.category),
    });
    marker.bindTooltip(`${escape(names.category(p.category))} · ${escape(names.state(p.state))}${p.placed === 'grid' ? `<br>${escape(names.atGrid)}` : ''}`);
    marker.on('click', () => navigate(`/events/${p.id}`));
    return marker;
  });
  drawn.clusters.addLayers(markers);
  return drawn;
}
