/// The administration pages' templates (系统管理: 账户、设置、操作记录).
extension Templates {
    static let admin: [(String, String)] = [("admin-users", adminUsers), ("admin-user", adminUser), ("admin-settings", adminSettings),
                                            ("admin-audit", adminAudit), ("admin-tabs", adminTabs), ("admin-scope", adminScope)]

    static let adminTabs = """
        <nav class="tabs" aria-label="系统管理"><a href="/admin/users">账户</a><a href="/admin/settings">设置</a><a href="/admin/audit">操作记录</a></nav>
        {{#message}}<p class="error" id="message">{{message}}</p>{{/message}}{{#notice}}<p class="ok" id="notice">{{notice}}</p>{{/notice}}
        """

    static let adminUsers = """
        <h1>账户管理</h1>{{> admin-tabs}}
        <div class="scroll"><table><tr><th>用户名</th><th>姓名</th><th>角色</th><th>所在县</th><th>所在乡镇</th><th>状态</th></tr>
        {{#users}}<tr><td><a href="/admin/users/{{username}}">{{username}}</a></td><td>{{displayName}}</td><td>{{role}}</td><td>{{county}}</td><td>{{town}}</td><td>{{status}}</td></tr>{{/users}}</table></div>
        <h2>新增账户</h2>
        <form method="post" action="/admin/users" id="add-user"><input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>用户名 <input name="username" id="new-username" required pattern="[A-Za-z0-9_.-]{2,32}" value="{{typed_username}}" autocomplete="off"></label>
        <label>姓名 <input name="displayName" id="new-display-name" required value="{{typed_displayName}}"></label></p>
        <p><label>角色 <select name="role" id="new-role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></label>
        {{> admin-scope}}</p>
        <p><label>初始密码 <input name="password" id="new-password" type="password" required minlength="8" autocomplete="new-password"></label>
        <span class="muted">至少 8 位；请当面告知本人并要求其登录后修改。</span></p>
        <p><button id="add-user-button">新增账户</button></p></form>
        """

    static let adminScope = """
        <label>所在县 <input name="county" list="county-codes" size="12" value="{{typed_county}}" inputmode="numeric" placeholder="6 位或 12 位代码"></label>
        <label>所在乡镇 <input name="town" id="new-town" list="town-codes" size="14" value="{{typed_town}}" inputmode="numeric" placeholder="经办人必填"></label>
        <datalist id="town-codes">{{#towns}}<option value="{{code}}">{{name}}</option>{{/towns}}</datalist>
        <datalist id="county-codes">{{#counties}}<option value="{{code}}">{{name}}</option>{{/counties}}</datalist>
        """

    static let adminUser = """
        <h1>账户：{{username}}</h1>{{> admin-tabs}}
        <p>{{displayName}} · {{role}} · {{status}}</p>
        <form method="post" action="/admin/users/{{username}}" id="edit-user"><input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>姓名 <input name="displayName" required value="{{typed_displayName}}"></label>
        <label>角色 <select name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></label></p>
        <p>{{> admin-scope}}</p><p><button id="save-user">保存</button></p></form>
        <h2>重置密码</h2>
        <form method="post" action="/admin/users/{{username}}/password" id="reset-password"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>新密码 <input name="password" type="password" required minlength="8" autocomplete="new-password"></label> <button>重置</button>
        <span class="muted">重置后该账户的全部登录会话失效。</span></form>
        <h2>{{#disabled}}启用{{/disabled}}{{^disabled}}停用{{/disabled}}账户</h2>
        <form method="post" action="/admin/users/{{username}}/{{#disabled}}enable{{/disabled}}{{^disabled}}disable{{/disabled}}" id="toggle-user">
        <input type="hidden" name="csrf" value="{{csrf}}"><button id="toggle-user-button">{{#disabled}}启用{{/disabled}}{{^disabled}}停用{{/disabled}}</button>
        <span class="muted">停用的账户不能登录，其办理记录保留。</span></form>
        """

