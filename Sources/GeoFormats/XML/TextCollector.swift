/// Collects the character data of the element being read (KML and GPX keep values in text), up to
/// a limit: beyond it the parse fails with the limit's name.
struct TextCollector {
    private(set) var bytes: [UInt8] = []
    var active = false
    private var limit = Int.max
    private var limitName = ""

    /// Starts collecting; more than `limit` bytes fail the parse, naming `limitName`.
    mutating func start(limit: Int, limitName: String) {
        bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 16)
        active = true
        self.limit = limit
        self.limitName = limitName
    }

    mutating func append(_ text: XMLBytes, parser: XMLStreamParser, field: String) {
        guard active else { return }
        guard bytes.count + text.count <= limit else {
            active = false
            bytes = []
            return parser.fail(field: field, "text longer than \(limit) bytes (\(InputLimits.name(limitName, limit)))")
        }
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.start, count: text.count))
    }

    /// The collected text, trimmed, and stops collecting.
    mutating func finish() -> String {
        active = false
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
