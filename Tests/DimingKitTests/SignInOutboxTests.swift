import DimingCore
@testable import DimingKit
import DimingStore
import Foundation
import TestSupport
import Testing

/// Issue 18, part 5: sessions and the sign-in audit events live in a sidecar store beside the
/// registry (`<registry>.sessions`, owner-only), so a sign-in never waits for the registry's write
/// lock; the events move into the audit trail, in order, with their own times and chained, when
/// the lock is free, exactly once.
@Suite("Sign-in outbox")
struct SignInOutboxTests {
    static let geoData = SharedData.packageRoot.appendingPathComponent("GeoData").path

    func demo() throws -> (TemporaryDirectory, SQLiteRegistry) {
        let folder = try TemporaryDirectory()
        _ = try DemoRegistry(geoData: Self.geoData, actor: .commandLine("setup"), open: SQLiteRegistry.opener).build(path: folder.path("d.sqlite"))
        return (folder, try SQLiteRegistry(path: folder.path("d.sqlite")))
    }

    @Test("a sign-in while another process holds the write lock: no wait; its events join the trail later, once, in order")
    func outbox() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let accounts = Accounts(registry: registry)
            _ = try accounts.signIn("reviewer", password: DemoRegistry.password) // rehashes the demo's cheap hash while the lock is free
            let before = try registry.read { try $0.audit.count() }
            let lock = try WriteLock(path: registry.path)
            let started = Date()
            let session = try #require(try accounts.signIn("clerk", password: DemoRegistry.password))
            #expect(try accounts.signIn("clerk", password: "wrong-password") == nil)
            try accounts.signOut(session.token)
            #expect(Date().timeIntervalSince(started) < 8, "nothing waited for the registry's 10 s busy timeout")
            #expect(try registry.read { try $0.audit.count() } == before, "the events wait in the outbox")
            #expect(SignInOutbox.settle(registry) == false, "the lock is taken: the outbox stays")
            lock.release()
            let sidecar = SQLiteSessions.sidecar(of: registry.path)
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: sidecar)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "the sidecar is owner-only: \(String(mode, radix: 8))")
            // The next registry write moves them in first-come order with the times they happened.
            try registry.write { db in
                try db.settings.set("test.touch", "1")
                try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .settingsDemo, entityKind: "registry", entityID: "x"))
            }
            let events = try registry.read { try $0.audit.events(entityKind: nil, entityID: nil, action: nil, limit: 100_000) }.dropFirst(before)
            #expect(events.map(\.action) == [.settingsDemo, .userSignedIn, .userSignInFailed, .userSignedOut])
            let moved = Array(events.dropFirst())
            #expect(zip(moved, moved.dropFirst()).allSatisfy { $0.at <= $1.at } && moved.allSatisfy { $0.at >= started.addingTimeInterval(-1) })
            #expect(moved.allSatisfy { $0.at <= events.first!.at }, "their own times, not the time they moved")
            #expect(try registry.read { try $0.audit.verifyChain() }.firstBroken == nil)
            // Exactly once: the outbox is empty, and another write moves nothing again.
            #expect(try registry.sessions?.read { try $0.pending(limit: 10) }?.isEmpty == true)
            try registry.write { db in
                try db.settings.set("test.touch", "2")
                try db.audit.append(AuditEvent(at: Date(), actor: "t", action: .settingsDemo, entityKind: "registry", entityID: "x"))
            }
            #expect(try registry.read { try $0.audit.count() } == before + 5)
        }
    }

    @Test("events already moved but not yet forgotten by the outbox (a crash between the two stores) are not moved twice")
    func exactlyOnce() throws {
        let (folder, registry) = try demo()
        try withExtendedLifetime(folder) { () throws in
            let sessions = try #require(registry.sessions)
            try sessions.transaction { try $0.enqueue(AuditEvent(at: Date(), actor: "clerk", action: .userSignedIn, entityKind: "user", entityID: "clerk")) }
            let before = try registry.read { try $0.audit.count() }
            // The outbox forgets only after the registry commits; until then the registry's marker keeps them from moving twice.
            try registry.transaction { tx in
                let first = try SignInOutbox.move(from: sessions, into: tx)
                let again = try SignInOutbox.move(from: sessions, into: tx)
                #expect(first?.moved.count == 1 && again?.moved.isEmpty == true)
            }
            #expect(try registry.read { try $0.audit.count() } == before + 1)
            #expect(try sessions.read { try $0.pending(limit: 10) }?.isEmpty == true, "forgotten after the commit")
        }
    }
}
