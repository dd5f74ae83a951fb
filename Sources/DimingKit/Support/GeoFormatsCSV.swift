import DimingCore
import GeoFormats

/// A small CSV table read whole through GeoFormats, for tables that are not streams.
enum GeoFormatsCSV {
    struct Row {
        var line: Int
        var values: [String: String]
    }

    static func rows(path: String, required: [String]) throws -> [Row] {
        let table = try CSVTable(path: path)
        try table.require(required)
        var rows: [Row] = []
        while let row = try table.next() {
            if row.isBlank { continue }
            var values: [String: String] = [:]
            for column in table.header { values[column] = row[column] }
            rows.append(Row(line: row.line, values: values))
        }
        return rows
    }
}
