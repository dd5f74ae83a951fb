/// The bounds every reader enforces on a file it did not write, whatever the file says. Each one
/// has a name that the error quoting it carries (`limit maxDepth = 64`), so a user who meets one
/// knows what was too big and where.
///
/// They keep an import's memory and time proportional to the largest record, not to the file or
/// to what an archive claims to hold: 2.2 GB inflating from a small KMZ, 100,000 nested elements
/// or one 1 GB string are refused early.
public struct InputLimits: Sendable {
    /// Nesting of XML elements, or of JSON arrays and objects. GeoJSON needs 7, KML about 10.
    public var maxDepth = 64
    /// One XML attribute value or element text, one JSON string (KML coordinates: `maxFeatureBytes`).
    public var maxStringBytes = 1 << 20
    /// One GeoJSON feature as text, or one KML `coordinates` element (about 800,000 positions; the
    /// largest county boundary of Shandong takes 0.4 MB).
    public var maxFeatureBytes = 16 << 20
    /// One CSV record.
    public var maxLineBytes = 1 << 20
    /// A CSV table, which is decoded whole (division tables and POI lists are a few MB).
    public var maxTableBytes = 64 << 20
    /// The bytes a KMZ entry or a gzip file may inflate to.
    public var maxInflatedBytes: Int64 = 4 << 30
    /// How many times its compressed size a KMZ entry or gzip file may inflate to, once past
    /// `ratioGrace` bytes (text compresses 5–20 times; a bomb about 1,000 times).
    public var maxInflationRatio = 200
    public var ratioGrace: Int64 = 16 << 20
    /// Characters in a name (of a division, road, POI) and in other short text fields.
    public var maxNameCharacters = 100

    public init() {}

    /// The limits every import uses.
    public static let standard = InputLimits()

    /// The phrase errors use to name a limit: `limit maxDepth = 64`.
    static func name(_ limit: String, _ value: some BinaryInteger) -> String { "limit \(limit) = \(value)" }
}
