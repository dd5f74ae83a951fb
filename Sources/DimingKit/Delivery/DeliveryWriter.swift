import DimingCore
import Foundation
import GeoFormats

/// Writes delivery items in a profile's formats and coordinate system.
struct DeliveryWriter {
    var profile: DeliveryProfile
    var items: [DeliveryItem]
    /// ref → added / changed (empty for a full delivery)
    var change: [String: String]
    /// Records gone since the earlier delivery, with the name and geometry they had where known.
    var retired: [(item: DeliveryItem, osmID: Int)]
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

    /// WKT is always x y = lon lat, whatever order the profile's lat/lng columns take (GDAL and every
    /// provider read it so; `latFirst` is about the separate columns only).
    func wkt(_ item: DeliveryItem) -> String {
        func pair(_ p: Coordinate) -> String {
            let q = crs.fromWGS84(p)
            return "\(number(q.lon)) \(number(q.lat))"
        }
        if let line = item.line { return "LINESTRING(" + line.points.map(pair).joined(separator: ", ") + ")" }
        return "POINT(\(pair(item.point)))"
    }

    func tableRows() -> [[String]] {
        func row(_ item: DeliveryItem, change: String) -> [String] {
            let point = crs.fromWGS84(item.point)
            let located = item.line != nil || item.kind != .poi || !item.name.isEmpty
            return profile.columns.map { column in
                switch column.field {
                case "name": item.name
                case "pinyin": item.pinyin
                case "category": item.category?.codes[profile.categoryColumn] ?? ""
                case "lon": located ? number(point.lon) : ""
                case "lat": located ? number(point.lat) : ""
                case "address": item.address ?? ""
                case "division": item.division
                case "divisionCode": item.divisionCode
                case "wkt": located ? wkt(item) : ""
                case "change": change
                case "id": item.ref
                case "formerName": item.formerName ?? ""
                case "routeRef": item.routeRef ?? ""
                case "approvalNumber": item.approvalNumber ?? ""
                case "approvalDate": item.approvalDate ?? ""
                case "source": item.source
                default: ""
                }
            }
        }
        return items.map { row($0, change: change[$0.ref] ?? "") } + retired.map { row($0.item, change: "retired") }
    }

    func geojson() -> String {
        let features = items.map { item -> GeoJSONWriter.Feature in
            var properties = ["id": item.ref, "kind": item.kind.rawValue, "name": item.name, "pinyin": item.pinyin, "division": item.division,
                              "divisionCode": item.divisionCode, "source": item.source]
            properties["formerName"] = item.formerName
            properties["routeRef"] = item.routeRef
            properties["approvalNumber"] = item.approvalNumber
            properties["approvalDate"] = item.approvalDate
            properties["category"] = item.category?.codes[profile.categoryColumn]
            properties["address"] = item.address
            properties["change"] = change[item.ref]
            return GeoJSONWriter.Feature(properties: properties, geometry: item.line.map { .lineString($0) } ?? .point(item.point))
        }
        return GeoJSONWriter(decimals: profile.decimals, crs: crs).collection(features)
    }

    func kml() -> String {
        KMLWriter.document(name: title, placemarks: items.map { item in
            var data = [("id", item.ref), ("kind", item.kind.rawValue), ("pinyin", item.pinyin), ("division", item.division),
                        ("divisionCode", item.divisionCode), ("source", item.source)]
            for (key, value) in [("formerName", item.formerName), ("routeRef", item.routeRef), ("approvalNumber", item.approvalNumber),
                                 ("approvalDate", item.approvalDate)] {
                if let value { data.append((key, value)) }
            }
            if let category = item.category?.codes[profile.categoryColumn] { data.append(("category", category)) }
            if let change = change[item.ref] { data.append(("change", change)) }
            return KMLWriter.Placemark(name: item.name, data: data, point: item.line == nil ? item.point : nil, line: item.line)
        }, decimals: profile.decimals)
    }

    /// OSM XML for a full delivery; osmChange (create, modify, delete) for a change set. Roads that
    /// meet share their junction nodes; objects the registry numbered (negative ids, never in OSM)
    /// are only ever created — a changed one is created afresh under its id, a retired one has
    /// nothing to delete — and objects with OSM's own (positive) ids are modified or deleted.
    func osm() -> String {
        var nextNode = min((osmIDs.values.min() ?? 0), (retired.map(\.osmID).min() ?? 0)) - 1_000_000
        var shared: [String: OSMDocument.Node] = [:]
        func node(_ point: Coordinate) -> OSMDocument.Node {
            let key = String(format: "%.7f,%.7f", point.lon, point.lat)
            if let known = shared[key] { return known }
            defer { nextNode -= 1 }
            let made = OSMDocument.Node(id: nextNode, point: point, tags: [])
            shared[key] = made
            return made
        }
        func tags(_ item: DeliveryItem) -> [(String, String)] {
            var tags = [("name", item.name), ("name:zh", item.name), ("name:zh_pinyin", item.pinyin)]
            if let ref = item.routeRef { tags.append(("ref", ref)) }
            if let former = item.formerName { tags.append(("old_name", former)) }
            return tags
        }
        func document(_ items: [DeliveryItem]) -> OSMDocument {
            var document = OSMDocument()
            for item in items {
                let id = osmIDs[item.ref]!
                if let line = item.line {
                    document.ways.append(OSMDocument.Way(id: id, nodes: line.points.map(node), tags: [("highway", "unclassified")] + tags(item)))
                } else {
                    let osmTags = (item.category?.codes["osm"] ?? "").split(separator: ";").compactMap { pair -> (String, String)? in
                        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                        return kv.count == 2 ? (kv[0], kv[1]) : nil
                    }
                    document.nodes.append(OSMDocument.Node(id: id, point: item.point, tags: osmTags + tags(item)))
                }
            }
            return document
        }
        if change.isEmpty && retired.isEmpty { return document(items).xml() }
        let changed = items.filter { change[$0.ref] == "changed" }
        let create = items.filter { change[$0.ref] == "added" } + changed.filter { osmIDs[$0.ref]! < 0 }
        var deleted = OSMDocument()
        for (item, id) in retired where id > 0 {
            if item.line != nil {
                deleted.ways.append(OSMDocument.Way(id: id, nodes: [], tags: []))
            } else {
                deleted.nodes.append(OSMDocument.Node(id: id, point: item.point, tags: []))
            }
        }
        return OSMDocument.change(create: document(create), modify: document(changed.filter { osmIDs[$0.ref]! > 0 }), delete: deleted)
    }
}
