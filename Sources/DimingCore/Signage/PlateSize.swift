import Foundation

/// A plate's size in millimetres (版面尺寸), width × height, e.g. 1200×400. Written and read as
/// `1200×400` (the form order sheets and the stored records use).
public struct PlateSize: Hashable, Sendable, CustomStringConvertible, Codable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Reads `1200×400` (or `1200x400`); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "×" || $0 == "x" || $0 == "X" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], width > 0, height > 0 else { return nil }
        self.init(width: width, height: height)
    }

    /// The smallest road plate of GB 17733's usual series.
    public static let roadDefault = PlateSize(width: 1200, height: 400)

    public var description: String { "\(width)×\(height)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        // Records written before sizes were typed may hold an empty size: the default plate.
        guard let size = text.isEmpty ? .roadDefault : PlateSize(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a plate size: \(text)"))
        }
        self = size
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
