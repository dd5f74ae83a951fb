import DimingCore
import Foundation
import Hummingbird

/// `/openapi.json`, written from the route table and the API routes registered elsewhere
/// (`extra`: method, Hummingbird path, summary; all signed in).
enum OpenAPIDocument {
    static func json(_ routes: [APIRoute], extra: [(HTTPRequest.Method, String, String)] = []) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        let documented = routes.map { ($0.method, $0.path, $0.summary, $0.signedIn) } + extra.map { ($0.0, $0.1, $0.2, true) }
        for (method, path, summary, signedIn) in documented {
            let openAPIPath = path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let parameters = path.split(separator: "/").filter { $0.hasPrefix(":") }.map { segment -> [String: Any] in
                ["name": String(segment.dropFirst()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            var operation: [String: Any] = [
                "summary": summary,
                "responses": ["200": ["description": "OK"], "400": ["description": "Bad input"], "403": ["description": "Not allowed"],
                              "404": ["description": "Not found"]],
            ]
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if signedIn { operation["security"] = [["session": [String]()]] }
            paths[openAPIPath, default: [:]][method.rawValue.lowercased()] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": ["title": "Diming (地名) registry API", "version": "1.0.0"],
            "paths": paths,
            "components": ["securitySchemes": ["session": ["type": "apiKey", "in": "cookie", "name": SessionMiddleware.cookie]]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
