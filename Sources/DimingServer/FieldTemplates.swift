/// Templates of the pages for sign crews (标志安装巡检), the public (地名公开页, 新增地点, 回执) and the
/// reviewer's queue of places (兴趣点审核): phone first, every value escaped by `{{…}}`.
enum FieldTemplates {
    static let all: [(String, String)] = [("field-list", fieldList), ("field-sign", fieldSign), ("public-name", publicName),
                                          ("public-add", publicAdd), ("receipt", receipt), ("receipt-lookup", receiptLookup), ("poi-queue", poiQueue),
                                          ("public-missing", publicMissing)]

    static let head = """
        <link rel="stylesheet" href="/assets/field.css"><script src="/assets/field.js" defer></script>
        """

    static let fieldList = """
        <h1>我的路牌</h1><p class="muted">{{scope}} · 共 {{total}} 块 · <a href="/signs.xlsx">导出Excel</a></p>
        <nav class="chips">{{#statuses}}<a href="/field?status={{value}}" class="chip{{#selected}} on{{/selected}}">{{label}} {{count}}</a>{{/statuses}}<a href="/field" class="chip{{^filtered}} on{{/filtered}}">全部</a></nav>
        <ul class="cards">{{#signs}}<li><a href="/field/signs/{{id}}"><b>{{code}}</b> {{text}}<br><span class="muted">{{road}} · {{cross}}</span> <span class="tag {{status}}">{{statusLabel}}</span></a></li>{{/signs}}</ul>
        {{^signs}}<p class="muted">暂无路牌。</p>{{/signs}}
        """

    static let fieldSign = """
        <p><a href="/field">← 我的路牌</a></p>
        <h1>{{code}} {{text}}</h1><p>{{road}}{{#cross}} · 与{{cross}}交叉处{{/cross}} · <span class="tag {{status}}" id="sign-status">{{statusLabel}}</span></p>
        {{#outcome}}<div class="notice {{class}}" id="outcome"><b>{{title}}</b>{{#distance}}<br>距规划位置 <b id="distance">{{distance}}</b> 米{{/distance}}{{#warning}}<br><span class="warning" id="tolerance-warning">{{warning}}</span>{{/warning}}</div>{{/outcome}}
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        {{#outdated}}<p class="warning" id="outdated">{{outdated}}</p>{{/outdated}}
        <img class="face" id="face" src="/field/signs/{{id}}/face.svg" alt="牌面：{{text}}">
        <div class="pin-map" id="sign-map" data-point="{{lon}},{{lat}}" data-line="{{line}}" role="region" aria-label="规划位置"></div>
        <p>规划位置：{{lonText}}, {{latText}}（WGS-84）· 朝向 {{facing}}° · 允许偏差 {{tolerance}} 米</p>
        <p class="nav-links"><a class="button" id="amap" href="{{amap}}" target="_blank" rel="noopener">高德导航</a> <a class="button" id="baidu" href="{{baidu}}" target="_blank" rel="noopener">百度导航</a></p>
        {{#canReport}}<form method="post" action="/field/signs/{{id}}/report" enctype="multipart/form-data" id="report" class="report" data-planned="{{lon}},{{lat}}" data-tolerance="{{tolerance}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="status" id="status"><input type="hidden" name="lon" id="lon"><input type="hidden" name="lat" id="lat">
        <label>现场照片 <input type="file" name="photo" id="photo" accept="image/*" capture="environment"></label>
        <label>备注 <input name="notes" id="notes" maxlength="500"></label>
        <p id="geo-note" class="muted" aria-live="polite">提交时读取手机定位。</p>
        <div class="actions">{{#actions}}<button type="button" class="report-button" data-status="{{value}}" id="do-{{value}}">{{label}}</button>{{/actions}}</div>
        <div class="notice warn" id="confirm" role="alertdialog" aria-labelledby="confirm-title" hidden><b id="confirm-title">提交前请确认</b><ul id="confirm-issues"></ul>
        <label>原因（与记录一并保存）<input id="confirm-notes" maxlength="500" placeholder="如：路口施工，改装在东侧 30 米"></label><p id="confirm-hint" class="error" aria-live="polite"></p>
        <div class="actions"><button type="button" id="confirm-send">确认提交</button><button type="button" id="confirm-cancel" class="secondary">返回修改</button></div></div></form>{{/canReport}}
        <h2>记录</h2><ul class="plain">{{#history}}<li>{{at}} · {{status}}{{#distance}} · 距规划位置 {{distance}} 米{{/distance}}{{#photoNote}} · 有照片{{/photoNote}}{{#photo}} · <a href="{{photo}}"><img class="field-photo" src="{{photo}}" alt="现场照片" loading="lazy"></a>{{/photo}}{{#notes}} · {{notes}}{{/notes}}</li>{{/history}}</ul>
        """

