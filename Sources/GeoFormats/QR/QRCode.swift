import CQREncode
import Foundation

/// A QR code (二维码) as a square of modules, encoded by libqrencode (Debian `libqrencode-dev`):
/// the kept, standard implementation of ISO/IEC 18004, rather than a hand-written encoder.
public struct QRCode: Sendable, Hashable {
    /// Modules per side (21 for version 1, +4 a version).
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    /// Error correction: M (15 %) suits a plate's small code; Q/H survive dirt and scratches better.
    public enum Correction: Sendable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Encodes `text` (UTF-8, 8-bit mode) at the smallest version that holds it; nil when it is
    /// empty or too long for a QR code.
    public init?(_ text: String, correction: Correction = .medium) {
        guard !text.isEmpty, text.utf8.count <= 2000 else { return nil }
        guard let code = QRcode_encodeString8bit(text, 0, correction.level) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// The dark modules as one SVG path in module units (one `h` run per row of dark modules),
    /// to be placed with a transform; the caller draws the light quiet zone around it.
    public var svgPath: String {
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                let start = column
                while column < size && isDark(row: row, column: column) { column += 1 }
                path += "M\(start) \(row)h\(column - start)v1h-\(column - start)z"
            }
        }
        return path
    }
}
