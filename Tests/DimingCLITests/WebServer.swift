import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// A `diming serve` process on a free loopback port, on its own demo registry, stopped on release.
///
/// The procedure's dates keep their legal order (a notice runs its days before approval, nothing is
/// dated in the future), so a test that goes from notice to approval serves the same registry a
/// second time on a later day: `WebServer(today: "2026-03-10", sharing: first)`.
final class WebServer: @unchecked Sendable {
    /// The day the first server of a test lives on.
    static let firstDay = "2026-03-02"
    /// A day after a 7-day notice started on ``firstDay`` has run its course.
    static let afterNotice = "2026-03-10"

    let folder: TemporaryDirectory
    let process = Process()
    let base: String

    init(today: String = WebServer.firstDay, sharing other: WebServer? = nil, arguments: [String] = [], environment: [String: String] = [:]) throws {
        folder = try other?.folder ?? TemporaryDirectory()
        let db = folder.path("web.sqlite")
        if other == nil {
            guard try CLI.run(["demo", "--db", db]).status == 0 else { throw CocoaError(.fileReadUnknown) }
        }
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--db", db, "--port", "0", "--exports", folder.path("Exports")] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["DIMING_TODAY": today]) { _, day in day }) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where it listens.
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while !text.contains("\n"), Date() < deadline {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { Thread.sleep(forTimeInterval: 0.05) } else { text += String(decoding: data, as: UTF8.self) }
        }
        guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(text)"])
        }
        base = String(text[range])
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    struct Reply {
        var status: Int
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A signed-in (or anonymous) client keeping its session cookie and CSRF token.
    final class Client: @unchecked Sendable {
        let server: WebServer
        var cookie: String?
        var csrf: String?

        init(_ server: WebServer) { self.server = server }

        @discardableResult
        func request(_ method: String, _ path: String, json: [String: Any]? = nil, form: [String: String]? = nil, csrf sendCSRF: Bool = true,
                     headers: [String: String] = [:]) throws -> Reply {
            var request = URLRequest(url: URL(string: server.base + path)!)
            request.httpMethod = method
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            if sendCSRF, let csrf { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
            if let json {
                request.httpBody = try JSONSerialization.data(withJSONObject: json)
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
            if let form {
                request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&").utf8)
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            }
            let semaphore = DispatchSemaphore(value: 0)
            final class Box: @unchecked Sendable { var reply = Reply(status: 0, body: Data()); var cookie: String? }
            let box = Box()
            let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
            session.dataTask(with: request) { data, response, _ in
                let http = response as? HTTPURLResponse
                box.reply = Reply(status: http?.statusCode ?? 0, body: data ?? Data())
                if let setCookie = http?.value(forHTTPHeaderField: "Set-Cookie"), let pair = setCookie.split(separator: ";").first {
                    box.cookie = String(pair)
                }
                semaphore.signal()
            }.resume()
            semaphore.wait()
            if let cookie = box.cookie { self.cookie = cookie }
            return box.reply
        }

        func signIn(_ username: String, password: String = "diming-demo") throws -> Reply {
            let reply = try request("POST", "/api/session", json: ["username": username, "password": password])
            csrf = (reply.json as? [String: Any])?["csrf"] as? String
            return reply
        }
    }

    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
}
