/// The web pages' Mustache templates (Simplified Chinese; no external resources, works offline).
///
/// Every value reaches the page through `{{…}}`, which escapes it; the only raw insertion is the
/// layout's `{{{content}}}`, itself the output of these templates. Charts and the map are drawn by
/// the templates too, and the page's scripts put text into the page with `textContent`, never as HTML.
enum Templates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · 地名登记</title><link rel="stylesheet" href="/assets/site.css">
        {{#leaflet}}<link rel="stylesheet" href="/assets/leaflet/leaflet.css"><script src="/assets/leaflet/leaflet.js" defer></script><script src="/assets/map.js" defer></script>{{/leaflet}}
        <script src="/assets/site.js" defer></script></head><body>
        <header><a href="/"><strong>地名登记</strong></a>{{#user}}<button class="menu-button" aria-expanded="false" aria-controls="nav">菜单</button>
        <nav id="nav" aria-label="主导航"><a href="/">待办</a><a href="/map">地图</a><a href="/backlog">无名路</a><a href="/cases">案卷</a><a href="/batches">批次</a>{{#reviewsPOIs}}<a href="/pois">兴趣点</a>{{/reviewsPOIs}}<a href="/field">路牌</a>{{#isAdmin}}<a href="/data">数据</a><a href="/admin/users">管理</a>{{/isAdmin}}
        <span class="who">{{displayName}}（{{roleName}}）<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button>退出</button></form></span></nav>{{/user}}</header>
        <main>{{{content}}}</main></body></html>
        """

    static let login = """
        <h1>登录</h1>{{#error}}<p class="error">{{error}}</p>{{/error}}
        <form method="post" action="/login">{{#next}}<input type="hidden" name="next" value="{{next}}">{{/next}}<p><label>用户名 <input name="username" id="username" autofocus></label></p>
        <p><label>密码 <input name="password" id="password" type="password"></label></p><p><button id="login">登录</button></p></form>
        """

    static let dashboard = """
        <h2>{{county}} 乡村地名工作概况</h2>
        <table><tr><th>乡镇</th><th>已摸排道路</th><th>无名路</th><th>办理中</th><th>标准地名</th><th>已设标</th><th>逾期备案公告</th></tr>
        {{#towns}}<tr><td>{{name}}</td><td>{{roads}}</td><td>{{unnamed}}</td><td>{{inProcedure}}</td><td>{{standard}}</td><td>{{signed}}</td><td>{{late}}</td></tr>{{/towns}}</table>
        <h3>各乡镇无名路</h3><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {{chartHeight}}" style="width: 100%; max-width: 640px" role="img">{{#bars}}<text x="0" y="{{textY}}" font-size="14">{{name}}</text><rect x="150" y="{{barY}}" width="{{width}}" height="18" fill="#d33"/><text x="{{countX}}" y="{{textY}}" font-size="13">{{count}}</text>{{/bars}}</svg>
        """

    static let backlog = """
        <h1>无名路清单</h1>
        <form class="filters" method="get" action="/backlog" role="search"><label>搜索 <input name="q" value="{{q}}" placeholder="名称、拼音或首字母"></label>
        <label>乡镇 <select name="town"><option value="">全部</option>{{#towns}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/towns}}</select></label>
        <label>等级 <select name="class"><option value="">全部</option>{{#classes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/classes}}</select></label>
        <label>最短 <input name="min" value="{{min}}" size="5" inputmode="numeric"> 米</label><button>筛选</button> <a href="{{export}}">导出Excel</a></form>
        <p class="muted">共 {{total}} 条</p>
        <table><tr><th>编号</th><th>暂定名称</th><th>等级</th><th>走向</th><th>长度</th><th>起止</th></tr>
        {{#roads}}<tr><td><a href="/roads/{{id}}">{{id}}</a></td><td>{{workingName}}</td><td>{{roadClass}}</td><td>{{direction}}</td><td>{{length}} 米</td><td>起于{{start}}，止于{{end}}</td></tr>{{/roads}}</table>
        {{> paging}}
        """

    static let paging = """
        <nav class="pages" aria-label="分页">{{#previous}}<a href="{{previous}}" rel="prev">上一页</a>{{/previous}}<span>第 {{page}} / {{pages}} 页</span>{{#next}}<a href="{{next}}" rel="next">下一页</a>{{/next}}</nav>
        """

    static let road = """
        <h1>{{title}}</h1><p>{{span}}；{{direction}}走向，长 {{length}} 米。{{#villages}}途经：{{villages}}{{/villages}}</p>
        {{#bbox}}<div class="minimap" data-bbox="{{bbox}}" data-road="{{id}}"{{#tiles}} data-tiles="{{tiles}}"{{/tiles}} role="region" aria-label="道路位置图"></div>{{/bbox}}
        {{#canPropose}}<h2>拟定名称</h2>
        <form method="post" action="/roads/{{id}}/propose" id="propose" data-road="{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
        {{#hasSuggestions}}<p>推荐名称：{{#suggestions}}<button type="button" class="suggestion" data-name="{{name}}">{{name}}</button> {{/suggestions}}</p>{{/hasSuggestions}}
        <div class="fields"><label>名称 <input name="name" id="name" autocomplete="off" required value="{{typed_name}}"></label> <label>申请人 <input name="applicant" id="applicant" list="applicants" value="{{typed_applicant}}"></label></div>
        <datalist id="applicants">{{#applicants}}<option value="{{name}}">{{/applicants}}</datalist>
        <div id="check" aria-live="polite"><p class="muted">输入名称后即时显示专名、通名、拼音和规则检查结果。</p></div>
        <div class="fields"><label>含义 <input name="meaning" id="meaning" value="{{typed_meaning}}"></label> <label>来历 <input name="origin" id="origin" value="{{typed_origin}}"></label> <label class="wide">理由 <input name="reasons" id="reasons" value="{{typed_reasons}}"></label></div>
        <p><button id="submit-name">提交拟名</button> <span class="muted">含义、来历、理由申报前须填写</span></p></form>
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        <script nonce="{{nonce}}">
        const box = document.getElementById('name'), out = document.getElementById('check'), road = document.getElementById('propose').dataset.road; let timer;
        const levels = {error: '错误', warning: '警告', info: '提示'};
        // Builds an element whose text is set with textContent: a typed name or a finding is never parsed as HTML.
        function node(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
        for (const b of document.querySelectorAll('button.suggestion')) b.addEventListener('click', () => { box.value = b.dataset.name; box.dispatchEvent(new Event('input')); box.focus(); });
        box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(async () => {
          const name = box.value.trim();
          // The sign preview shows the name being proposed.
          const preview = document.getElementById('sign-preview');
          if (name) { preview.href = '/signs/preview?name=' + encodeURIComponent(name) + '&road=' + encodeURIComponent(road); preview.parentElement.hidden = false; }
          if (!name) { out.replaceChildren(); return; }
          const r = await fetch('/api/names/check?road=' + encodeURIComponent(road) + '&name=' + encodeURIComponent(name));
          const c = await r.json(); if (!r.ok) { out.textContent = c.error.message; return; }
          const p = c.romanization.parsed, parts = node('p');
          parts.append(node('span', '', '专名 '), node('b', '', p.specific), node('span', '', ' · 通名 '), node('b', '', p.generic));
          const shown = [parts, node('p', 'pinyin', c.romanization.toned + ' · ' + c.romanization.sign)];
          if (c.findings.length == 0) shown.push(node('p', 'ok', '符合全部命名规则'));
          for (const f of c.findings) shown.push(node('div', 'finding ' + f.severity, '【' + (levels[f.severity] || f.severity) + '】' + f.message));
          if (c.readings && c.readings.length) shown.push(readingChoices(name, c.readings));
          out.replaceChildren(...shown); }, 250); });
        // Polyphonic characters the hint names: pick the reading and confirm it for this name (kept in
        // the registry). Each list starts on the reading shown, so confirming it unchanged keeps the pinyin.
        function readingChoices(name, readings) {
          const box = node('div', 'readings');
          box.id = 'readings';
          for (const { character, current, options } of readings) {
            const label = node('label', '', character + ' 读 '), select = node('select'), button = node('button', '', '确认读音');
            select.dataset.character = character;
            for (const o of options) { const option = node('option', '', o); option.value = o; select.append(option); }
            select.value = current;
            button.type = 'button'; button.className = 'confirm-reading';
            button.addEventListener('click', async () => {
              const csrf = document.querySelector('#propose input[name=csrf]').value;
              const answer = await fetch('/api/names/readings', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
                body: JSON.stringify({ name: name, character: character, pinyin: select.value, road: road }) });
              const result = await answer.json();
              if (!answer.ok) { box.append(node('p', 'error', result.error.message)); return; }
              box.dispatchEvent(new Event('confirmed')); document.getElementById('name').dispatchEvent(new Event('input'));
            });
            label.append(select); box.append(label, button, node('span', '', ' '));
          }
          return box;
        }
        </script>{{/canPropose}}
        <p{{^previewName}} hidden{{/previewName}}><a id="sign-preview" href="/signs/preview?name={{previewName}}&amp;road={{id}}">路牌样式预览</a></p>
        {{#cases}}<h2>案卷</h2><ul>{{#list}}<li><a href="/cases/{{id}}">{{id}}</a> {{name}}（{{state}}）</li>{{/list}}</ul>{{/cases}}
        """

    static let cases = """
        <h1>命名案卷</h1>
        <form class="filters" method="get" action="/cases" role="search"><label>搜索 <input name="q" value="{{q}}" placeholder="名称、拼音或首字母"></label>
        <label>乡镇 <select name="town"><option value="">全部</option>{{#towns}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/towns}}</select></label>
        <label>状态 <select name="state"><option value="">全部</option>{{#states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/states}}</select></label>
        <label>类型 <select name="kind"><option value="">全部</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        <button>筛选</button> <a href="{{export}}">导出Excel</a></form>
        <p class="muted">共 {{total}} 件</p>
        <table><tr><th>编号</th><th>拟定名称</th><th>类型</th><th>状态</th><th>道路</th></tr>
        {{#cases}}<tr><td><a href="/cases/{{id}}">{{id}}</a></td><td>{{name}}</td><td>{{kind}}</td><td>{{state}}</td><td>{{road}}</td></tr>{{/cases}}</table>
        {{> paging}}
        """

    static let caseDetail = """
        <h1>{{name}} <span class="pinyin">{{toned}}</span></h1>
        <p>案卷 {{id}} · {{kind}} · 当前状态：<b id="state">{{state}}</b> · 申请人 {{applicant}}</p><p>{{location}}</p>
        {{#minimap}}<div class="minimap" data-bbox="{{bbox}}" data-road="{{road}}"{{#tiles}} data-tiles="{{tiles}}"{{/tiles}} role="region" aria-label="道路位置图"></div>{{/minimap}}
        {{#approval}}<p>批准：{{approval}}</p>{{/approval}}{{#heritage}}<p class="warning" id="heritage">受保护地名：{{heritage}}</p>{{/heritage}}
        <h2>卷宗</h2><table class="dossier"><tr><th>含义</th><td>{{meaning}}</td></tr><tr><th>来历</th><td>{{origin}}</td></tr><tr><th>理由</th><td>{{reasons}}</td></tr>
        {{#consultation}}<tr><th>征求意见</th><td>范围：{{scope}}{{#opinions}}<br>{{from}}：{{text}}（{{handling}}）{{/opinions}}</td></tr>{{/consultation}}
        {{#expertReview}}<tr><th>专家论证</th><td>{{experts}}：{{conclusion}}</td></tr>{{/expertReview}}
        {{#assessmentDone}}<tr><th>综合评估</th><td>{{assessmentDone}}</td></tr>{{/assessmentDone}}
        {{#noticeDone}}<tr><th>公示</th><td>{{channel}}，{{start}} 至 {{end}}</td></tr>{{/noticeDone}}
        {{#hasAttachments}}<tr><th>附件</th><td>{{#attachments}}<a href="/cases/{{caseID}}/attachments/{{sha256}}">{{name}}</a>（{{step}}，{{sha}}）<br>{{/attachments}}</td></tr>{{/hasAttachments}}
        {{#hasBreaches}}<tr><th>逾期</th><td class="error" id="breaches">{{#breaches}}{{kind}}应于 {{due}} 前完成，{{done}} 办理，逾期 {{days}} 天<br>{{/breaches}}</td></tr>{{/hasBreaches}}</table>
        <p class="muted">文书：{{#documents}}<a href="/batches/{{owner}}/documents/{{kind}}">{{label}}</a>（<a href="/batches/{{owner}}/documents/{{kind}}.pdf">PDF</a>） {{/documents}}</p>
        {{#canAttach}}<form method="post" action="/cases/{{caseID}}/attachments" enctype="multipart/form-data" class="filters" id="attach-form"><input type="hidden" name="csrf" value="{{csrf}}"><b>上传附件</b>
        <label>材料 <select name="step">{{#steps}}<option>{{.}}</option>{{/steps}}</select></label> <label>文件 <input type="file" name="file" id="attachment-file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" required></label>
        <button id="attach">上传</button> <span class="muted">PDF、JPEG 或 PNG，不超过 20 MB</span></form>{{/canAttach}}
        {{#canAmend}}<details id="amend"><summary>补正申请内容</summary><form method="post" action="/cases/{{caseID}}/amend"><input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>含义 <input name="meaning" value="{{meaning}}" size="40"></label></p><p><label>来历 <input name="origin" value="{{origin}}" size="40"></label></p>
        <p><label>理由 <input name="reasons" value="{{reasons}}" size="40"></label></p><p><label>位置描述 <input name="location" value="{{location}}" size="40"></label></p>
        <p><button id="do-amend">保存补正</button></p></form></details>{{/canAmend}}
        {{#noticeDone}}{{#hasObjections}}<h2>公示异议</h2><ul class="plain">{{#objections}}<li id="objection-{{number}}">第 {{number}} 条 · {{raised}} · {{from}}：{{text}}
        {{^open}}<br><span class="ok">已处理：{{handling}}</span>{{/open}}{{#open}}<form method="post" action="/cases/{{caseID}}/objections/{{number}}" class="filters"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>处理意见 <input name="handling" required size="30"></label> <label><input type="checkbox" name="upheld" value="1"> 异议成立（退回拟名）</label> <button>答复</button></form>{{/open}}</li>{{/objections}}</ul>{{/hasObjections}}{{/noticeDone}}
        {{#canObject}}<form method="post" action="/cases/{{caseID}}/objections" class="filters" id="objection-form"><input type="hidden" name="csrf" value="{{csrf}}"><b>记录异议</b>
        <label>提出人 <input name="from" required></label> <label>内容 <input name="text" required size="30"></label> <button id="record-objection">记录</button></form>{{/canObject}}
        <h2>办理记录</h2><table><tr><th>时间</th><th>经办人</th><th>事项</th><th>状态</th><th>文号</th></tr>
        {{#timeline}}<tr><td>{{at}}</td><td>{{actor}}</td><td>{{action}}{{#reason}}<br><span class="reason">理由：{{reason}}</span>{{/reason}}</td><td>{{change}}</td><td>{{document}}</td></tr>{{/timeline}}</table>
        {{#actions.count}}<h2>下一步</h2>{{/actions.count}}{{^actions.count}}{{#approvalFrom}}<h2>下一步</h2>{{/approvalFrom}}{{/actions.count}}
        {{#approvalFrom}}<p class="muted" id="approval-from">公示期至 {{end}}，期满后（{{first}} 起）方可批准。</p>{{/approvalFrom}}
        {{#actions}}<form method="post" action="/cases/{{id}}/advance" class="action" id="to-{{to}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="to" value="{{to}}">
        <b>{{label}}</b> {{#scope}}<input name="consultationScope" placeholder="征求意见范围" value="沿线村民">{{/scope}}{{#reason}}<input name="reason" placeholder="理由">{{/reason}}
        {{#experts}}<input name="experts" placeholder="专家（逗号分隔）" id="experts"> <input name="conclusion" placeholder="论证结论" id="conclusion">{{/experts}}
        {{#assess}}<input name="assessment" id="assessment-{{to}}" placeholder="综合评估结论"> <input name="assessmentReport" placeholder="评估报告文号">{{/assess}}
        {{#notice}}<input name="channel" value="县政府网站">{{/notice}}{{#approve}}<input name="authority" value="{{approver}}"> <input name="document" placeholder="批复文号" id="document"> <input name="date" value="{{defaultDate}}" id="date" type="date" max="{{defaultDate}}" aria-label="批准日期">{{/approve}}
        <button id="do-{{to}}">{{label}}</button></form>{{/actions}}
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        """

    static let batches = """
        <h1>审批批次</h1>{{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        {{#canCreate}}<form class="filters" method="post" action="/batches"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>新建批次 <input name="title" id="batch-title" placeholder="如：2026年第一批乡村道路命名" size="28" required></label><button id="create-batch">新建</button></form>{{/canCreate}}
        <table><tr><th>编号</th><th>名称</th><th>案卷数</th><th>批复</th></tr>
        {{#batches}}<tr><td><a href="/batches/{{id}}">{{id}}</a></td><td>{{title}}</td><td>{{count}}</td><td>{{approval}}</td></tr>{{/batches}}</table>
        """

    static let batch = """
        <h1>{{title}}</h1><p>批次 {{id}} · {{approval}}</p>{{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        <p id="documents">文书：{{#documents}}{{#ready}}<a href="/batches/{{id}}/documents/{{kind}}">{{label}}</a>（<a href="/batches/{{id}}/documents/{{kind}}.pdf">PDF</a>） {{/ready}}{{^ready}}<span class="muted">{{label}}（批准后可用）</span> {{/ready}}{{/documents}}</p>
        <table><tr><th>案卷</th><th>名称</th><th>状态</th></tr>{{#cases}}<tr><td><a href="/cases/{{id}}">{{id}}</a></td><td>{{name}}</td><td>{{state}}</td></tr>{{/cases}}</table>
        {{#hasCandidates}}<h2>编入案卷</h2><form method="post" action="/batches/{{id}}/cases" id="add-cases"><input type="hidden" name="csrf" value="{{csrf}}">
        <ul class="plain">{{#candidates}}<li><label><input type="checkbox" name="case" value="{{id}}"> {{name}}（{{id}}） <span class="muted">{{notice}}</span> <span class="error">{{objections}}</span></label></li>{{/candidates}}</ul>
        <button id="add-to-batch">编入本批次</button></form>{{/hasCandidates}}
        {{#canApprove}}<h2>整批批准</h2><form method="post" action="/batches/{{id}}/approve"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>批准机关 <input name="authority" value="{{approver}}"></label> <label>批复文号 <input name="document" placeholder="如：示政复〔2026〕5号"></label>
        <label>批准日期 <input name="date" value="{{today}}" type="date"></label> <button>批准本批次</button></form>{{/canApprove}}
        {{#filed}}<p>已备案：{{filed}}</p>{{/filed}}{{#canFile}}<h2>备案</h2><form method="post" action="/batches/{{id}}/file" id="file-form"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>备案机关 <input name="body" value="{{filingBody}}"></label> <label>备案日期 <input name="date" value="{{today}}" type="date"></label> <button id="file-batch">报送备案</button></form>{{/canFile}}
        {{#announced}}<p>已公告：{{announced}}</p>{{/announced}}{{#canAnnounce}}<h2>公告</h2><form method="post" action="/batches/{{id}}/announce" id="announce-form"><input type="hidden" name="csrf" value="{{csrf}}">
        <span class="muted">由{{announcer}}发布</span> <label>发布渠道 <input name="channels" value="县政府网站、县民政局网站" size="24"></label> <label>公告日期 <input name="date" value="{{today}}" type="date"></label>
        <button id="announce-batch">发布公告</button></form>{{/canAnnounce}}
        """

    static let pois = """
        <h1>兴趣点审核</h1><p class="muted">{{count}} 个待审核</p>
        <table><tr><th>编号</th><th>名称</th><th>类别</th><th>来源</th><th>疑似重复</th><th>审核</th></tr>
        {{#items}}<tr><td>{{id}}</td><td>{{name}}</td><td>{{category}}</td><td>{{source}}</td><td>{{duplicates}}</td>
        <td><form class="inline" method="post" action="/pois/{{id}}/review"><input type="hidden" name="csrf" value="{{csrf}}"><button name="decision" value="accept">接受</button>
        <input name="reason" placeholder="驳回理由" size="10"><button name="decision" value="reject">驳回</button></form></td></tr>{{/items}}</table>
        """

    static let map = """
        <h1>{{county}} 道路地图</h1>
        <div class="filters"><label>乡镇 <select id="map-town"><option value="">全部</option>{{#towns}}<option value="{{code}}">{{name}}</option>{{/towns}}</select></label>
        <fieldset class="inline" role="group" aria-label="道路状态"><legend>状态</legend>{{#statuses}}<label><input type="checkbox" name="status" value="{{value}}" checked> <span style="color:{{colour}}">■</span> {{label}}</label> {{/statuses}}</fieldset></div>
        <p class="legend muted"><span>○ 村庄</span><span style="color:#1d4f9c">● 地名标志</span><span style="color:#8e44ad">● 兴趣点</span><span style="color:#7a5c99">┅ 乡镇界</span><span>点击道路打开详情</span></p>
        {{#bbox}}<div id="map" data-bbox="{{bbox}}"{{#tiles}} data-tiles="{{tiles}}"{{/tiles}} role="region" aria-label="道路地图"></div>{{/bbox}}{{^bbox}}<p>尚无道路数据。</p>{{/bbox}}<p id="map-note" class="muted" aria-live="polite"></p>
        """
}
