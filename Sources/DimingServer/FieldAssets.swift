/// The script and stylesheet of the field, public and review pages (`/assets/field.js`,
/// `/assets/field.css`), beside the site's own: Leaflet maps of a road, a sign's planned point and a
/// movable pin, the phone's geolocation for field reports and new places. Text goes into the page
/// with `textContent` only. Positions are WGS-84 throughout: the maps draw the registry's own layers
/// (no provider tiles) and browsers report geolocation in WGS-84, so nothing is converted here.
enum FieldAssets {
    static let script = """
        (function () {
          function text(s) { const span = document.createElement('span'); span.textContent = s; return span; }
          function json(s) { try { return s ? JSON.parse(s) : []; } catch (e) { return []; } }
          function note(id, s) { const el = document.getElementById(id); if (el) el.textContent = s; }
          // The browser's own error text is English and technical: say it in Chinese by its code.
          function geoError(e) {
            return ({ 1: '未允许定位（请在浏览器或手机设置中允许本网站使用位置）', 2: '无法取得位置（请到开阔处或打开 GPS 后重试）',
                      3: '定位超时（请稍后重试）' })[e && e.code] || '无法取得位置';
          }
          function metres(a, b) {  // haversine, [lon, lat] in degrees
            const r = Math.PI / 180, dLat = (b[1] - a[1]) * r, dLon = (b[0] - a[0]) * r;
            const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
            return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
          }
          // A sign's page shown again by Back (from the back-forward cache, or the HTTP cache) shows what was
          // recorded since: it is read anew, always by GET (a report's answer stands at the sign's own address).
          window.addEventListener('pageshow', e => {
            if (!document.getElementById('sign-status')) return;
            if (location.pathname.endsWith('/report')) history.replaceState(null, '', location.pathname.slice(0, -'/report'.length));
            const nav = performance.getEntriesByType ? performance.getEntriesByType('navigation')[0] : null;
            if (e.persisted || (nav && nav.type === 'back_forward')) location.replace(location.pathname);
          });
          function baseMap(el) { return L.map(el, { zoomSnap: 0.5, attributionControl: false }); }
          function road(map, line, colour) {
            if (!line.length) return null;
            return L.polyline(line.map(p => [p[1], p[0]]), { color: colour || '#1a8f3c', weight: 6, opacity: 0.85 }).addTo(map);
          }
          document.addEventListener('DOMContentLoaded', () => {
            const leaflet = typeof L !== 'undefined';
            const publicMap = document.getElementById('public-map');
            if (publicMap && leaflet) {
              const map = baseMap(publicMap), line = road(map, json(publicMap.dataset.line));
              for (const p of json(publicMap.dataset.pois)) {
                L.circleMarker([p.lat, p.lon], { radius: 7, color: '#8e44ad', fillColor: '#d7bde2', fillOpacity: 0.9 }).bindTooltip(text(p.name)).addTo(map);
              }
              if (line) map.fitBounds(line.getBounds(), { padding: [20, 20] });
            }
            for (const el of document.querySelectorAll('[data-point]')) {
              if (!leaflet) { el.textContent = '地图组件（libjs-leaflet）未安装。'; continue; }
              const [lon, lat] = el.dataset.point.split(',').map(Number), map = baseMap(el);
              road(map, json(el.dataset.line), '#456');
              map.setView([lat, lon], 17);
              L.circleMarker([lat, lon], { radius: 9, color: '#b00020', fillColor: '#ff8a80', fillOpacity: 0.9 }).bindTooltip(text('规划位置')).addTo(map);
              for (const p of json(el.dataset.near)) L.circleMarker([p.lat, p.lon], { radius: 6, color: '#8e44ad' }).bindTooltip(text(p.name)).addTo(map);
              el.mapObject = map;
            }
            const pinMap = document.getElementById('pin-map');
            if (pinMap && leaflet) {
              const lonBox = document.getElementById('lon'), latBox = document.getElementById('lat');
              let [lon, lat] = pinMap.dataset.center.split(',').map(Number);
              if (lonBox.value && latBox.value) { lon = Number(lonBox.value); lat = Number(latBox.value); }
              const map = baseMap(pinMap);
              road(map, json(pinMap.dataset.line), '#1a8f3c');
              map.setView([lat, lon], 16);
              const marker = L.marker([lat, lon], { draggable: true, autoPan: true }).addTo(map);
              function place(la, lo, why) {
                marker.setLatLng([la, lo]); lonBox.value = lo.toFixed(7); latBox.value = la.toFixed(7);
                note('pin-note', why + '：' + lo.toFixed(5) + ', ' + la.toFixed(5));
              }
              place(lat, lon, '图钉位置');
              marker.on('dragend', () => { const p = marker.getLatLng(); place(p.lat, p.lng, '已移动图钉'); });
              map.on('click', e => place(e.latlng.lat, e.latlng.lng, '已放置图钉'));
              const locate = document.getElementById('locate');
              if (locate) locate.addEventListener('click', () => {
                if (!navigator.geolocation) { note('pin-note', '此浏览器不能定位，请拖动图钉。'); return; }
                note('pin-note', '正在定位…');
                navigator.geolocation.getCurrentPosition(p => { place(p.coords.latitude, p.coords.longitude, '已定位'); map.setView(marker.getLatLng(), 17); },
                  e => note('pin-note', geoError(e) + '，请拖动图钉到地点位置。'), { enableHighAccuracy: true, timeout: 10000 });
              });
            }
            const report = document.getElementById('report');
            if (report) {
              // 已安装 and 更换 set a plate up: with no position, no photo or beyond the tolerance the crew
              // confirms first and writes why (saved as the note); other reports go at once.
              const buttons = [...report.querySelectorAll('.report-button')], panel = document.getElementById('confirm');
              const box = id => document.getElementById(id);
              let needsReason = false;
              const busy = on => { for (const b of buttons) b.disabled = on; };
              const send = () => report.submit();
              function check(status) {
                if (!panel || (status !== 'installed' && status !== 'replaced')) { send(); return; }
                const issues = [], planned = report.dataset.planned.split(',').map(Number), tolerance = Number(report.dataset.tolerance);
                needsReason = false;
                if (!box('lon').value) issues.push('没有取得定位，无法核对安装位置。');
                else {
                  const d = metres([Number(box('lon').value), Number(box('lat').value)], planned);
                  if (d > tolerance) { needsReason = true; issues.push('距规划位置约 ' + Math.round(d) + ' 米，超出允许偏差（' + tolerance + ' 米）：请写明原因。'); }
                }
                if (!box('photo').files.length) issues.push('没有现场照片。');
                if (!issues.length) { send(); return; }
                const list = box('confirm-issues');
                list.replaceChildren(...issues.map(s => { const li = document.createElement('li'); li.textContent = s; return li; }));
                box('confirm-notes').value = box('notes').value;
                note('confirm-hint', '');
                panel.hidden = false;
                panel.scrollIntoView({ block: 'center' });
                box('confirm-notes').focus();
              }
              for (const button of buttons) button.addEventListener('click', () => {
                box('status').value = button.dataset.status;
                box('lon').value = ''; box('lat').value = '';
                busy(true);
                if (!navigator.geolocation) { note('geo-note', '此浏览器不能定位，仅提交照片和状态。'); check(button.dataset.status); return; }
                note('geo-note', '正在读取定位…');
                navigator.geolocation.getCurrentPosition(p => {
                  box('lon').value = p.coords.longitude.toFixed(7); box('lat').value = p.coords.latitude.toFixed(7);
                  note('geo-note', '已定位。'); check(button.dataset.status);
                }, e => { note('geo-note', geoError(e) + '，仅提交照片和状态。'); check(button.dataset.status); }, { enableHighAccuracy: true, timeout: 10000 });
              });
              if (panel) {
                box('confirm-send').addEventListener('click', () => {
                  const why = box('confirm-notes').value.trim();
                  if (needsReason && !why) { note('confirm-hint', '请先写明原因。'); box('confirm-notes').focus(); return; }
                  box('notes').value = why;
                  box('confirm-send').disabled = true;
                  send();
                });
                box('confirm-cancel').addEventListener('click', () => {
                  panel.hidden = true; busy(false); box('lon').value = ''; box('lat').value = '';
                  note('geo-note', '提交时读取手机定位。');
                });
              }
            }
          });
        })();
        """

