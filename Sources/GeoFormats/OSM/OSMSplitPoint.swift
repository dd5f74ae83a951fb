import Foundation

/// Where an OSM XML file is cut in two for a parallel read (分段点): the start of a line that begins
/// with optional blanks and `<node`, about half-way between the root element and the first way, so
/// both halves hold a similar share of the nodes. Found with a few small reads: the head of the file
/// (declaration and root start tag), then a bisection for where the ways begin (OSM files list nodes,
/// then ways, then relations).
///
/// Only where the cut cannot change the result is one offered: the declaration names UTF-8 (or there
/// is none), the root is `<osm …>` right after it, and the point is a `<node` line after it. What this
/// cannot see from a few reads (a comment, CDATA, DOCTYPE or processing instruction, a way or relation
/// in the first half, a cut inside a nested element) the first half's read refuses (``OSMSplitRead``),
/// and the file is then read in one piece.
struct OSMSplitPoint: Equatable {
    /// The offset of the cut: the first half is `[0, offset)`.
    var offset: Int
    /// Where the root start tag begins (everything before it is the declaration and blanks).
    var rootStart: Int
    /// The root start tag as written, line breaks and tabs as spaces (what they mean inside a tag), and a
    /// line feed: the second half is fed this first, so its elements sit in the same root.
    var rootTag: [UInt8]

    /// How much is read at each probe: a line of a node or way is far shorter.
    static let window = 1 << 16

    /// The cut for `input`, or nil when the file should be read in one piece.
    static func find(in input: RandomAccessInput) throws -> OSMSplitPoint? {
        let head = [UInt8](try input.read(at: 0, count: window))
        guard let (rootStart, rootTag) = root(head) else { return nil }
        let rootEnd = rootStart + rootTag.count
        // Where the nodes end: the first offset whose next element line is not a node, to within a line or two.
        var low = rootEnd, high = input.size
        while high - low > 256 {
            let middle = low + (high - low) / 2
            if try element(after: middle, in: input)?.kind == .node { low = middle } else { high = middle }
        }
        let target = rootEnd + (low - rootEnd) / 2
        guard let (kind, line) = try element(after: target, in: input), kind == .node, line > rootEnd else { return nil }
        var tag = rootTag.map { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 ? 0x20 : $0 }
        tag.append(0x0A)
        return OSMSplitPoint(offset: line, rootStart: rootStart, rootTag: tag)
    }

    /// The root start tag `<osm …>` after an optional byte-order mark, UTF-8 declaration and blanks:
    /// where it starts and its bytes; nil for anything else (another encoding, a DOCTYPE, a comment).
    static func root(_ head: [UInt8]) -> (start: Int, tag: [UInt8])? {
        var i = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if head[i...].starts(with: Array("<?xml".utf8)) {
            guard let end = find(Array("?>".utf8), in: head, from: i) else { return nil }
            guard plainDeclaration(Array(head[i..<end])) else { return nil }
            i = end + 2
        }
        while i < head.count, isBlank(head[i]) { i += 1 }
        let start = i
        guard head[i...].starts(with: Array("<osm".utf8)), i + 4 < head.count, isBlank(head[i + 4]) || head[i + 4] == UInt8(ascii: ">") else {
            return nil
        }
        var quote: UInt8?
        i += 4
        while i < head.count {
            let byte = head[i]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "<") {
                return nil
            } else if byte == UInt8(ascii: ">") {
                guard head[i - 1] != UInt8(ascii: "/") else { return nil } // an empty <osm/>
                return (start, Array(head[start...i]))
            }
            i += 1
        }
        return nil
    }

    /// Whether an XML declaration says what a part without one is read as: XML 1.0, and UTF-8 or no encoding.
    static func plainDeclaration(_ declaration: [UInt8]) -> Bool {
        pseudoAttribute("version", in: declaration).map { $0 == "1.0" } ?? false
            && (pseudoAttribute("encoding", in: declaration).map { $0.lowercased() == "utf-8" } ?? true)
    }

    /// The value of `name="…"` in an XML declaration.
    static func pseudoAttribute(_ name: String, in declaration: [UInt8]) -> String? {
        guard let at = find(Array(name.utf8), in: declaration, from: 0) else { return nil }
        var i = at + name.utf8.count
        while i < declaration.count, isBlank(declaration[i]) || declaration[i] == UInt8(ascii: "=") { i += 1 }
        guard i < declaration.count else { return nil }
        let quote = declaration[i]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
              let close = declaration[(i + 1)...].firstIndex(of: quote) else { return nil }
        return String(decoding: declaration[(i + 1)..<close], as: UTF8.self)
    }

    enum Kind { case node, way, relation }

    static let elementStarts: [(pattern: [UInt8], kind: Kind)] = [(Array("<node".utf8), .node), (Array("<way".utf8), .way),
                                                                   (Array("<relation".utf8), .relation)]

    /// The first line starting at or after `offset` whose first non-blank is `<node`, `<way` or
    /// `<relation`: its kind and where the line starts; nil if none is within a window.
    static func element(after offset: Int, in input: RandomAccessInput) throws -> (kind: Kind, line: Int)? {
        let start = max(offset - 1, 0)
        let bytes = [UInt8](try input.read(at: start, count: window))
        var i = 0
        if start > 0 { // begin after the first line feed: `offset` may fall inside a line
            guard let feed = bytes.firstIndex(of: 0x0A) else { return nil }
            i = feed + 1
        }
        while i < bytes.count {
            let line = i
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            for (pattern, kind) in elementStarts {
                let after = i + pattern.count
                if after < bytes.count, bytes[i...].starts(with: pattern), isBlank(bytes[after]) || bytes[after] == UInt8(ascii: ">")
                    || bytes[after] == UInt8(ascii: "/") {
                    return (kind, start + line)
                }
            }
            guard let feed = bytes[i...].firstIndex(of: 0x0A) else { return nil }
            i = feed + 1
        }
        return nil
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard bytes.count >= pattern.count, from <= bytes.count - pattern.count else { return nil }
        for i in from...(bytes.count - pattern.count) where bytes[i] == pattern[0] && bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
            return i
        }
        return nil
    }
}
