import Foundation

/// Where an OSM XML file is cut to be parsed in two parts at once (分段解析): the first part is the
/// file up to the start of a line that opens a `node`, `way` or `relation`, closed with `</osm>`;
/// the second is the file's prolog and root start tag, a line break, then the rest of the file. Each
/// part is a document libxml2 parses as it would have parsed that stretch of the whole file, as long
/// as the cut is between the root's children: when it is not (inside a comment, a CDATA section or
/// a nested element), the first part is not well-formed and its parse fails, which the reader
/// takes as the sign to read the file on one parser instead.
///
/// Only a plain prolog is cut: an optional XML declaration, white space, then `<osm …>` (no
/// document type, no comment or processing instruction before the root), so that both parts start
/// from the same declarations.
struct OSMFileSplit: Equatable {
    /// The file from its start to the end of the root's start tag.
    var prolog: [UInt8]
    /// Where the second part starts: the start of a line.
    var offset: Int
    var size: Int

    /// The first part: the file before `offset`, then the root's end.
    var first: XMLFileSection { XMLFileSection(range: 0..<offset, suffix: Array("</osm>".utf8)) }
    /// The second part: the prolog and a line break, then the file from `offset`.
    var second: XMLFileSection { XMLFileSection(range: offset..<size, prefix: prolog + [UInt8(ascii: "\n")]) }

    /// What to add to a line number of the second part's parse to make it the file's, given the
    /// line the first part's root ended at (the line at `offset`).
    func lineOffset(firstPartEndLine: Int) -> Int {
        // The second part's first line from the file is the prolog's lines plus one, after its line break.
        firstPartEndLine - (prolog.count(where: { $0 == UInt8(ascii: "\n") }) + 2)
    }

    /// The cut of the file at `path` (of `size` bytes) at the first line opening a top-level object
    /// at or after `fraction` of it; nil when the prolog is not plain or no such line is near.
    static func plan(path: String, size: Int, fraction: Double) -> OSMFileSplit? {
        guard size > 0, fraction > 0, fraction < 1, let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        let window = 1 << 16
        guard let head = try? file.readChunk(upToCount: min(window, size)), let rootEnd = rootStartTagEnd(in: Array(head)) else { return nil }
        let from = max(rootEnd, Int(Double(size) * fraction))
        guard from < size, (try? file.seek(toOffset: UInt64(from))) != nil,
              let bytes = try? file.readChunk(upToCount: min(window, size - from)),
              let line = objectLineStart(in: Array(bytes)) else { return nil }
        let offset = from + line
        guard offset > rootEnd, offset < size else { return nil }
        return OSMFileSplit(prolog: Array(head[..<rootEnd]), offset: offset, size: size)
    }

    /// Where the root's start tag ends (just after its `>`) in `head`, when all before it is an
    /// optional byte order mark and XML declaration and white space, and the root is an `<osm>` that is
    /// not self-closing.
    static func rootStartTagEnd(in head: [UInt8]) -> Int? {
        var i = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if head[i...].starts(with: Array("<?xml".utf8)) {
            guard let end = find(Array("?>".utf8), in: head, from: i) else { return nil }
            i = end + 2
        }
        while i < head.count, isSpace(head[i]) { i += 1 }
        guard head[i...].starts(with: Array("<osm".utf8)), i + 4 < head.count, isSpace(head[i + 4]) || head[i + 4] == UInt8(ascii: ">") else { return nil }
        i += 4
        var quote: UInt8?
        while i < head.count {
            let byte = head[i]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return head[i - 1] == UInt8(ascii: "/") ? nil : i + 1
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The start of the first line in `bytes` (after a line break in it) whose first markup, after
    /// blanks, opens a `node`, `way` or `relation`.
    static func objectLineStart(in bytes: [UInt8]) -> Int? {
        var i = 0
        while let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) {
            var j = newline + 1
            while j < bytes.count, bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t") { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "<") {
                for name in ["node", "way", "relation"] {
                    let end = j + 1 + name.utf8.count
                    if end < bytes.count, bytes[(j + 1)..<end].elementsEqual(name.utf8), isSpace(bytes[end]) || bytes[end] == UInt8(ascii: ">") || bytes[end] == UInt8(ascii: "/") {
                        return newline + 1
                    }
                }
            }
            i = newline + 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
