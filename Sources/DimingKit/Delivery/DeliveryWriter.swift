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
    var retired: [(item: DeliveryItem, record: DeliveredRecord)]
    /// The OSM ways of retired records that some segment of the registry still comes from (never deleted).
    var osmWaysInUse: Set<Int64> = []
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

    /// OSM XML for a full delivery; osmChange (create, modify, delete) for a change set.
    /// - A road imported from OSM is its ways, modified in place: id and version, their own nodes,
    ///   every tag they had plus the registry's name (in the OSM XML file only where the nodes'
    ///   versions are known, as JOSM requires; else it is drawn as a new way).
    /// - Anything else is new: negative ids, only ever in `<create>` (a changed one is created
    ///   afresh under its id); roads that meet share their junction nodes, OSM's own included.
    /// - A retired record's OSM ways: those of a road that stands (its name cancelled, 销名) lose the
    ///   name and keep it as `old_name`; those no segment of the registry comes from any more are
    ///   deleted by id and version; the rest are left alone.
    func osm() -> String {
        let fullFile = change.isEmpty && retired.isEmpty
        var nextID = min(osmIDs.values.min() ?? 0, retired.map(\.record.osmID).min() ?? 0) - 1_000_000
        var shared: [String: OSMDocument.Node] = [:]
        func key(_ point: Coordinate) -> String { String(format: "%.7f,%.7f", point.lon, point.lat) }
        func osmNodes(_ way: OSMIdentity, _ line: LineString) -> [OSMDocument.Node] {
            zip(way.nodes, line.points).enumerated().map { OSMDocument.Node(id: Int($1.0), version: way.nodeVersions?[$0], point: $1.1, tags: []) }
        }
        // OSM's own nodes first, so that a new way meeting one at a junction joins it.
        for item in items + retired.map(\.item) {
            for part in item.osmParts {
                guard let (way, _) = part.inPlace else { continue }
                for node in osmNodes(way, part.line) { shared[key(node.point)] = node }
            }
        }
        func node(_ point: Coordinate) -> OSMDocument.Node {
            if let known = shared[key(point)] { return known }
            defer { nextID -= 1 }
            let made = OSMDocument.Node(id: nextID, point: point, tags: [])
            shared[key(point)] = made
            return made
        }
        func names(_ item: DeliveryItem) -> [(String, String)] {
            var tags = [("name", item.name), ("name:zh", item.name), ("name:zh_pinyin", item.pinyin)]
            if let ref = item.routeRef { tags.append(("ref", ref)) }
            if let former = item.formerName { tags.append(("old_name", former)) }
            return tags
        }
        func modified(_ way: OSMIdentity, _ item: DeliveryItem, retire: Bool) -> [(String, String)] {
            var tags = way.tags
            if retire {
                for name in ["name", "name:zh", "name:zh_pinyin"] { tags[name] = nil }
                if !item.name.isEmpty { tags["old_name"] = item.name }
            } else {
                for (key, value) in names(item) { tags[key] = value }
            }
            return tags.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        /// Adds a record: new objects to `create`, OSM's ways it names (or un-names) to `modify`.
        func add(_ item: DeliveryItem, id: Int, retire: Bool = false, create: inout OSMDocument, modify: inout OSMDocument) {
            guard let line = item.line else {
                let osmTags = (item.category?.codes["osm"] ?? "").split(separator: ";").compactMap { pair -> (String, String)? in
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return kv.count == 2 ? (kv[0], kv[1]) : nil
                }
                create.nodes.append(OSMDocument.Node(id: id, point: item.point, tags: osmTags + names(item)))
                return
            }
            let parts = item.osmParts.isEmpty ? [DeliveryItem.OSMPart(line: line, way: nil)] : item.osmParts
            var wayID = id
            for part in parts {
                if let (way, version) = part.inPlace {
                    modify.ways.append(OSMDocument.Way(id: Int(way.way), version: version, modified: true, nodes: osmNodes(way, part.line),
                                                       tags: modified(way, item, retire: retire)))
                } else if !retire {
                    create.ways.append(OSMDocument.Way(id: wayID, nodes: part.line.points.map(node), tags: [("highway", "unclassified")] + names(item)))
                    wayID = nextID
                    nextID -= 1
                }
            }
        }
        var create = OSMDocument(), modify = OSMDocument()
        if fullFile {
            for item in items { add(item, id: osmIDs[item.ref]!, create: &create, modify: &modify) }
            create.nodes += modify.nodes
            create.ways = modify.ways + create.ways
            return create.xml()
        }
        for item in items where change[item.ref] != nil { add(item, id: osmIDs[item.ref]!, create: &create, modify: &modify) }
        // A road that stands (its name cancelled) un-names its ways; what the registry numbered was never in OSM.
        for (item, record) in retired where item.line != nil { add(item, id: record.osmID, retire: true, create: &create, modify: &modify) }
        // A way no segment of the registry comes from any more is gone: deleted, unless this set modifies it.
        let modified = Set(modify.ways.map(\.id))
        var deleted = OSMDocument()
        deleted.ways = retired.flatMap(\.record.osmWays).filter { !modified.contains(Int($0.id)) && !osmWaysInUse.contains($0.id) }
            .map { OSMDocument.Way(id: Int($0.id), version: $0.version, nodes: [], tags: []) }
        return OSMDocument.change(create: create, modify: modify, delete: deleted)
    }
}
