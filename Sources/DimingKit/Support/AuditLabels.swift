/// The audit trail's verbs in Chinese, as timelines and the audit viewer show them (操作名称).
public enum AuditLabels {
    static let labels: [String: String] = [
        "case.created": "拟名立案", "case.advanced": "办理", "case.objection": "记录公示异议", "case.objection-handled": "答复异议",
        "case.filing-returned": "备案退回", "case.filed": "备案", "case.announced": "公告", "case.attachment": "添加附件", "case.batched": "编入批次",
        "case.amended": "补正案卷", "case.supplemented": "补充材料",
        "batch.created": "新建批次", "batch.approved": "整批批准", "batch.filed": "整批备案", "batch.announced": "整批公告",
        "name.added": "登记名称", "name.waiver": "豁免规则", "reading.confirmed": "确认读音", "names.generated": "生成名称",
        "name.reromanized": "按确认读音重注拼音", "settings.names": "修改命名地方规则",
        "heritage.listed": "列入地名文化遗产保护名录", "heritage.edited": "修改保护名录条目", "heritage.assessed": "保护地名更名评估",
        "road.retired": "道路注销", "roads.imported": "导入道路", "survey.run": "道路摸排",
        "roads.conflated": "合并重复路段", "settings.import-profile": "修改导入方案", "settings.source-priority": "修改来源优先级",
        "divisions.imported": "导入行政区划", "boundaries.imported": "导入边界", "characters.imported": "导入字表",
        "sign.planned": "规划路牌", "sign.replanned": "重新规划路牌", "sign.ordered": "订制路牌", "pois.imported": "导入兴趣点",
        "delivery.made": "生成交付", "delivery.acknowledged": "交付回执",
        "settings.deadlines": "修改期限设置", "settings.signs": "修改路牌设置", "settings.demo": "演示数据", "settings.site": "修改网站设置",
        "user.added": "新增账户", "user.updated": "修改账户", "user.disabled": "停用账户", "user.enabled": "启用账户", "user.password": "重置密码", "user.signed-in": "登录", "user.signed-out": "退出",
        "user.sign-in-failed": "登录失败", "user.locked-out": "账户锁定", "registry.restored": "从备份恢复",
    ]

    /// The Chinese label of `action`, or the action itself where none is known yet.
    public static func chinese(_ action: String) -> String {
        labels[action] ?? (action.hasPrefix("sign.") ? "路牌" + action.dropFirst(5) : action)
    }
}