    static let adminSettings = """
        <h1>县级设置 · {{countyName}}</h1>{{> admin-tabs}}
        {{#hasCounties}}<form class="filters" method="get" action="/admin/settings"><label>县 <select name="county">{{#counties}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/counties}}</select></label><button>切换</button></form>{{/hasCounties}}
        <h2>办理期限</h2>
        <form method="post" action="/admin/settings/deadlines" id="deadlines"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <p><label>公示期 <input name="noticeDays" value="{{noticeDays}}" size="3" inputmode="numeric"> 天</label>
        <label>批准后备案 <input name="filingDays" value="{{filingDays}}" size="3" inputmode="numeric"> 天内</label>
        <label>批准后公告 <input name="announcementDays" value="{{announcementDays}}" size="3" inputmode="numeric"> 天内</label>
        <label><input type="checkbox" name="workingDays" value="yes"{{#workingDays}} checked{{/workingDays}}> 按工作日计算</label></p>
        <p><button id="save-deadlines">保存期限</button></p></form>
        <h2>路牌</h2>
        <form method="post" action="/admin/settings/signs" id="sign-settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <p><label>设牌间距 <input name="spacing" value="{{spacing}}" size="6" inputmode="numeric"> 米</label>
        <label>东西向底色 <input name="eastWestColour" value="{{eastWestColour}}" size="8"></label>
        <label>南北向底色 <input name="northSouthColour" value="{{northSouthColour}}" size="8"></label></p>
        <p><label>材质 <input name="material" value="{{material}}"></label> <label>资金来源 <input name="funding" value="{{funding}}"></label>
        <label>安装位置允许偏差 <input name="positionTolerance" value="{{positionTolerance}}" size="4" inputmode="numeric"> 米</label></p>
        <p><label>公开访问地址 <input name="publicBaseURL" id="public-base-url" value="{{publicBaseURL}}" size="34" placeholder="https://dm.example.gov.cn" inputmode="url"></label>
        <span class="muted">路牌二维码指向此地址下的地名公开页；不设置则路牌不印二维码。</span></p>
        <p><button id="save-signs">保存路牌设置</button></p></form>
        <h2>文书与审批权限</h2>
        <form method="post" action="/admin/settings/papers" id="papers-settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <p><label>文号简称 <input name="abbreviation" value="{{abbreviation}}" size="6" placeholder="如：示民"></label>
        <label>异议受理 <input name="contact" value="{{contact}}" size="34" placeholder="受理单位、电话、地址"></label></p>
        <p><label>道路命名批准机关 <select name="approverLevel">{{#levels}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/levels}}</select></label>
        <input name="approverBody" value="{{approverBody}}" size="10" aria-label="批准机关名称（如人民政府）">
        <label>备案机关 <input name="filingBodies" value="{{filingBodies}}" size="18" placeholder="人民政府、民政局"></label>
        <label>公告机关 <input name="announcer" value="{{announcer}}" size="8"></label></p>
        <p class="muted">机关名称写在区划名之后，如“人民政府”即“示范县人民政府”；备案报上一级。</p>
        <p><button id="save-papers">保存文书设置</button></p></form>
        <h2>地图</h2>
        <form method="post" action="/admin/settings/site" id="site-settings"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="county" value="{{county}}">
        <p><label>天地图密钥 <input name="tiandituKey" id="tianditu-key" value="{{tiandituKey}}" size="34" autocomplete="off"></label>
        <span class="muted">设置后地图以天地图为底图（CGCS2000，与登记簿坐标一致）；不设置则只显示登记簿图层，离线可用。</span></p>
        <p><button id="save-site">保存</button></p></form>
        """

    static let adminAudit = """
        <h1>操作记录</h1>{{> admin-tabs}}
        <form class="filters" method="get" action="/admin/audit" role="search">
        <label>操作人 <input name="actor" value="{{actor}}" size="10" list="actors"></label><datalist id="actors">{{#actors}}<option value="{{.}}">{{/actors}}</datalist>
        <label>对象 <select name="kind"><option value="">全部</option>{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select></label>
        <label>自 <input name="from" type="date" value="{{from}}"></label><label>至 <input name="to" type="date" value="{{to}}"></label><button>查询</button></form>
        <p class="muted">共 {{total}} 条，最新在前</p>
        <div class="scroll"><table><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>内容</th></tr>
        {{#events}}<tr><td>{{at}}</td><td>{{actor}}</td><td>{{action}}</td><td>{{entity}}</td><td class="detail">{{detail}}</td></tr>{{/events}}</table></div>
        {{> paging}}
        """
}
