import DimingCore

/// Where an action applies: the whole registry, one county, or one town (乡镇).
public enum AccessScope: Sendable, Hashable {
    case registry
    case county(DivisionCode)
    case town(DivisionCode)

    /// The county the scope lies in, if any.
    public var county: DivisionCode? {
        switch self {
        case .registry: nil
        case let .county(code), let .town(code): code.ancestor(at: .county)
        }
    }

    /// The scope of something that lies in `town` (or, without a town, in `county`).
    public static func of(town: DivisionCode?, county: DivisionCode) -> AccessScope {
        town.map { .town($0) } ?? .county(county)
    }
}

/// What a person can ask the registry to do. Each use case names the action it performs.
public enum AccessAction: String, CaseIterable, Sendable {
    /// Read roads, names, divisions, the map and the dashboard.
    case viewRegistry
    /// Read a case, its dossier and its documents.
    case viewCase
    /// Open a naming, renaming or retirement case (拟名).
    case createCase
    /// The township's steps: draft, consult, submit, attach evidence (拟名、征求意见、申报).
    case draftCase
    /// Record and answer objections raised during the public notice (异议).
    case handleObjections
    /// The county's steps: review, return, expert review, notice, reject (审查、退件、专家论证、公示).
    case reviewCase
    /// Record an approval (批准), for one case or a batch.
    case approve
    /// Create batches, add cases, file (备案) and announce (公告).
    case manageBatches
    /// Register standard names, waive findings, confirm readings.
    case manageNames
    /// Plan, order and track signs (路牌).
    case manageSigns
    /// The sign crew's field work: install, inspect, report damage or loss, replace (安装、巡检): a
    /// township's clerk in their town, the county's reviewer in the county.
    case recordSignWork
    /// Deliver to map providers and record their acknowledgements.
    case deliver
    /// Review collected points of interest.
    case reviewPOIs
    /// Import divisions, boundaries, roads and POIs; run the survey.
    case importData
    /// Deadline rules, sign settings and other registry settings.
    case manageSettings
    /// Accounts.
    case manageUsers
}

/// The role × scope policy (DOMAIN.md §1). A clerk (经办人) works in their own town: drafts, evidence,
/// objections; a reviewer (审核人) works in their own county: review, notice, approval, batches,
/// names, signs, deliveries, POIs; an administrator (管理员) also imports data and manages settings and
/// accounts, registry-wide or in their county. Everyone may read the registry of their own county.
public enum Policy {
    public static func allows(_ actor: UserAccount, _ action: AccessAction, in scope: AccessScope) -> Bool {
        guard roleAllows(actor.role, action) else { return false }
        switch actor.role {
        case .admin:
            guard let own = actor.countyCode else { return true }
            return scope.county == nil ? action == .viewRegistry : scope.county == own
        case .reviewer:
            guard let own = actor.countyCode else { return false }
            return scope.county == own
        case .clerk:
            guard let town = actor.townCode else { return false }
            switch scope {
            case .registry: return false
            case let .county(county): return action == .viewRegistry && county.ancestor(at: .county) == town.ancestor(at: .county)
            case let .town(code): return action == .viewRegistry ? code.ancestor(at: .county) == town.ancestor(at: .county) : code == town
            }
        }
    }

    /// The county a read goes to: the one asked for, if `actor` may read it; none asked, the actor's own
    /// (nil for a registry-wide administrator: the whole registry).
    public static func readableCounty(_ actor: UserAccount, asked county: DivisionCode?) throws -> DivisionCode? {
        guard let county else { return actor.readableCounty }
        try require(actor, .viewRegistry, in: .county(county.ancestor(at: .county)))
        return county
    }

    /// Throws ``AccessDenied`` unless `actor` may do `action` in `scope`.
    public static func require(_ actor: UserAccount, _ action: AccessAction, in scope: AccessScope) throws {
        guard allows(actor, action, in: scope) else { throw AccessDenied(actor: actor, action: action, scope: scope) }
    }

    /// What each role may do at all, wherever.
    static func roleAllows(_ role: UserAccount.Role, _ action: AccessAction) -> Bool {
        switch role {
        case .admin: true
        case .reviewer: ![.importData, .manageSettings, .manageUsers].contains(action)
        case .clerk: [.viewRegistry, .viewCase, .createCase, .draftCase, .handleObjections, .recordSignWork].contains(action)
        }
    }

    /// The action a move of a case from `state` to `target` performs: the township drafts, consults and
    /// submits; the county reviews, runs the notice, approves, and is the only one who sends a case back
    /// out of its own steps (公示 → 拟名 is the county's decision, not the township's).
    public static func action(from state: CaseState, to target: CaseState) -> AccessAction {
        switch target {
        case .approved: return .approve
        case .drafted, .consulted, .submitted:
            return [.drafted, .consulted, .returned].contains(state) ? .draftCase : .reviewCase
        default: return .reviewCase
        }
    }
}

/// A refusal by the policy: who asked for what, where.
public struct AccessDenied: Error, CustomStringConvertible, Sendable {
    public var actor: UserAccount
    public var action: AccessAction
    public var scope: AccessScope

    public var description: String {
        "\(actor.username) (\(actor.role.rawValue)) may not \(action.rawValue) in \(Self.describe(scope))"
    }

    /// The message for the Chinese pages.
    public var messageZh: String { messageZh(naming: { _ in nil }) }

    /// The same, the county or town called by its name where `naming` knows it (`梁堤街道（379901001000）`).
    public func messageZh(naming: (DivisionCode) -> String?) -> String {
        let place: String
        switch scope {
        case .registry: place = Self.describeZh(scope)
        case let .county(code): place = naming(code).map { "\($0)（\(code.countyPart)）" } ?? Self.describeZh(scope)
        case let .town(code): place = naming(code).map { "\($0)（\(code)）" } ?? Self.describeZh(scope)
        }
        return "无权操作：\(actor.role.chinese)不能在\(place)执行此操作"
    }

    static func describe(_ scope: AccessScope) -> String {
        switch scope {
        case .registry: "the whole registry"
        case let .county(code): "county \(code.countyPart)"
        case let .town(code): "town \(code)"
        }
    }

    static func describeZh(_ scope: AccessScope) -> String {
        switch scope {
        case .registry: "整个登记簿"
        case let .county(code): "县（\(code.countyPart)）"
        case let .town(code): "乡镇（\(code)）"
        }
    }
}

extension UserAccount {
    /// Where the account works: its town, its county, or (an administrator without one) everywhere.
    public var ownScope: AccessScope {
        if let townCode { return .town(townCode) }
        if let countyCode { return .county(countyCode) }
        return .registry
    }

    /// The county whose registry the user may read (their town's county for a clerk); nil for a
    /// registry-wide administrator.
    public var readableCounty: DivisionCode? {
        townCode.map { $0.ancestor(at: .county) } ?? countyCode
    }

    /// The person at the command line: whoever can open the registry file administers it.
    public static func commandLine(_ name: String) -> UserAccount {
        UserAccount(username: name, displayName: name, role: .admin, countyCode: nil, townCode: nil)
    }
}

extension UserAccount.Role {
    public var chinese: String {
        switch self {
        case .clerk: "经办人"
        case .reviewer: "审核人"
        case .admin: "管理员"
        }
    }
}

extension NamingCase {
    /// Where the case lies, for the policy: its town, else its county.
    public var accessScope: AccessScope { .of(town: townCode, county: countyCode) }
}
