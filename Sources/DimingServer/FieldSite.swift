import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird
import Mustache

/// The pages away from the office desk (#13): sign crews' pages (`/field`), every standard name's
/// public page (`/n/:id`, no sign-in), villagers' new places and their receipts (`/n/:id/add`,
/// `/receipts`), and the reviewer's queue of places (`/pois`). Handlers parse, call one DimingKit
/// use case and format; the public forms are limited per address and carry a signed challenge.
struct FieldSite: Sendable {
    let pages: WebPages
    let library: MustacheLibrary
    let throttle: SubmissionThrottle
    let challenge = SubmissionChallenge()
    /// The largest form with a photo (the photo limit plus the fields).
    static let uploadLimit = ImageHeader.Limits().maxBytes + 64 * 1024

    var services: ServerServices { pages.services }
    var files: AttachmentStore { AttachmentStore(beside: services.registry) }

    init(pages: WebPages, throttle: SubmissionThrottle = SubmissionThrottle()) throws {
        self.pages = pages
        self.throttle = throttle
        var library = MustacheLibrary()
        for (name, text) in FieldTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// Renders `template` inside the site's layout (with Leaflet when `map`), with this page's
    /// stylesheet and script.
    func page(_ template: String, title: String, _ values: [String: Any], map: Bool = false, status: HTTPResponse.Status = .ok,
              context: AppContext) -> Response {
        let content = FieldTemplates.head + (library.render(values, withTemplate: template) ?? "")
        var response = pages.layout(title: title, content: content, leaflet: map, request: context)
        response.status = status
        return response
    }

    func register(on router: Router<AppContext>) {
        router.get("/assets/field.js") { _, _ in Assets.response(FieldAssets.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/field.css") { _, _ in Assets.response(FieldAssets.css, type: "text/css; charset=utf-8") }
        registerFieldRoutes(on: router)
        registerPublicRoutes(on: router)
        registerReviewRoutes(on: router)
    }

    static func id(_ context: AppContext, _ kind: FeatureKind) throws -> FeatureID {
        guard let id = context.parameters.get("id").flatMap(FeatureID.init), id.kind == kind else {
            throw RegistryError.notFound(kind: kind == .name ? "name" : kind == .sign ? "sign" : "record", key: context.parameters.get("id") ?? "")
        }
        return id
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func jsonText(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// An SVG or image answer with a policy that runs nothing.
    static func file(_ data: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'", .cacheControl: "private, max-age=300"],
                 body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
