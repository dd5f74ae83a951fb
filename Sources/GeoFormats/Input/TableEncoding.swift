import CUchardet
import DimingCore
import Foundation

/// The text encodings a table file (CSV: divisions, POIs) may come in: UTF-8, with or without BOM, or
/// GB18030 (GBK, GB2312), as Excel and WPS save on Chinese Windows. Bytes that are not UTF-8 are
/// decoded as GB18030 only when uchardet (Debian libuchardet: freedesktop's kept port of Mozilla's
/// universal charset detector) recognises them as the GB family; Big5 from Taiwan or Hong Kong,
/// Shift-JIS or anything else is refused, naming what it looks like, instead of being decoded as
/// GB18030 and stored garbled (any byte string "decodes" as GB18030).
public enum TableEncoding {
    /// The charsets uchardet reports for the GB family.
    static let gbFamily: Set<String> = ["GB18030", "GB2312", "GBK", "EUC-CN", "HZ-GB-2312"]

    /// The text of `data`; `file` is how errors call it.
    public static func decode(_ data: Data, file: String) throws -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        let charset = detect(data)
        guard gbFamily.contains(charset) else {
            let seen = charset.isEmpty ? "an encoding that could not be recognised" : charset.hasPrefix("BIG5") || charset == "EUC-TW"
                ? "\(charset) text (traditional Chinese, as saved in Taiwan or Hong Kong)" : "\(charset) text"
            throw InputError(file: file, "the file is \(seen), not UTF-8 or GB18030: save it as UTF-8 (or GB18030) and import it again")
        }
        guard let text = String(data: data, encoding: CSVTable.gb18030) else {
            throw InputError(file: file, "neither UTF-8 nor valid GB18030 text")
        }
        return text
    }

    /// uchardet's name for the encoding of `data` (upper case), or "" when it cannot tell.
    static func detect(_ data: Data) -> String {
        guard let detector = uchardet_new() else { return "" }
        defer { uchardet_delete(detector) }
        let accepted = data.withUnsafeBytes { bytes in
            uchardet_handle_data(detector, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        guard accepted == 0 else { return "" }
        uchardet_data_end(detector)
        return uchardet_get_charset(detector).map { String(cString: $0).uppercased() } ?? ""
    }
}
