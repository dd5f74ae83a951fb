import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Issue 18, part 5: while another program holds the registry's write lock, a write the server
/// cannot begin in time answers 503 with Retry-After (form posts and API posts alike, never 500),
/// and signing in and out still work at once: sessions live beside the registry, not in it.
@Suite("A busy registry")
struct BusyRegistryTests {
    @Test("writes answer 503 with Retry-After while another process holds the write lock; sign-in and sign-out do not wait")
    func busy() async throws {
        let testStart = Date().addingTimeInterval(-1)
        let f = try ServerFixture()
        // The same registry, waiting only 0.2 s for the lock (the default is 10 s).
        let impatient = try SQLiteRegistry(path: f.registry.path, busyTimeout: 0.2)
        let server = RegistryServer(services: ServerServices(registry: impatient, resources: f.resources, categories: try .load(geoData: ServerFixture.geoData)))
        let town = try f.town(of: "clerk")
        let road = try #require(try f.unnamedRoads(in: town).first)
        let before = try Self.count(f.registry)
        try await server.application().test(.router) { client in
            let lock = try WriteLock(path: f.registry.path)
            defer { lock.release() }
            // A sign-in that needed the registry's write lock would be busy after 0.2 s, and refused.
            let session = try await client.signIn("clerk")
            let form = try await client.post("/roads/\(road.id)/propose", form: ["name": "忙碌路", "applicant": "村民委员会"], as: session)
            #expect(form.status == .serviceUnavailable, "form post: \(form.status)")
            #expect(form.headers[.retryAfter] != nil && form.text.contains("登记簿正忙"))
            let body = try JSONSerialization.data(withJSONObject: ["road": road.id.description, "name": "忙碌路", "applicant": "村民委员会"])
            let api = try await client.execute(uri: "/api/cases", method: .post,
                                               headers: [.cookie: session.cookie, .contentType: "application/json", .init("X-CSRF-Token")!: session.csrf],
                                               body: ByteBuffer(bytes: body))
            #expect(api.status == .serviceUnavailable, "API post: \(api.status) \(String(buffer: api.body))")
            #expect(api.headers[.retryAfter] != nil && String(buffer: api.body).contains("\"BUSY\""))
            let out = try await client.post("/logout", form: [:], as: session)
            #expect(out.status == .seeOther, "sign-out: \(out.status)")
            #expect(try await client.get("/", as: session).status == .seeOther, "the session ended")
        }
        // Nothing was written while the lock was held; the sign-in and sign-out join the audit trail
        // at the next write, in order, with the times they happened.
        #expect(try Self.count(f.registry) == before)
        SignInOutbox.settle(f.registry)
        let events = try Self.clerkEvents(f.registry).suffix(2)
        #expect(events.map(\.action) == [.userSignedIn, .userSignedOut])
        #expect(events.allSatisfy { $0.at >= testStart && $0.at <= Date() } && events.first!.at <= events.last!.at)
        #expect(try Self.chainBroken(f.registry) == nil)
    }

    static func count(_ registry: SQLiteRegistry) throws -> Int { try registry.read { try $0.audit.count() } }
    static func clerkEvents(_ registry: SQLiteRegistry) throws -> [AuditEvent] { try registry.read { try $0.audit.events(entityKind: "user", entityID: "clerk") } }
    static func chainBroken(_ registry: SQLiteRegistry) throws -> Int64? { try registry.read { try $0.audit.verifyChain() }.firstBroken }
}