    static let css = """
        .chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 12px; }
        .chip { padding: 4px 10px; border: 1px solid #c9d2de; border-radius: 14px; text-decoration: none; color: #1b1f23; }
        .chip.on { background: var(--blue); color: #fff; border-color: var(--blue); }
        .cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
        .cards a { display: block; padding: 10px 12px; border: 1px solid #dde1e6; border-radius: 8px; text-decoration: none; color: inherit; }
        .tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .85em; background: #e7ecf3; }
        .tag.installed, .tag.inspected, .tag.replaced { background: #d9f2e1; } .tag.damaged, .tag.missing { background: #fde2e1; }
        .face { width: 100%; max-width: 720px; display: block; margin: 10px 0; border-radius: 6px; }
        .pin-map { width: 100%; height: 280px; border: 1px solid #ccc; background: #f4f3ee; margin: 8px 0; }
        .pin-map.small { height: 200px; }
        .public-map { width: 100%; height: 320px; border: 1px solid #ccc; background: #f4f3ee; margin: 10px 0; }
        .button, .actions button, .report button { display: inline-block; padding: 10px 14px; border-radius: 6px; border: 1px solid var(--blue); background: var(--blue); color: #fff; text-decoration: none; font-size: 1em; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; } .actions input { flex: 1 1 140px; }
        form.report label { display: block; margin: 8px 0; } form.report input:not([type=hidden]), form.report select { display: block; width: 100%; margin-top: 2px; padding: 8px; }
        .notice { padding: 10px 12px; border-radius: 6px; background: #e7ecf3; margin: 10px 0; } .notice.ok { background: #d9f2e1; } .notice.warn { background: #fff3cd; }
        .public h1 { font-size: 2em; margin-bottom: 0; } .public .pinyin { font-family: "DejaVu Sans", "Noto Sans", sans-serif; } .signform { letter-spacing: .12em; color: #444; margin-top: 0; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; } dl.facts dt { color: #666; } dl.facts dd { margin: 0; }
        .review { border: 1px solid #dde1e6; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
        .review-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; } .storefront { max-width: 100%; max-height: 200px; border-radius: 4px; } .field-photo { max-width: 120px; max-height: 90px; vertical-align: middle; border-radius: 4px; }
        ul.plain { list-style: none; padding: 0; } ul.plain li { padding: 4px 0; border-top: 1px solid #eee; }
        .actions button:disabled, .report button:disabled { opacity: .5; } #confirm[hidden] { display: none; } #confirm ul { margin: 6px 0; padding-left: 1.2em; } #confirm-cancel { background: #fff; color: var(--blue); }
        @media (max-width: 760px) {
          main p > a:not(.button) { display: inline-block; min-height: 40px; line-height: 40px; } .chip { padding: 9px 12px; border-radius: 20px; }
          .actions button, .report button, .button { min-height: 44px; }
        }
        @media (max-width: 760px) { .review-grid { grid-template-columns: 1fr; } .cards { grid-template-columns: 1fr; } .public h1 { font-size: 1.7em; } }
        """
}