    static let publicName = """
        <article class="public">
        <h1 id="name">{{text}}</h1><p class="pinyin" id="toned">{{toned}}</p><p class="signform" id="sign-form">{{sign}}</p>
        {{#retired}}<p class="notice warn" id="retired">{{retired}}{{#current}} 现名：<a href="/n/{{currentID}}" id="current">{{currentText}}</a>{{/current}}</p>{{/retired}}
        <p class="muted">{{county}}{{#town}} · {{town}}{{/town}}{{#location}} · {{location}}{{/location}}{{#length}} · 长约 {{length}} 米{{/length}}{{#direction}} · {{direction}}走向{{/direction}}</p>
        {{#heritage}}<p class="notice" id="heritage">地名文化遗产：{{heritage}}</p>{{/heritage}}
        <dl class="facts">{{#meaning}}<dt>含义</dt><dd id="meaning">{{meaning}}</dd>{{/meaning}}{{#origin}}<dt>来历</dt><dd id="origin">{{origin}}</dd>{{/origin}}
        {{#approval}}<dt>批准</dt><dd id="approval">{{approval}}</dd>{{/approval}}{{#announced}}<dt>公告</dt><dd>{{announced}}</dd>{{/announced}}
        {{#hasHistory}}<dt>沿革</dt><dd id="history">{{#history}}<span>{{#link}}<a href="/n/{{id}}">{{text}}</a>{{/link}}{{^link}}<b>{{text}}</b>{{/link}}{{#span}}（{{span}}）{{/span}}{{#former}} 曾用名{{/former}}</span><br>{{/history}}</dd>{{/hasHistory}}</dl>
        {{#hasLine}}<div class="public-map" id="public-map" data-line="{{line}}" data-pois="{{pois}}" role="region" aria-label="道路位置图"></div>{{/hasLine}}
        <h2>沿线地点</h2>{{#poiList}}<ul class="plain" id="pois">{{#items}}<li>{{name}} <span class="muted">{{category}}</span></li>{{/items}}</ul>{{/poiList}}{{^poiList}}<p class="muted">暂无已审核的地点。</p>{{/poiList}}
        {{#canAdd}}<p><a class="button" id="add-place" href="/n/{{id}}/add">＋ 新增地点（快递点、民宿、采摘园…）</a></p>{{/canAdd}}
        <p class="muted"><a href="/receipts">查询提交进度</a></p>
        </article>
        """

    /// A public page asked for a name that has none (not announced yet, or no such name): the public's own page, no staff link.
    static let publicMissing = """
        <article class="public"><h1>未找到该地名</h1><p class="notice warn" id="message">{{message}}</p>
        <p class="muted">路牌上的二维码只指向已公告的标准地名。如有疑问，请联系当地乡镇（街道）或县民政局地名管理部门。</p>
        <p class="muted"><a href="/receipts">查询提交进度</a></p></article>
        """

    static let publicAdd = """
        <p><a href="/n/{{id}}">← {{text}}</a></p><h1>新增地点</h1>
        <p class="muted">在{{text}}附近添加一个地点。审核通过后会显示在本页并报送地图。请勿填写他人隐私。</p>
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        <form method="post" action="/n/{{id}}/add" enctype="multipart/form-data" id="add-form" class="report">
        <input type="hidden" name="crs" value="wgs84"><input type="hidden" name="token" value="{{token}}">
        <div class="pin-map" id="pin-map" data-center="{{lon}},{{lat}}" data-line="{{line}}" role="region" aria-label="拖动图钉到地点位置"></div>
        <p><button type="button" id="locate">使用我的位置</button> <span id="pin-note" class="muted" aria-live="polite">拖动图钉到地点门口。</span></p>
        <input type="hidden" name="lon" id="lon" value="{{typed_lon}}"><input type="hidden" name="lat" id="lat" value="{{typed_lat}}">
        <label>类别 <select name="category" id="category" required>{{#categories}}<option value="{{word}}"{{#selected}} selected{{/selected}}>{{word}}</option>{{/categories}}</select></label>
        <label>名称（最多 40 字）<input name="name" id="poi-name" required maxlength="40" value="{{typed_name}}" placeholder="如：王庄村快递服务站"></label>
        <label>电话 <input name="phone" id="phone" inputmode="tel" maxlength="20" value="{{typed_phone}}"></label>
        <label>营业时间 <input name="hours" id="hours" maxlength="60" value="{{typed_hours}}" placeholder="如：8:00-18:00"></label>
        <label>地址说明 <input name="address" id="address" maxlength="100" value="{{typed_address}}" placeholder="如：王庄村东头，幸福路北侧"></label>
        <label>门头照片 <input type="file" name="photo" id="photo" accept="image/jpeg,image/png"></label>
        <label>验证：{{question}} <input name="answer" id="answer" inputmode="numeric" required size="4" autocomplete="off"></label>
        <p><button id="submit-place">提交</button></p></form>
        """

