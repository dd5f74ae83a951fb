import CSV
import Foundation

/// Writes CSV files (UTF-8; with a BOM when the file is meant for Excel/WPS).
public enum CSVOutput {
    public static func write(path: String, header: [String], rows: [[String]], byteOrderMark: Bool = false) throws {
        guard let stream = OutputStream(toFileAtPath: path, append: false) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let writer = try CSVWriter(stream: stream, newline: .lf)
        if byteOrderMark { _ = stream.write([0xEF, 0xBB, 0xBF], maxLength: 3) }
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
    }
}
