/// The home (待办) and error pages' templates.
extension Templates {
    static let home = """
        <h1>待办</h1><p class="muted">{{scope}} · 今天 {{today}}</p>
        <div class="sections">{{#sections}}<section class="section" id="todo-{{key}}"><h2>{{title}} <span class="count">{{count}}</span></h2>
        {{#empty}}<p class="muted">暂无</p>{{/empty}}<ul>{{#items}}<li><a href="{{link}}">{{title}}</a> {{#clock}}<span class="clock {{clockClass}}">{{clock}}</span>{{/clock}}<br><span class="muted">{{detail}}</span></li>{{/items}}</ul></section>{{/sections}}</div>
        {{> dashboard}}
        """

    static let error = """
        <h1>{{heading}}</h1><p class="error" id="message">{{message}}</p><p><a href="/">回到待办</a></p>
        """
}
