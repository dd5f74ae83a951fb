import DimingCore
import Foundation
import Naming

/// A county's local naming rules (地方规定), which the law leaves to practice: the longest 专名 it
/// allows (Suqian: 4 characters; none by default) and where duplicates and homophones are looked for
/// by default (the county, as in Xi'an, or the town, as in Dongying).
public struct LocalNamingRules: Codable, Sendable, Equatable {
    /// The longest 专名 allowed, in characters; nil: no limit.
    public var maxSpecificLength: Int?
    /// `county`, `town` or `km:N`: the default scope of duplicate and homophone checks.
    public var duplicateScope: String

    public init(maxSpecificLength: Int? = nil, duplicateScope: String = "county") {
        self.maxSpecificLength = maxSpecificLength
        self.duplicateScope = duplicateScope
    }

    public var scope: NameScope { NameScope(argument: duplicateScope) ?? .county }

    static func key(_ county: DivisionCode) -> String { "names.rules.\(county.countyPart)" }

    static func load(_ db: any RegistryTransaction, county: DivisionCode?) throws -> LocalNamingRules {
        guard let county, let text = try db.settings.get(key(county)) else { return LocalNamingRules() }
        return try JSON.decoder().decode(LocalNamingRules.self, from: Data(text.utf8))
    }
}

/// Reads and sets a county's local naming rules (`names rules`); setting them is audited.
public struct NamingSettings: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount
    public var clock: any Clock

    public init(registry: any RegistryStore, actor: UserAccount, clock: any Clock = SystemClock()) {
        self.registry = registry
        self.actor = actor
        self.clock = clock
    }

    public func rules(county: DivisionCode) throws -> LocalNamingRules {
        try Policy.require(actor, .viewRegistry, in: .county(county))
        return try registry.read { try LocalNamingRules.load($0, county: county) }
    }

    public func setRules(_ rules: LocalNamingRules, county: DivisionCode) throws {
        try Policy.require(actor, .manageSettings, in: .county(county))
        guard NameScope(argument: rules.duplicateScope) != nil else {
            throw InputError(field: "--scope", "'\(rules.duplicateScope)' is not town, county or km:N")
        }
        if let limit = rules.maxSpecificLength, limit < 1 { throw InputError(field: "--max-specific-length", "a limit is at least 1 character") }
        let now = clock.now()
        try registry.write { db in
            let before = try db.settings.get(LocalNamingRules.key(county))
            try db.settings.set(LocalNamingRules.key(county), JSON.string(rules))
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: .settingsNames, entityKind: "county",
                                           entityID: county.countyPart, before: before, after: JSON.string(rules)))
        }
    }
}
