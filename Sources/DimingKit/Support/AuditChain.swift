import DimingCore
import Crypto
import Foundation

/// The audit trail's hash chain (审计链): each event carries the SHA-256 of the event before it and
/// of its own stored fields, so changing, removing or inserting any event by hand (SQL on the file)
/// breaks the chain from that event on. The store computes the link over the fields exactly as it
/// stores them, and ``AuditVerification`` recomputes the whole chain.
public enum AuditChain {
    /// The chain's start, before the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an event, given the previous event's hash and the event's stored fields
    /// (time, actor, action, entity kind, entity id, before, after, document; nil as empty).
    public static func link(previous: String, fields: [String?]) -> String {
        var text = previous
        for field in fields {
            // A unit separator between fields and a marker for nil keep distinct events distinct.
            text += "\u{1F}" + (field.map { "v" + $0 } ?? "n")
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// The result of checking the chain: how many events were checked and the first one that does not
/// match (its id), if any.
public struct AuditChainReport: Codable, Sendable {
    public var events: Int
    public var firstBroken: Int64?
    public var ok: Bool { firstBroken == nil }

    public init(events: Int, firstBroken: Int64?) {
        self.events = events
        self.firstBroken = firstBroken
    }
}

/// `diming audit verify`: recomputes the audit trail's hash chain.
public struct AuditVerification: Sendable {
    public var registry: any RegistryStore
    public var actor: UserAccount

    public init(registry: any RegistryStore, actor: UserAccount) {
        self.registry = registry
        self.actor = actor
    }

    public func run() throws -> AuditChainReport {
        try Policy.require(actor, .manageSettings, in: actor.ownScope)
        SignInOutbox.settle(registry) // sign-ins still in the outbox join the chain first, when the lock is free
        return try registry.read { try $0.audit.verifyChain() }
    }
}
