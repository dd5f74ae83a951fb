/// The data officer's page (数据管理): uploads with progress, the survey, divisions, deliveries.
extension Templates {
    static let data: [(String, String)] = [("data", dataPage)]

    static let dataPage = """
        <h1>数据管理</h1>{{#message}}<p class="error" id="message">{{message}}</p>{{/message}}{{#notice}}<p class="ok" id="notice">{{notice}}</p>{{/notice}}
        {{#hasCounties}}<form class="filters" method="get" action="/data"><label>县 <select name="county">{{#counties}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/counties}}</select></label><button>切换</button></form>{{/hasCounties}}
        <section class="section" id="upload-roads"><h2>导入道路</h2>
        <form class="upload" data-kind="roads" data-csrf="{{csrf}}" data-county="{{county}}">
        <p><label>道路文件 <input type="file" name="file" required accept=".osm,.gz,.pbf,.geojson,.json,.kml,.kmz,.gpx,.gpkg,.zip"></label></p>
        <p><label>来源名称 <input name="source" placeholder="如：县交通局农村公路2026" size="24"></label>
        <label>字段方案 <select name="profile">{{#importProfiles}}<option value="{{value}}">{{label}}</option>{{/importProfiles}}</select></label>
        <label>坐标系 <input name="crs" placeholder="文件未声明时填写，如 EPSG:4527" size="22"></label>
        <label><input type="checkbox" name="dryRun" value="1"> 仅试导入（不保存）</label> <label><input type="checkbox" name="allowOutside" value="1"> 允许县界外道路</label> <button>上传并导入</button></p>
        <p class="muted">支持 OSM（.osm、.osm.gz、.osm.pbf）、GeoJSON、KML/KMZ、GPX、GeoPackage，以及打包为一个 .zip 的 Shapefile（含 .shp、.shx、.dbf、.prj，属性可为 GBK）；同一来源再次导入时更新原有路段。</p>
        <progress max="100" value="0" hidden></progress><p class="status" aria-live="polite"></p><div class="report"></div></form></section>
        <section class="section" id="survey"><h2>无名路摸排</h2>
        <form method="post" action="/data/survey"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <p>把本县路段拼接为整条道路，标出无名路、起止点和途经村庄。 <button id="run-survey">运行摸排</button></p></form>
        {{#survey}}<div class="scroll"><table id="survey-report"><tr><th>县</th><th>路段</th><th>道路</th><th>有名</th><th>无名</th><th>新增</th><th>变更</th><th>注销</th></tr>
        {{#rows}}<tr><td>{{county}}</td><td>{{segments}}</td><td>{{roads}}</td><td>{{named}}</td><td>{{unnamed}}</td><td>{{added}}</td><td>{{changed}}</td><td>{{retired}}</td></tr>{{/rows}}</table></div>{{/survey}}
        </section>
        <section class="section" id="upload-divisions"><h2>导入行政区划</h2>
        <form class="upload" data-kind="divisions" data-csrf="{{csrf}}" data-county="{{county}}">
        <p><label>区划表 <input type="file" name="file" required accept=".csv,.tsv,.txt,.json,.geojson"></label> <button>上传并导入</button></p>
        <p class="muted">统计用区划代码表（CSV，含代码、名称、上级代码），可带村庄坐标。</p>
        <progress max="100" value="0" hidden></progress><p class="status" aria-live="polite"></p><div class="report"></div></form></section>
        <section class="section" id="deliveries"><h2>向地图服务商交付</h2>
        <form method="post" action="/data/deliveries"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <label>服务商 <select name="profile" id="delivery-profile">{{#profiles}}<option value="{{value}}">{{label}}</option>{{/profiles}}</select></label>
        <label>范围 <select name="since"><option value="everything">全部标准地名</option><option value="last">自上次交付以来的变更</option></select></label>
        <button id="make-delivery">生成交付</button></form>
        <div class="scroll"><table><tr><th>编号</th><th>服务商</th><th>日期</th><th>下载</th><th>回执</th></tr>
        {{#deliveries}}<tr><td>{{id}}</td><td>{{profile}}</td><td>{{date}}</td><td><a href="/data/deliveries/{{id}}.zip" download>下载 zip</a></td>
        <td>{{#acknowledged}}{{acknowledged}}{{/acknowledged}}{{^acknowledged}}<form class="inline" method="post" action="/data/deliveries/{{id}}/ack"><input type="hidden" name="csrf" value="{{csrf}}">
        <input name="by" placeholder="回执人或单位" size="10" required aria-label="回执人或单位"> <input name="note" placeholder="备注" size="10" aria-label="回执备注"> <button>记录回执</button></form>{{/acknowledged}}</td></tr>{{/deliveries}}</table></div>
        </section>
        <script nonce="{{nonce}}">
        for (const form of document.querySelectorAll('form.upload')) form.addEventListener('submit', (event) => {
          event.preventDefault();
          const file = form.querySelector('input[type=file]').files[0], bar = form.querySelector('progress'), status = form.querySelector('.status'), report = form.querySelector('.report');
          if (!file) return;
          const source = form.querySelector('input[name=source]');
          const query = new URLSearchParams({kind: form.dataset.kind, filename: file.name, county: form.dataset.county});
          if (source && source.value.trim()) query.set('source', source.value.trim());
          const crs = form.querySelector('input[name=crs]'), dry = form.querySelector('input[name=dryRun]');
          if (crs && crs.value.trim()) query.set('crs', crs.value.trim());
          const profile = form.querySelector('select[name=profile]');
          if (profile) query.set('profile', profile.value);
          if (dry && dry.checked) query.set('dryRun', '1');
          const outside = form.querySelector('input[name=allowOutside]');
          if (outside && outside.checked) query.set('allowOutside', '1');
          const xhr = new XMLHttpRequest();
          xhr.open('POST', '/api/uploads?' + query.toString());
          xhr.setRequestHeader('X-CSRF-Token', form.dataset.csrf);
          xhr.setRequestHeader('Content-Type', 'application/octet-stream');
          bar.hidden = false; bar.value = 0; report.replaceChildren(); status.className = 'status'; status.textContent = '正在上传 ' + file.name;
          xhr.upload.onprogress = (e) => { if (e.lengthComputable) { bar.value = 50 * e.loaded / e.total; status.textContent = '正在上传 ' + file.name + '：' + Math.round(100 * e.loaded / e.total) + '%'; } };
          xhr.onerror = () => { status.className = 'status error'; status.textContent = '上传失败：网络中断'; };
          xhr.onload = () => {
            let answer; try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {error: {message: '服务器没有给出可读的答复（' + xhr.status + '）'}}; }
            if (xhr.status >= 400) { status.className = 'status error'; status.textContent = file.name + '：' + answer.error.message; bar.hidden = true; return; }
            form.reset(); poll(answer.job, bar, status, report);
          };
          xhr.send(file);
        });
        function cell(row, text, header) { const c = document.createElement(header ? 'th' : 'td'); c.textContent = text; row.append(c); }
        async function poll(job, bar, status, report) {
          const r = await fetch('/api/uploads/' + encodeURIComponent(job)); const s = await r.json();
          if (!r.ok) { status.className = 'status error'; status.textContent = s.error.message; return; }
          if (s.state == 'running') {
            if (s.total > 0) bar.value = 50 + 50 * s.read / s.total;
            status.textContent = s.file + '：' + s.phase + (s.records ? '，已读 ' + s.records + ' 条' : '');
            setTimeout(() => poll(job, bar, status, report), 400); return;
          }
          bar.value = 100;
          if (s.state == 'failed') { status.className = 'status error'; status.textContent = s.file + ' 未导入：' + s.error; return; }
          status.className = 'status ok'; status.textContent = s.file + ' 导入完成';
          const rows = JSON.parse(s.report), table = document.createElement('table');
          for (const [label, value] of rows) { const tr = document.createElement('tr'); cell(tr, label, true); cell(tr, value); table.append(tr); }
          report.replaceChildren(table);
        }
        </script>
        """
}
