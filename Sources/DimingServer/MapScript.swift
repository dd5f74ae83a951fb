/// The web map's script (Leaflet from libjs-leaflet): the county map at `/map` and the mini-map of
/// a road or case page. It asks `/api/map/features` for the layers inside the view whenever the view
/// moves, draws roads coloured by status with their names, town boundaries, villages, signs and
/// POIs, and opens a road on click. Labels are Leaflet tooltips, set as text, never as HTML.
enum MapScript {
    static let source = """
        (function () {
          const colours = { unnamed: '#d33', inProcedure: '#e69500', standard: '#1a8f3c', named: '#456' };
          function text(s) { const span = document.createElement('span'); span.textContent = s; return span; }
          function setup(el) {
            const box = el.dataset.bbox.split(',').map(Number), focus = el.dataset.road || '';
            const map = L.map(el, { preferCanvas: true, zoomSnap: 0.5 });
            map.fitBounds([[box[1], box[0]], [box[3], box[2]]], { padding: [10, 10] });
            // 天地图: a vector layer and its labels, one URL template each, space-separated.
            if (el.dataset.tiles) for (const url of el.dataset.tiles.split(' ')) L.tileLayer(url, { subdomains: '01234567', maxZoom: 18, attribution: '天地图' }).addTo(map);
            const layer = L.layerGroup().addTo(map), note = document.getElementById('map-note');
            let pending = null;
            async function load() {
              const b = map.getBounds(), params = new URLSearchParams({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(v => v.toFixed(5)).join(',') });
              const town = document.getElementById('map-town'), statuses = [...document.querySelectorAll('input[name=status]:checked')].map(i => i.value);
              if (town && town.value) params.set('town', town.value);
              if (document.querySelector('input[name=status]')) params.set('status', statuses.join(','));
              if (pending) pending.abort(); pending = new AbortController();
              let data;
              try { const r = await fetch('/api/map/features?' + params, { signal: pending.signal }); data = await r.json(); if (!r.ok) throw new Error(data.error.message); }
              catch (e) { if (e.name !== 'AbortError' && note) note.textContent = '地图数据加载失败：' + e.message; return; }
              layer.clearLayers();
              if (note) note.textContent = data.truncated ? '道路较多，仅显示部分，请放大查看。' : '';
              const zoomed = map.getZoom() >= 14;
              for (const f of data.features) {
                const p = f.properties, g = f.geometry;
                if (p.layer === 'boundary') {
                  const shape = L.geoJSON(g, { style: { color: '#7a5c99', weight: 1.5, dashArray: '6 4', fill: false }, interactive: false });
                  shape.addTo(layer);
                  const c = shape.getBounds().getCenter();
                  L.tooltip({ permanent: true, direction: 'center', className: 'label town' }).setLatLng(c).setContent(text(p.label)).addTo(layer);
                } else if (p.layer === 'road') {
                  const mine = p.id === focus;
                  const line = L.geoJSON(g, { style: { color: colours[p.status] || '#456', weight: mine ? 7 : (p.status === 'unnamed' ? 4 : 3), opacity: mine || !focus ? 0.9 : 0.55 } });
                  line.bindTooltip(text(p.label), { sticky: true });
                  if (!mine) line.on('click', () => { window.location.href = p.link; });
                  line.addTo(layer);
                } else {
                  const style = { village: { radius: 4, color: '#333', fillColor: '#fff' }, sign: { radius: 5, color: '#1d4f9c', fillColor: '#1d4f9c' },
                                  poi: { radius: 5, color: '#8e44ad', fillColor: '#d7bde2' } }[p.layer] || { radius: 3 };
                  const [lon, lat] = g.coordinates, marker = L.circleMarker([lat, lon], Object.assign({ weight: 1.5, fillOpacity: 0.9 }, style));
                  marker.bindTooltip(text(p.label), { permanent: p.layer === 'village' && zoomed, direction: 'right', className: 'label' });
                  marker.addTo(layer);
                }
              }
            }
            map.on('moveend', load);
            for (const input of document.querySelectorAll('#map-town, input[name=status]')) input.addEventListener('change', load);
            load();
          }
          document.addEventListener('DOMContentLoaded', () => {
            if (typeof L === 'undefined') { for (const el of document.querySelectorAll('[data-bbox]')) el.textContent = '地图组件（libjs-leaflet）未安装。'; return; }
            for (const el of document.querySelectorAll('[data-bbox]')) setup(el);
          });
        })();
        """
}
