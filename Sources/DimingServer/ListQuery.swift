import DimingCore
import Foundation
import GeoFormats
import Hummingbird
import Naming

/// What a list page was asked for: a search, filters, a page (分页、筛选、搜索). Every list page
/// (backlog, cases) filters the scope's cached list in memory and shows 50 rows a page; the same
/// query downloads the whole filtered list as XLSX (导出Excel).
struct ListQuery {
    static let pageSize = 50
    var search: String?
    var fields: [String: String]
    var page: Int

    init(_ request: Request) {
        var fields: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where !value.isEmpty { fields[String(key)] = String(value) }
        search = fields["q"]?.trimmingCharacters(in: .whitespaces)
        if search?.isEmpty == true { search = nil }
        page = max(1, Int(fields["page"] ?? "") ?? 1)
        self.fields = fields
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// Whether `texts` (names, ids, places) match the search: by characters, by toneless pinyin
    /// (xingfu) or by initials (xfl).
    func matches(_ texts: [String], readings: ReadingDictionary) -> Bool {
        guard let search else { return true }
        let needle = search.lowercased()
        if texts.contains(where: { $0.lowercased().contains(needle) }) { return true }
        let key = Pinyin.toneless(needle).replacingOccurrences(of: " ", with: "")
        guard key.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        for text in texts {
            let syllables = text.compactMap { readings.reading(of: $0).map { Pinyin.toneless($0).lowercased() } }
            if syllables.joined().contains(key) || String(syllables.compactMap(\.first)).contains(key) { return true }
        }
        return false
    }

    /// The rows of this page, and the template's paging values (previous and next links keep the filters).
    func paged<T>(_ rows: [T], path: String) -> (rows: ArraySlice<T>, values: [String: Any]) {
        let pages = max(1, (rows.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(self.page, pages)
        let start = (page - 1) * Self.pageSize
        func link(_ n: Int) -> String {
            var items = fields.filter { $0.key != "page" }.map { URLQueryItem(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
            items.append(URLQueryItem(name: "page", value: "\(n)"))
            var components = URLComponents()
            components.path = path
            components.queryItems = items
            return components.string ?? path
        }
        var values: [String: Any] = ["total": rows.count, "page": page, "pages": pages, "q": search ?? ""]
        if page > 1 { values["previous"] = link(page - 1) }
        if page < pages { values["next"] = link(page + 1) }
        var export = URLComponents()
        export.path = path + ".xlsx"
        export.queryItems = fields.filter { $0.key != "page" }.map { URLQueryItem(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        values["export"] = export.string ?? path + ".xlsx"
        return (rows[start..<min(rows.count, start + Self.pageSize)], values)
    }

    /// Options of a filter's select, the chosen one marked.
    func options(_ name: String, _ choices: [(value: String, label: String)]) -> [[String: Any]] {
        choices.map { ["value": $0.value, "label": $0.label, "selected": fields[name] == $0.value] }
    }

    /// The whole list as an XLSX download.
    static func xlsx(_ filename: String, sheet: String, header: [String], rows: [[String]], numeric: Set<Int>) throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diming-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("list.xlsx").path
        try XLSXWriter.write(path: path, sheet: sheet, header: header, rows: rows, numeric: numeric)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "list.xlsx"
        return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                               .contentDisposition: "attachment; filename=\"list.xlsx\"; filename*=UTF-8''\(encoded)"],
                        body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
