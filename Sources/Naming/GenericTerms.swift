/// A generic term (通名) with its usage guidance.
public struct GenericTerm: Hashable, Codable, Sendable {
    public var term: String
    /// Its reading, one toned syllable per character (路 lù: generic terms are not guessed).
    public var pinyin: [String]
    /// avenue, road, street, lane, route, ring …
    public var kind: String
    /// The road should be at least this wide (m); 0: no limit.
    public var minWidth: Double
    /// The road should be at least this long (m); 0: no limit.
    public var minLength: Double
    /// The road should be at most this long (m); 0: no limit.
    public var maxLength: Double
    public var guidance: String
}

/// The table of generic terms (`GeoData/names/generic-terms.tsv`), longest first.
public struct GenericTerms: Sendable {
    public let terms: [GenericTerm]

    public init(_ terms: [GenericTerm]) {
        self.terms = terms.sorted { $0.term.count > $1.term.count }
    }

    /// `term<TAB>pinyin<TAB>kind<TAB>min_width<TAB>min_length<TAB>max_length<TAB>guidance`; # starts a comment.
    public init(text: String) {
        self.init(text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 7 else { return nil }
            return GenericTerm(term: f[0], pinyin: f[1].split(separator: " ").map(String.init), kind: f[2],
                               minWidth: Double(f[3]) ?? 0, minLength: Double(f[4]) ?? 0, maxLength: Double(f[5]) ?? 0, guidance: f[6])
        })
    }

    /// The longest term the name ends with, leaving at least one character before it.
    public func suffix(of name: String) -> GenericTerm? {
        terms.first { name.hasSuffix($0.term) && name.count > $0.term.count }
    }

    /// The longest term the name ends with, of another kind than `kind`.
    public func suffix(of name: String, excludingKind kind: String) -> GenericTerm? {
        terms.first { $0.kind != kind && name.hasSuffix($0.term) && name.count > $0.term.count }
    }

    public func term(_ text: String) -> GenericTerm? {
        terms.first { $0.term == text }
    }
}
