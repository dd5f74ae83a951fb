/// Collects the character data of the element being read (KML and GPX keep values in text).
struct TextCollector {
    private(set) var bytes: [UInt8] = []
    var active = false

    mutating func start() {
        bytes.removeAll(keepingCapacity: true)
        active = true
    }

    mutating func append(_ text: XMLBytes) {
        guard active else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.start, count: text.count))
    }

    /// The collected text, trimmed, and stops collecting.
    mutating func finish() -> String {
        active = false
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
