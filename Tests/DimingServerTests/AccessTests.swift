import DimingCore
import DimingKit
import DimingServer
import DimingStore
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("Who sees what through the web")
struct AccessTests {
    @Test("the documents of a batch show a clerk only their town's cases; a clerk of none and another county's reviewer get 403")
    func batchDocuments() async throws {
        let f = try ServerFixture()
        let (town1, town2) = (try f.town(of: "clerk"), try f.town(of: "clerk2"))
        #expect(town1 != town2)
        let first = try f.caseInNotice(road: try #require(try f.unnamedRoads(in: town1).first).id)
        let second = try f.caseInNotice(road: try #require(try f.unnamedRoads(in: town2).first).id)
        let batch = try f.batches.create(county: ServerFixture.county, title: "2026年第一批")
        _ = try f.batches.add(batch.id, cases: [first.id, second.id])
        let third = try #require(try DivisionQueries(registry: f.registry).list(parent: nil, level: .town).map(\.code).first { ![town1, town2].contains($0) })
        try f.addAccount(UserAccount(username: "clerk3", displayName: "第三乡镇经办人", role: .clerk, countyCode: ServerFixture.county, townCode: third))
        try f.addAccount(UserAccount(username: "outsider", displayName: "外县审核人", role: .reviewer, countyCode: DivisionCode("379902"), townCode: nil))

        try await f.test { client in
            let notice = "/batches/\(batch.id)/documents/notice"
            for (username, shown, hidden) in [("clerk", [first], [second]), ("clerk2", [second], [first]), ("reviewer", [first, second], [])] {
                let session = try await client.signIn(username)
                let page = try await client.get(notice, as: session)
                #expect(page.status == .ok, "\(username): \(page.status)")
                for c in shown { #expect(page.text.contains(c.proposedName), "\(username) does not see \(c.proposedName)") }
                for c in hidden { #expect(!page.text.contains(c.proposedName), "\(username) sees \(c.proposedName) of another town") }
                // The batch page lists the same cases.
                let batchPage = try await client.get("/batches/\(batch.id)", as: session)
                #expect(batchPage.status == .ok)
                for c in hidden { #expect(!batchPage.text.contains(c.proposedName), "\(username) sees \(c.proposedName) on the batch page") }
            }
            for username in ["clerk3", "outsider"] {
                let page = try await client.get(notice, as: try await client.signIn(username))
                #expect(page.status == .forbidden, "\(username): \(page.status)")
                #expect(!page.text.contains(first.proposedName) && !page.text.contains(second.proposedName))
            }
            // Without a session: 401, and nothing of the batch.
            let anonymous = try await client.get(notice, as: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/login?next=") == true && !anonymous.text.contains(first.proposedName))
        }
    }

    @Test("a malformed id in a filter or a parameter is bad input (400), never 'no filter'")
    func malformedIDs() async throws {
        let f = try ServerFixture()
        try await f.test { client in
            let reviewer = try await client.signIn("reviewer")
            for uri in ["/api/roads?town=abc", "/api/roads?county=12x", "/api/backlog?county=abc", "/api/names/suggest?road=xyz",
                        "/api/names/suggest?road=379901-C-000001", "/api/names/check?name=%E5%B9%B8%E7%A6%8F%E8%B7%AF&road=xyz",
                        "/api/cases?town=abc", "/api/signs?road=xyz", "/api/roads/xyz", "/api/cases/xyz", "/roads/xyz", "/cases/xyz",
                        "/batches/xyz"] {
                let page = try await client.get(uri, as: reviewer)
                #expect(page.status == .badRequest, "\(uri): \(page.status) \(page.text)")
                // The API answers JSON; a page route answers a Chinese page, never JSON.
                #expect(uri.hasPrefix("/api/") ? page.text.contains("BAD_INPUT") : page.text.contains("<h1>输入有误</h1>"), "\(uri): \(page.text)")
            }
            // A well-formed filter still filters.
            let town = try f.town(of: "clerk")
            let filtered = try await client.get("/api/roads?town=\(town)", as: reviewer)
            let all = try await client.get("/api/roads", as: reviewer)
            #expect(filtered.status == .ok && all.status == .ok)
            let count = { (page: Page) in ((try? JSONSerialization.jsonObject(with: Data(page.text.utf8))) as? [Any])?.count ?? -1 }
            #expect(count(filtered) > 0 && count(filtered) < count(all))
        }
    }

    @Test("many requests at once are all answered (the use cases run off the server's threads)")
    func concurrentRequests() async throws {
        let f = try ServerFixture()
        let road = try #require(try RoadQueries(registry: f.registry, actor: .commandLine("test")).list(RoadFilter(unnamedOnly: true)).first).id
        try await f.test { client in
            let reviewer = try await client.signIn("reviewer")
            let uris = ["/", "/backlog", "/api/roads/\(road)", "/api/backlog", "/roads/\(road)", "/map",
                        "/api/names/check?road=\(road)&name=%E5%B9%B8%E7%A6%8F%E8%B7%AF"]
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<64 {
                    group.addTask { try await client.get(uris[i % uris.count], as: reviewer).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count == 64 && statuses.allSatisfy { $0 == .ok })
        }
    }
}
