import Foundation
import TestSupport
import Testing

/// `serve --trusted-proxy`: behind a reverse proxy, throttling and the audit trail see the client.
@Suite("Behind a reverse proxy")
struct TrustedProxyTests {
    /// The addresses the audit trail recorded for failed sign-ins (waiting a moment for them to land).
    func failedSignInAddresses(_ server: WebServer) throws -> [String] {
        for _ in 0..<50 {
            let rows = try TrustCLITests.audit(server.folder.path("web.sqlite"), action: "user.sign-in-failed")
            if !rows.isEmpty { return rows.map { $0[3] } }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return []
    }

    @Test("from a trusted proxy the client is the last X-Forwarded-For address; from any other peer the header is ignored")
    func forwarded() throws {
        let forwarded = ["X-Forwarded-For": "198.51.100.9, 203.0.113.7"]
        let trusting = try WebServer(arguments: ["--trusted-proxy", "127.0.0.1"])
        try withExtendedLifetime(trusting) {
            _ = try WebServer.Client(trusting).request("POST", "/api/session", json: ["username": "clerk", "password": "wrong"], headers: forwarded)
            let addresses = try failedSignInAddresses(trusting)
            #expect(addresses.count == 1 && addresses[0].contains("203.0.113.7"), "\(addresses)")
        }
        let plain = try WebServer()
        try withExtendedLifetime(plain) {
            _ = try WebServer.Client(plain).request("POST", "/api/session", json: ["username": "clerk", "password": "wrong"], headers: forwarded)
            let addresses = try failedSignInAddresses(plain)
            #expect(addresses.count == 1 && !addresses[0].contains("203.0.113.7") && !addresses[0].contains("198.51.100.9"), "\(addresses)")
        }
    }
}
