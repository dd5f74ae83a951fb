import CSV
import DimingCore
import Foundation

/// A CSV file read row by row with its header, keeping the line number of each row for errors.
///
/// The file must be a regular file of at most ``InputLimits/maxTableBytes``, each record at most
/// ``InputLimits/maxLineBytes``. UTF-8 with or without BOM, or GB18030 (as Excel and WPS save on Chinese Windows); any other encoding is refused (``TableEncoding``). The file is decoded whole (swift-corelibs' `InputStream` reports an
/// error at end of file, which CSV.swift's stream reader takes for a read failure). Line numbers
/// count records: a quoted field with a line break inside shifts them.
public final class CSVTable {
    public let path: String
    public let header: [String]
    private let reader: CSVReader
    private let columnIndex: [String: Int]
    /// The line of the row last returned by ``next()`` (the header is line 1).
    public private(set) var line = 1

    public let limits: InputLimits

    /// Reads the table at `path`: a regular file of at most ``InputLimits/maxTableBytes``.
    public convenience init(path: String, limits: InputLimits = .standard) throws {
        let data = try InputFile.contents(path, limit: limits.maxTableBytes, limitName: "maxTableBytes")
        try self.init(data: data, name: path, limits: limits)
    }

    /// Reads a table from memory; `name` is how errors call it.
    public init(data: Data, name path: String, limits: InputLimits = .standard) throws {
        self.path = path
        self.limits = limits
        var text = try TableEncoding.decode(data, file: path)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw InputError(file: path, line: 1, "cannot read the header row (\(error))")
        }
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.reduce(0, { $0 + $1.utf8.count }) <= limits.maxLineBytes else {
            throw InputError(file: path, line: 1, "a header row longer than \(limits.maxLineBytes) bytes (\(InputLimits.name("maxLineBytes", limits.maxLineBytes)))")
        }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        columnIndex = index
    }

    /// GB 18030 (kCFStringEncodingGB_18030_2000 as an NSStringEncoding).
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public func has(_ column: String) -> Bool { columnIndex[column] != nil }

    /// The first of `names` that is a column.
    public func column(_ names: [String]) -> String? { names.first(where: has) }

    /// Throws unless every column in `columns` is in the header.
    public func require(_ columns: [String]) throws {
        let missing = columns.filter { !has($0) }
        guard missing.isEmpty else {
            throw InputError(file: path, line: 1, "missing column(s): \(missing.joined(separator: ", ")) (header: \(header.joined(separator: ",")))")
        }
    }

    /// The next row as a lookup by column name, or nil at the end.
    public func next() throws -> Row? {
        guard let fields = reader.next() else {
            if let error = reader.error { throw InputError(file: path, line: line + 1, "cannot read the row (\(error))") }
            return nil
        }
        line += 1
        guard fields.reduce(0, { $0 + $1.utf8.count }) <= limits.maxLineBytes else {
            throw InputError(file: path, line: line, "a row longer than \(limits.maxLineBytes) bytes (\(InputLimits.name("maxLineBytes", limits.maxLineBytes)))")
        }
        return Row(fields: fields, columnIndex: columnIndex, line: line)
    }

    /// One row: fields by column name, trimmed; empty fields read as nil.
    public struct Row {
        public let fields: [String]
        let columnIndex: [String: Int]
        public let line: Int

        public subscript(column: String) -> String? {
            guard let i = columnIndex[column], i < fields.count else { return nil }
            let value = fields[i].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }

        /// Whether the row is empty (a blank line).
        public var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }
}
