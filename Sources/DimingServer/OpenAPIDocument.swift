import DimingCore
import Foundation

/// `/openapi.json`, written from the route table.
enum OpenAPIDocument {
    static func json(_ routes: [APIRoute]) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for route in routes {
            let parameters = route.path.split(separator: "/").filter { $0.hasPrefix(":") }.map { segment -> [String: Any] in
                ["name": String(segment.dropFirst()), "in": "path", "required": true, "schema": ["type": "string"]]
            }
            var operation: [String: Any] = [
                "summary": route.summary,
                "responses": ["200": ["description": "OK"], "400": ["description": "Bad input"], "403": ["description": "Not allowed"],
                              "404": ["description": "Not found"]],
            ]
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if route.signedIn { operation["security"] = [["session": [String]()]] }
            paths[route.openAPIPath, default: [:]][route.method.rawValue.lowercased()] = operation
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
