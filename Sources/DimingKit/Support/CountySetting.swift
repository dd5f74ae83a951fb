import DimingCore
import Foundation

/// A county's setting kept as JSON under one settings key (deadlines, authorities, papers):
/// changing it is an administrator's act, audited with the value before and after.
enum CountySetting {
    /// The value kept under `key`, or `absent` when none has been set.
    static func load<Value: Decodable>(_ db: any RegistryTransaction, key: String, absent: @autoclosure () -> Value) throws -> Value {
        guard let text = try db.settings.get(key) else { return absent() }
        return try JSON.decoder().decode(Value.self, from: Data(text.utf8))
    }

    static func update<Value: Codable>(_ registry: any RegistryStore, county: DivisionCode, actor: UserAccount, clock: any Clock,
                                       key: String, action: AuditAction, load: (any RegistryTransaction) throws -> Value,
                                       _ edit: (inout Value) -> Void) throws -> Value {
        try Policy.require(actor, .manageSettings, in: .county(county))
        let now = clock.now()
        return try registry.write { db in
            let before = try load(db)
            var value = before
            edit(&value)
            try db.settings.set(key, JSON.string(value))
            try db.audit.append(AuditEvent(at: now, actor: actor.username, action: action, entityKind: "county", entityID: county.countyPart,
                                           before: JSON.string(before), after: JSON.string(value)))
            return value
        }
    }
}
