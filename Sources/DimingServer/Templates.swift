/// The web pages' Mustache templates (Simplified Chinese; no external resources, works offline).
///
/// Every value reaches the page through `{{…}}`, which escapes it; the only raw insertion is the
/// layout's `{{{content}}}`, itself the output of these templates. Charts and the map are drawn by
/// the templates too, and the page's scripts put text into the page with `textContent`, never as HTML.
enum Templates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · 地名登记</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 0; color: #1b1f23; background: #f5f6f8; }
        header { background: #1d4f9c; color: #fff; padding: 10px 20px; display: flex; gap: 18px; align-items: center; }
        header a { color: #fff; text-decoration: none; } header .who { margin-left: auto; }
        main { max-width: 1100px; margin: 20px auto; background: #fff; padding: 20px 28px; border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; }
        .error { color: #b00020; } .warning { color: #a15c00; } .info { color: #555; } .ok { color: #11762c; }
        .finding { padding: 4px 0; } input, select, button { font: inherit; padding: 4px 8px; } form.inline { display: inline; }
        .pinyin { font-size: 1.3em; letter-spacing: .05em; } .muted { color: #777; } svg.map { width: 100%; height: 560px; border: 1px solid #ccc; background: #fbfbf6; cursor: grab; }
        </style></head><body>
        <header><strong>地名登记 Diming</strong>{{#user}}<a href="/">概况</a><a href="/map">地图</a><a href="/backlog">无名路</a><a href="/cases">案卷</a><a href="/batches">批次</a><a href="/pois">兴趣点</a>
        <span class="who">{{displayName}}（{{roleName}}）<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button>退出</button></form></span>{{/user}}</header>
        <main>{{{content}}}</main></body></html>
        """

    static let login = """
        <h1>登录</h1>{{#error}}<p class="error">{{error}}</p>{{/error}}
        <form method="post" action="/login"><p><label>用户名 <input name="username" id="username" autofocus></label></p>
        <p><label>密码 <input name="password" id="password" type="password"></label></p><p><button id="login">登录</button></p></form>
        """

    static let dashboard = """
        <h1>{{county}} 乡村地名工作概况</h1>
        <table><tr><th>乡镇</th><th>已摸排道路</th><th>无名路</th><th>办理中</th><th>标准地名</th><th>已设标</th><th>逾期备案公告</th></tr>
        {{#towns}}<tr><td>{{name}}</td><td>{{roads}}</td><td>{{unnamed}}</td><td>{{inProcedure}}</td><td>{{standard}}</td><td>{{signed}}</td><td>{{late}}</td></tr>{{/towns}}</table>
        <h2>各乡镇无名路</h2><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {{chartHeight}}" style="width: 100%; max-width: 640px" role="img">{{#bars}}<text x="0" y="{{textY}}" font-size="14">{{name}}</text><rect x="150" y="{{barY}}" width="{{width}}" height="18" fill="#d33"/><text x="{{countX}}" y="{{textY}}" font-size="13">{{count}}</text>{{/bars}}</svg>
        """

    static let backlog = """
        <h1>无名路清单</h1><p class="muted">共 {{count}} 条</p>
        <table><tr><th>编号</th><th>暂定名称</th><th>走向</th><th>长度</th><th>起止</th></tr>
        {{#roads}}<tr><td><a href="/roads/{{id}}">{{id}}</a></td><td>{{workingName}}</td><td>{{direction}}</td><td>{{length}} 米</td><td>起于{{start}}，止于{{end}}</td></tr>{{/roads}}</table>
        """

    static let road = """
        <h1>{{title}}</h1><p>{{span}}；{{direction}}走向，长 {{length}} 米。{{#villages}}途经：{{villages}}{{/villages}}</p>
        {{#canPropose}}<h2>拟定名称</h2>
        <form method="post" action="/roads/{{id}}/propose" id="propose" data-road="{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>名称 <input name="name" id="name" autocomplete="off"></label> <label>申请人 <input name="applicant" id="applicant" value="村民委员会"></label>
        <button id="submit-name">提交拟名</button></p>
        <p><label>含义 <input name="meaning" id="meaning" size="40"></label> <label>理由 <input name="reasons" id="reasons" size="40"></label></p></form>
        <div id="check"><p class="muted">输入名称后即时显示专名、通名、拼音和规则检查结果。</p></div>
        <script nonce="{{nonce}}">
        const box = document.getElementById('name'), out = document.getElementById('check'), road = document.getElementById('propose').dataset.road; let timer;
        const levels = {error: '错误', warning: '警告', info: '提示'};
        // Builds an element whose text is set with textContent: a typed name or a finding is never parsed as HTML.
        function node(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
        box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(async () => {
          const name = box.value.trim();
          if (!name) { out.replaceChildren(); return; }
          const r = await fetch('/api/names/check?road=' + encodeURIComponent(road) + '&name=' + encodeURIComponent(name));
          const c = await r.json(); if (!r.ok) { out.textContent = c.error.message; return; }
          const p = c.romanization.parsed, parts = node('p');
          parts.append(node('span', '', '专名 '), node('b', '', p.specific), node('span', '', ' · 通名 '), node('b', '', p.generic));
          const shown = [parts, node('p', 'pinyin', c.romanization.toned + ' · ' + c.romanization.sign)];
          if (c.findings.length == 0) shown.push(node('p', 'ok', '符合全部命名规则'));
          for (const f of c.findings) shown.push(node('div', 'finding ' + f.severity, '【' + (levels[f.severity] || f.severity) + '】' + f.message));
          out.replaceChildren(...shown); }, 250); });
        </script>{{/canPropose}}
        <p><a href="/signs/preview?name={{previewName}}">路牌样式预览</a></p>
        {{#cases}}<h2>案卷</h2><ul>{{#list}}<li><a href="/cases/{{id}}">{{id}}</a> {{name}}（{{state}}）</li>{{/list}}</ul>{{/cases}}
        """

    static let cases = """
        <h1>命名案卷</h1><table><tr><th>编号</th><th>拟定名称</th><th>类型</th><th>状态</th><th>道路</th></tr>
        {{#cases}}<tr><td><a href="/cases/{{id}}">{{id}}</a></td><td>{{name}}</td><td>{{kind}}</td><td>{{state}}</td><td>{{road}}</td></tr>{{/cases}}</table>
        """

    static let caseDetail = """
        <h1>{{name}} <span class="pinyin">{{toned}}</span></h1>
        <p>案卷 {{id}} · {{kind}} · 当前状态：<b id="state">{{state}}</b> · 申请人 {{applicant}}</p><p>{{location}}</p>
        {{#approval}}<p>批准：{{approval}}</p>{{/approval}}
        <h2>办理记录</h2><table><tr><th>时间</th><th>经办人</th><th>事项</th><th>状态</th><th>文号</th></tr>
        {{#timeline}}<tr><td>{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{change}}</td><td>{{document}}</td></tr>{{/timeline}}</table>
        {{#actions.count}}<h2>下一步</h2>{{/actions.count}}
        {{#actions}}<form method="post" action="/cases/{{id}}/advance" class="action" id="to-{{to}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="to" value="{{to}}">
        <b>{{label}}</b> {{#scope}}<input name="consultationScope" placeholder="征求意见范围" value="沿线村民">{{/scope}}{{#reason}}<input name="reason" placeholder="理由">{{/reason}}
        {{#assess}}<input name="assessment" id="assessment-{{to}}" placeholder="综合评估结论"> <input name="assessmentReport" placeholder="评估报告文号">{{/assess}}
        {{#notice}}<input name="channel" value="县政府网站">{{/notice}}{{#approve}}<input name="authority" value="{{approver}}"> <input name="document" placeholder="批复文号" id="document"> <input name="date" value="{{defaultDate}}" id="date">{{/approve}}
        <button id="do-{{to}}">{{label}}</button></form>{{/actions}}
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        """

    static let batches = """
        <h1>审批批次</h1><table><tr><th>编号</th><th>名称</th><th>案卷数</th><th>批复</th></tr>
        {{#batches}}<tr><td><a href="/batches/{{id}}">{{id}}</a></td><td>{{title}}</td><td>{{count}}</td><td>{{approval}}</td></tr>{{/batches}}</table>
        """

    static let batch = """
        <h1>{{title}}</h1><p>批次 {{id}} · {{approval}}</p>
        <p>文书：{{#documents}}<a href="/batches/{{id}}/documents/{{kind}}">{{label}}</a> {{/documents}}</p>
        <table><tr><th>案卷</th><th>名称</th><th>状态</th></tr>{{#cases}}<tr><td><a href="/cases/{{id}}">{{id}}</a></td><td>{{name}}</td><td>{{state}}</td></tr>{{/cases}}</table>
        {{#canApprove}}<h2>整批批准</h2><form method="post" action="/batches/{{id}}/approve"><input type="hidden" name="csrf" value="{{csrf}}">
        <input name="authority" value="{{approver}}"> <input name="document" placeholder="批复文号"> <input name="date" value="{{today}}"> <button>批准本批次</button></form>{{/canApprove}}
        {{#message}}<p class="error">{{message}}</p>{{/message}}
        """

    static let pois = """
        <h1>兴趣点审核</h1><p class="muted">{{count}} 个待审核</p>
        <table><tr><th>编号</th><th>名称</th><th>类别</th><th>来源</th><th>疑似重复</th><th>审核</th></tr>
        {{#items}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{category}}</td><td>{{source}}</td><td>{{duplicates}}</td>
        <td><form class="inline" method="post" action="/pois/{{id}}/review"><input type="hidden" name="csrf" value="{{csrf}}"><button name="decision" value="accept">接受</button>
        <input name="reason" placeholder="驳回理由" size="10"><button name="decision" value="reject">驳回</button></form></td></tr>{{/items}}</table>
        """

    static let map = """
        <h1>{{county}} 道路地图</h1><p><span style="color:#d33">■ 无名路</span> <span style="color:#e69500">■ 办理中</span> <span style="color:#1a8f3c">■ 标准地名</span> <span style="color:#456">■ 其他已命名道路</span> ● 村庄 ◆ 地名标志</p>
        <svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="{{viewBox}}">{{#empty}}<text x="10" y="50">尚无道路</text>{{/empty}}
        {{#roads}}<a href="/roads/{{id}}"><polyline points="{{points}}" fill="none" stroke="{{colour}}" stroke-width="{{width}}"><title>{{label}}</title></polyline></a>{{/roads}}
        {{#villages}}<circle cx="{{x}}" cy="{{y}}" r="3" fill="#333"><title>{{label}}</title></circle>{{/villages}}
        {{#signs}}<rect x="{{x}}" y="{{y}}" width="5" height="5" fill="#1d4f9c" transform="rotate(45 {{x}} {{y}})"><title>{{label}}</title></rect>{{/signs}}
        </svg>
        <script nonce="{{nonce}}">
        const svg = document.querySelector('svg.map'); let vb = svg.viewBox.baseVal, drag = null;
        svg.addEventListener('wheel', e => { e.preventDefault(); const k = e.deltaY > 0 ? 1.15 : 0.87;
          const r = svg.getBoundingClientRect(), x = vb.x + (e.clientX - r.left) / r.width * vb.width, y = vb.y + (e.clientY - r.top) / r.height * vb.height;
          vb.x = x - (x - vb.x) * k; vb.y = y - (y - vb.y) * k; vb.width *= k; vb.height *= k; });
        svg.addEventListener('mousedown', e => drag = [e.clientX, e.clientY]); window.addEventListener('mouseup', () => drag = null);
        svg.addEventListener('mousemove', e => { if (!drag) return; const r = svg.getBoundingClientRect();
          vb.x -= (e.clientX - drag[0]) / r.width * vb.width; vb.y -= (e.clientY - drag[1]) / r.height * vb.height; drag = [e.clientX, e.clientY]; });
        </script>
        """
}
