import DimingCore
import DimingKit
import Foundation

/// The map's base layer: 天地图's vector tiles and labels (Web Mercator tile grid, CGCS2000
/// coordinates, which match the registry's WGS-84 to well under a metre) when the county has set
/// its 天地图 key; otherwise none, and the map draws only the registry's own layers, offline.
extension WebPages {
    /// The tile URL templates (`{s}` one of 0–7) for `county`, or nil without a key.
    func tiandituTiles(county: DivisionCode?) async throws -> String? {
        guard let county else { return nil }
        let settings = try await services.cached("site-settings|" + county.countyPart) { try SiteSettings.load(services.registry, county: county) }
        guard let key = settings.tiandituKey else { return nil }
        return ["vec", "cva"].map { layer in
            "https://t{s}.tianditu.gov.cn/\(layer)_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=\(layer)&STYLE=default&TILEMATRIXSET=w"
                + "&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=\(key)"
        }.joined(separator: " ")
    }
}
