import CSV
import Foundation

/// Writes CSV files (UTF-8; with a BOM when the file is meant for Excel/WPS). A text cell that a
/// spreadsheet would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is written with a leading apostrophe, so LibreOffice, Excel and WPS show it as text
/// (OWASP's CSV-injection advice); numbers such as `-12.5` are left alone.
public enum CSVOutput {
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if Double(cell) != nil { return cell }
        return "'" + cell
    }

    public static func write(path: String, header: [String], rows: [[String]], byteOrderMark: Bool = false) throws {
        guard let stream = OutputStream(toFileAtPath: path, append: false) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let writer = try CSVWriter(stream: stream, newline: .lf)
        if byteOrderMark { _ = stream.write([0xEF, 0xBB, 0xBF], maxLength: 3) }
        try writer.write(row: header)
        for row in rows { try writer.write(row: row.map(neutralised)) }
        writer.stream.close()
    }
}
