import DimingCore
import DimingKit
import Foundation
import GeoFormats
import Hummingbird

extension Templates {
    /// The sign preview (路牌样式预览): the plate of a name, scaled to the screen, inside the site's
    /// page with a way back and a box to try another name. The plate itself is appended after this
    /// template by `WebPages.signPreviewPage` (SignFaceSVG escapes what it places).
    static let signPreview = """
        <p><a href="{{back}}" id="back">← {{backLabel}}</a></p>
        <h1>路牌样式预览</h1>
        <form class="filters" method="get" action="/signs/preview"><label>名称 <input name="name" value="{{name}}" required></label>{{#road}}<input type="hidden" name="road" value="{{road}}">{{/road}}<button>预览</button></form>
        <p><b>{{name}}</b> <span class="pinyin">{{sign}}</span></p>
        <p class="muted">{{direction}}道路的路牌，实际尺寸 {{size}} 毫米；<a href="{{svg}}" download="路牌-{{name}}.svg">下载 SVG（实际尺寸）</a></p>
        {{#squeezed}}<p class="warning" id="squeezed">名称或拼音较长，已压缩字距以适合此尺寸的路牌，可考虑加长路牌。</p>{{/squeezed}}
        """
}

extension WebPages {
    /// `/signs/preview` (the page) and `/signs/preview.svg` (the plate at its real size, in millimetres).
    func registerSignPreview(on router: Router<AppContext>) {
        router.get("/signs/preview") { request, context in
            _ = try context.requireUser()
            let plate = try await signPlate(request)
            let query = "name=" + (plate.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + (plate.road.map { "&road=\($0)" } ?? "")
            var values: [String: Any] = ["name": plate.name, "sign": plate.pinyin, "svg": "/signs/preview.svg?" + query,
                                         "direction": plate.direction.rawValue + "走向", "size": plate.size,
                                         "back": plate.road.map { "/roads/\($0)" } ?? "/", "backLabel": plate.road.map { "返回道路 \($0)" } ?? "回到待办",
                                         "squeezed": !plate.warnings.isEmpty]
            if let road = plate.road { values["road"] = road.description }
            let content = (library.render(values, withTemplate: "signPreview") ?? "") + "<figure class=\"sign-plate\">\(Self.scaled(plate.svg, label: plate.name))</figure>"
            return layout(title: "路牌样式预览 · " + plate.name, content: content, leaflet: false, request: context)
        }
        router.get("/signs/preview.svg") { request, context in
            _ = try context.requireUser()
            let plate = try await signPlate(request)
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'"],
                            body: .init(byteBuffer: ByteBuffer(string: plate.svg)))
        }
    }

    /// A plate drawn for `name=` (and `road=`: the road's direction and its county's colours, as its
    /// ordered faces have them).
    struct PreviewPlate {
        var name: String, pinyin: String, road: FeatureID?, direction: RoadDirection, svg: String, size: String, warnings: [String]
    }

    func signPlate(_ request: Request) async throws -> PreviewPlate {
        guard let name = request.uri.queryParameters.get("name").map({ String($0).trimmingCharacters(in: .whitespaces) }), !name.isEmpty else {
            throw InputError(field: "name", "give name=")
        }
        let romanization = services.resources.romanizer.romanize(name)
        var direction: RoadDirection = request.uri.queryParameters.get("direction") == "ns" ? .northSouth : .eastWest
        var settings = SignSettings()
        var road: FeatureID?
        if let id = request.uri.queryParameters.get("road").flatMap(FeatureID.init), id.kind == .road,
           let found = try? await blocking({ try services.registry.read { try $0.roads.find(id: id) } }) {
            road = id
            direction = found.direction
            settings = (try? await blocking { try SignService(registry: services.registry, actor: .commandLine("preview")).settings(county: found.countyCode) }) ?? settings
        }
        // SignFaceSVG escapes the name and the pinyin it places into the SVG.
        let (svg, layout) = SignFaceSVG.render(SignFace(text: name, pinyin: romanization.sign,
                                                        background: SignFace.colour(direction: direction, eastWest: settings.eastWestColour, northSouth: settings.northSouthColour),
                                                        back: .continues, forward: .continues))
        let box = svg.firstMatch(of: /viewBox="0 0 ([0-9.]+) ([0-9.]+)"/)
        let size = box.map { "\(Int(Double($0.1) ?? 0)) × \(Int(Double($0.2) ?? 0))" } ?? ""
        return PreviewPlate(name: name, pinyin: romanization.sign, road: road, direction: direction, svg: svg, size: size, warnings: layout.warnings)
    }

    /// The plate's SVG for a page: no XML declaration, as wide as the page (its viewBox keeps the
    /// proportions) instead of its real size in millimetres, and named for screen readers.
    static func scaled(_ svg: String, label: String) -> String {
        var inline = svg
        if let declaration = inline.range(of: #"<\?xml[^>]*\?>\s*"#, options: .regularExpression) { inline.removeSubrange(declaration) }
        if let size = inline.range(of: #"width="[0-9.]+mm" height="[0-9.]+mm""#, options: .regularExpression) {
            inline.replaceSubrange(size, with: "width=\"100%\" role=\"img\" aria-label=\"路牌：\(Self.attribute(label))\"")
        }
        return inline
    }

    /// Text escaped for an HTML attribute.
    static func attribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
