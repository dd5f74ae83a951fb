import DimingCore
import Foundation

/// A POI category with its code at each provider (`GeoData/pois/categories.tsv`).
public struct POICategory: Codable, Sendable, Hashable {
    public var key: String
    public var name: String
    /// amap, baidu, tencent, osm → code or tag
    public var codes: [String: String]
}

/// The category table, looked up by key (`farm_stay`) or Chinese name (`农家乐`).
public struct POICategories: Sendable {
    public let all: [POICategory]

    public static func load(geoData: String? = nil) throws -> POICategories {
        guard let root = geoData ?? GeoDataLocator.find() else { throw InputError("cannot find GeoData/pois") }
        let path = root + "/pois/categories.tsv"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "cannot read the category table")
        }
        let lines = text.split(whereSeparator: \.isNewline)
        let providers = columns(of: text)
        return POICategories(all: lines.filter { !$0.hasPrefix("#") }.compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2 + providers.count else { return nil }
            return POICategory(key: f[0], name: f[1], codes: Dictionary(uniqueKeysWithValues: zip(providers, f[2...])))
        })
    }

    /// The provider columns of the table, from its `# key<TAB>name<TAB>…` header line (amap, baidu,
    /// tencent, tianditu, osm …): each provider has its own codes, Tianditu included.
    public static func columns(of text: String) -> [String] {
        let header = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("# key\t") }
        guard let header else { return ["amap", "baidu", "tencent", "osm"] }
        return header.dropFirst(2).split(separator: "\t").dropFirst(2).map(String.init)
    }

    /// The provider columns of `GeoData/pois/categories.tsv` under `root`.
    public static func columns(geoData root: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: root + "/pois/categories.tsv") else { return nil }
        return columns(of: String(decoding: data, as: UTF8.self))
    }

    public init(all: [POICategory]) {
        self.all = all
    }

    /// By key, by full Chinese name, or by one of the names a slash separates (农家乐/民宿 → 民宿).
    public func find(_ text: String) -> POICategory? {
        let key = text.trimmingCharacters(in: .whitespaces)
        return all.first { $0.key == key || $0.name == key || $0.name.split(separator: "/").contains(Substring(key)) }
    }
}
