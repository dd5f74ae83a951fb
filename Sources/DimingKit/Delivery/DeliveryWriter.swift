import DimingCore
import Foundation
import GeoFormats

/// Writes delivery items in a profile's formats and coordinate system.
struct DeliveryWriter {
    var profile: DeliveryProfile
    var items: [DeliveryItem]
    /// ref → added / changed (empty for a full delivery)
    var change: [String: String]
    var retired: [(ref: String, osmID: Int)]
    var osmIDs: [String: Int]
    var title: String

    var crs: CoordinateSystem { profile.coordinateSystem }

    func write(format: String, to path: String) throws {
        switch format {
        case "csv": try CSVOutput.write(path: path, header: profile.columns.map(\.header), rows: tableRows(), byteOrderMark: true)
        case "xlsx": try XLSXWriter.write(path: path, sheet: profile.provider, header: profile.columns.map(\.header), rows: tableRows())
        case "geojson": try geojson().write(toFile: path, atomically: true, encoding: .utf8)
        case "kml": try kml().write(toFile: path, atomically: true, encoding: .utf8)
        case "osm": try osm().write(toFile: path, atomically: true, encoding: .utf8)
        default: throw InputError(field: "formats", "profile \(profile.name) names an unknown format \(format)")
        }
    }

    func number(_ value: Double) -> String { String(format: "%.\(profile.decimals)f", value) }

    func wkt(_ item: DeliveryItem) -> String {
        func pair(_ p: Coordinate) -> String {
            let q = crs.fromWGS84(p)
            return profile.latFirst ? "\(number(q.lat)) \(number(q.lon))" : "\(number(q.lon)) \(number(q.lat))"
        }
        if let line = item.line { return "LINESTRING(" + line.points.map(pair).joined(separator: ", ") + ")" }
        return "POINT(\(pair(item.point)))"
    }

    func tableRows() -> [[String]] {
        var rows = items.map { item -> [String] in
            let point = crs.fromWGS84(item.point)
            return profile.columns.map { column in
                switch column.field {
                case "name": item.name
                case "pinyin": item.pinyin
                case "category": item.category?.codes[profile.categoryColumn] ?? ""
                case "lon": number(point.lon)
                case "lat": number(point.lat)
                case "address": item.address ?? ""
                case "division": item.division
                case "wkt": wkt(item)
                case "change": change[item.ref] ?? ""
                case "id": item.ref
                default: ""
                }
            }
        }
        for (ref, _) in retired {
            rows.append(profile.columns.map { $0.field == "id" ? ref : $0.field == "change" ? "retired" : "" })
        }
        return rows
    }

    func geojson() -> String {
        let features = items.map { item -> GeoJSONWriter.Feature in
            var properties = ["id": item.ref, "kind": item.kind.rawValue, "name": item.name, "pinyin": item.pinyin, "division": item.division]
            properties["category"] = item.category?.codes[profile.categoryColumn]
            properties["address"] = item.address
            properties["change"] = change[item.ref]
            return GeoJSONWriter.Feature(properties: properties, geometry: item.line.map { .lineString($0) } ?? .point(item.point))
        }
        return GeoJSONWriter(decimals: profile.decimals, crs: crs).collection(features)
    }

    func kml() -> String {
        KMLWriter.document(name: title, placemarks: items.map { item in
            var data = [("id", item.ref), ("kind", item.kind.rawValue), ("pinyin", item.pinyin), ("division", item.division)]
            if let category = item.category?.codes[profile.categoryColumn] { data.append(("category", category)) }
            if let change = change[item.ref] { data.append(("change", change)) }
            return KMLWriter.Placemark(name: item.name, data: data, point: item.line == nil ? item.point : nil, line: item.line)
        }, decimals: profile.decimals)
    }

    /// OSM XML for a full delivery; osmChange (create, modify, delete) for a change set.
    func osm() -> String {
        var nextNode = (osmIDs.values.min() ?? 0) - 1_000_000
        func document(_ items: [DeliveryItem]) -> OSMDocument {
            var document = OSMDocument()
            for item in items {
                var tags = [("name", item.name), ("name:zh", item.name), ("name:zh_pinyin", item.pinyin)]
                if let ref = item.routeRef { tags.append(("ref", ref)) }
                let id = osmIDs[item.ref]!
                if let line = item.line {
                    tags.insert(("highway", "unclassified"), at: 0)
                    let nodes = line.points.map { point -> OSMDocument.Node in
                        defer { nextNode -= 1 }
                        return OSMDocument.Node(id: nextNode, point: point, tags: [])
                    }
                    document.ways.append(OSMDocument.Way(id: id, nodes: nodes, tags: tags))
                } else {
                    let osmTags = (item.category?.codes["osm"] ?? "").split(separator: ";").compactMap { pair -> (String, String)? in
                        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        return kv.count == 2 ? (kv[0], kv[1]) : nil
                    }
                    document.nodes.append(OSMDocument.Node(id: id, point: item.point, tags: osmTags + tags))
                }
            }
            return document
        }
        if change.isEmpty && retired.isEmpty { return document(items).xml() }
        var deleted = OSMDocument()
        for (_, id) in retired { deleted.nodes.append(OSMDocument.Node(id: id, point: Coordinate(lon: 0, lat: 0), tags: [])) }
        return OSMDocument.change(create: document(items.filter { change[$0.ref] == "added" }),
                                  modify: document(items.filter { change[$0.ref] == "changed" }), delete: deleted)
    }
}
