import DimingCore
import Foundation

/// One thing waiting for someone (待办事项): what, where to do it, and its clock if it has one.
public struct WorkItem: Codable, Sendable {
    public var title: String
    public var detail: String
    /// The page where it is done.
    public var link: String
    /// Days left to its deadline (negative: overdue), for items with a legal clock.
    public var daysLeft: Int?
}

/// A group of waiting things of one kind (拟名待推进, 公示期满待批准 …).
public struct WorkSection: Codable, Sendable {
    public var key: String
    public var title: String
    public var items: [WorkItem]
}

/// The 待办 list of the signed-in user: what their role has to do next in their scope, with the
/// statutory clocks. A clerk sees drafts, returned cases and objections to answer in their town; a
/// reviewer sees cases to examine, notices running and ended, batches to approve and filings and
/// announcements due in their county; an administrator sees accounts and the data to maintain.
public struct WorkQueueReport: Codable, Sendable {
    public var sections: [WorkSection]

    /// How many things wait in all.
    public var count: Int { sections.reduce(0) { $0 + $1.items.count } }

    public static func load(_ registry: any RegistryStore, actor: UserAccount, today: Date) throws -> WorkQueueReport {
        try Policy.require(actor, .viewRegistry, in: actor.ownScope)
        let queries = CaseQueries(registry: registry, actor: actor)
        let cases = try queries.list().filter { !$0.state.isFinal }
        func item(_ c: NamingCase, _ detail: String, days: Int? = nil) -> WorkItem {
            WorkItem(title: c.proposedName, detail: "\(c.kind.chinese) · \(c.state.chinese) · \(detail)", link: "/cases/\(c.id)", daysLeft: days)
        }
        var sections: [WorkSection] = []
        switch actor.role {
        case .clerk:
            sections.append(WorkSection(key: "drafts", title: "拟名待推进", items: cases.filter { [.drafted, .consulted].contains($0.state) }.map {
                item($0, $0.state == .drafted ? "征求沿线意见后申报" : "意见已征求，可申报")
            }))
            sections.append(WorkSection(key: "returned", title: "被退回的案卷", items: cases.filter { $0.state == .returned }.map {
                item($0, "退件理由：" + ($0.returns.last ?? "未说明"))
            }))
            sections.append(WorkSection(key: "objections", title: "公示异议待答复", items: cases.filter { !$0.openObjections.isEmpty }.map {
                item($0, "\($0.openObjections.count) 条异议未答复：" + ($0.openObjections.first?.text ?? ""))
            }))
        case .reviewer, .admin:
            sections.append(WorkSection(key: "review", title: "待受理、审查", items: cases.filter { [.submitted, .underReview, .expertReviewed].contains($0.state) }.map {
                item($0, $0.state == .submitted ? "待受理" : "审查中")
            }))
            let notices = cases.filter { $0.state == .publicNotice }.compactMap { c in c.notice.map { (c, $0) } }
            sections.append(WorkSection(key: "notices", title: "公示中", items: notices.filter { DeadlineRules.days(from: today, to: $0.1.end) >= 0 }.map { c, notice in
                item(c, "公示至 \(DeadlineRules.dayString(notice.end))", days: DeadlineRules.days(from: today, to: notice.end))
            }))
            sections.append(WorkSection(key: "noticeEnded", title: "公示期满待批准", items: notices.filter { DeadlineRules.days(from: today, to: $0.1.end) < 0 }.map { c, notice in
                item(c, c.openObjections.isEmpty ? "公示已于 \(DeadlineRules.dayString(notice.end)) 期满，可编入批次报批" : "有 \(c.openObjections.count) 条异议未处理")
            }))
            let batches = try BatchQueries(registry: registry, actor: actor).list().filter { $0.batch.approval == nil && $0.cases > 0 }
            sections.append(WorkSection(key: "batches", title: "待批准批次", items: batches.map {
                WorkItem(title: $0.batch.title, detail: "\($0.cases) 件案卷", link: "/batches/\($0.batch.id)", daysLeft: nil)
            }))
            let due = try queries.due(today: today, within: 15, overdueOnly: false, breaches: false)
            sections.append(WorkSection(key: "due", title: "待备案、待公告", items: due.map {
                WorkItem(title: $0.name, detail: (DeadlineKind(rawValue: $0.step)?.chinese ?? $0.step) + "期限 \($0.due)",
                         link: $0.batchID.map { "/batches/\($0)" } ?? "/cases/\($0.caseID)", daysLeft: $0.daysLeft)
            }))
            if actor.role == .admin {
                let accounts = try registry.read { try $0.users.list() }
                sections.append(WorkSection(key: "admin", title: "系统管理", items: [
                    WorkItem(title: "账户", detail: "\(accounts.count) 个账户", link: "/admin/users", daysLeft: nil),
                    WorkItem(title: "县级设置", detail: "期限、路牌、天地图密钥、公开访问地址", link: "/admin/settings", daysLeft: nil),
                    WorkItem(title: "操作记录", detail: "审计日志", link: "/admin/audit", daysLeft: nil),
                ]))
            }
        }
        return WorkQueueReport(sections: sections)
    }
}