    static let receipt = """
        <h1>提交进度</h1>{{#fresh}}<p class="notice ok" id="thanks">已收到，感谢您！请记下回执号，用于查询审核结果。</p>{{/fresh}}
        <dl class="facts"><dt>回执号</dt><dd id="receipt-number">{{number}}</dd><dt>地点</dt><dd>{{name}}（{{category}}）</dd>
        <dt>状态</dt><dd><b id="receipt-state" class="state-{{stateClass}}">{{state}}</b>{{#reason}}：<span id="reason">{{reason}}</span>{{/reason}}</dd>
        {{#address}}<dt>地址</dt><dd>{{address}}</dd>{{/address}}<dt>提交时间</dt><dd>{{submitted}}</dd></dl>
        {{#warnings}}<p class="warning">{{.}}</p>{{/warnings}}
        <p><a href="/receipts?number={{number}}">刷新</a></p>
        """

    static let receiptLookup = """
        <h1>查询提交进度</h1>{{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        <form method="get" action="/receipts" class="report"><label>回执号 <input name="number" id="number" value="{{number}}" placeholder="如：379901-P-000012-ABCD2345" required></label><button>查询</button></form>
        """

    static let poiQueue = """
        <h1>兴趣点审核</h1><p class="muted">{{count}} 个待审核 · <a href="/pois.xlsx">导出Excel（全部兴趣点）</a></p>{{#message}}<p class="error" id="message">{{message}}</p>{{/message}}
        {{#items}}<section class="review" id="review-{{id}}"><h2>{{name}} <span class="muted">{{category}}</span></h2>
        <div class="review-grid"><div class="pin-map small" data-point="{{lon}},{{lat}}" data-near="{{near}}" role="region" aria-label="位置"></div>
        <div>{{#photo}}<img class="storefront" src="/pois/{{id}}/photo" alt="门头照片：{{name}}">{{/photo}}{{^photo}}<p class="muted">无照片</p>{{/photo}}</div></div>
        <dl class="facts"><dt>来源</dt><dd>{{source}}</dd>{{#given}}<dt>上报地址</dt><dd class="given">{{given}}</dd>{{/given}}<dt>推算地址</dt><dd class="computed">{{computed}}</dd>
        {{#phone}}<dt>电话</dt><dd>{{phone}}</dd>{{/phone}}{{#hours}}<dt>营业时间</dt><dd>{{hours}}</dd>{{/hours}}
        {{#hasWarnings}}<dt>命名提示</dt><dd class="warning">{{#warnings}}{{.}}<br>{{/warnings}}</dd>{{/hasWarnings}}</dl>
        {{#hasDuplicates}}<p>附近疑似重复：</p><ul class="plain">{{#duplicates}}<li>{{name}}（{{distance}} 米，{{status}}）
        <form class="inline" method="post" action="/pois/{{poi}}/review"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="into" value="{{id}}"><button name="decision" value="merge">合并到此</button></form></li>{{/duplicates}}</ul>{{/hasDuplicates}}
        <form class="actions" method="post" action="/pois/{{id}}/review"><input type="hidden" name="csrf" value="{{csrf}}"><button name="decision" value="accept" id="accept-{{id}}" formnovalidate>通过</button>
        <input name="reason" placeholder="不通过的理由" size="14" id="reason-{{id}}" required maxlength="200" aria-label="不通过的理由"><button name="decision" value="reject" id="reject-{{id}}">不通过</button></form></section>{{/items}}
        """
}
