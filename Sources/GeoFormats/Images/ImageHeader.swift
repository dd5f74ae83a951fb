import Foundation

/// What a photo's header says (照片文件头), read without decoding a pixel: its format and size.
/// Uploads are checked with this before anything keeps them: a file that is not a JPEG or PNG, or
/// whose header claims more pixels than a phone photo has (a decompression bomb), is refused.
public struct ImageHeader: Sendable, Hashable {
    public enum Format: String, Sendable {
        case jpeg, png

        public var mimeType: String { self == .jpeg ? "image/jpeg" : "image/png" }
        public var fileExtension: String { self == .jpeg ? "jpg" : "png" }
    }

    public var format: Format
    public var width: Int
    public var height: Int

    /// Limits of an uploaded photo.
    public struct Limits: Sendable {
        /// Bytes of the file.
        public var maxBytes = 8 * 1024 * 1024
        /// Pixels in either direction, and in all (a 48-megapixel phone photo passes).
        public var maxSide = 12_000
        public var maxPixels = 50_000_000

        public init() {}
    }

    /// Why a photo is refused, in Chinese for the pages and English for logs.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var zh: String
        public var en: String
        public var description: String { en }
    }

    /// Reads the header of `data` (named `file` in messages) and checks it against `limits`.
    public static func check(_ data: Data, file: String, limits: Limits = Limits()) throws(Refusal) -> ImageHeader {
        guard !data.isEmpty else { throw Refusal(zh: "照片“\(file)”是空文件", en: "\(file): empty file") }
        guard data.count <= limits.maxBytes else {
            throw Refusal(zh: "照片“\(file)”有 \(data.count / 1024 / 1024) MB，超过 \(limits.maxBytes / 1024 / 1024) MB 的上限",
                          en: "\(file): \(data.count) bytes, more than \(limits.maxBytes)")
        }
        guard let header = read(data) else {
            throw Refusal(zh: "“\(file)”不是 JPEG 或 PNG 照片（文件内容不是图片）", en: "\(file): not a JPEG or PNG image")
        }
        guard header.width > 0, header.height > 0 else {
            throw Refusal(zh: "照片“\(file)”的尺寸无效（\(header.width)×\(header.height)）", en: "\(file): invalid size \(header.width)x\(header.height)")
        }
        guard header.width <= limits.maxSide, header.height <= limits.maxSide, header.width * header.height <= limits.maxPixels else {
            throw Refusal(zh: "照片“\(file)”声称有 \(header.width)×\(header.height) 像素，超过上限（疑似解压炸弹），已拒收",
                          en: "\(file): header claims \(header.width)x\(header.height) pixels, over the limit (decompression bomb?)")
        }
        return header
    }

    /// The format and size from the header, or nil when the bytes are neither JPEG nor PNG.
    public static func read(_ data: Data) -> ImageHeader? {
        let bytes = [UInt8](data.prefix(256 * 1024))
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), Array(bytes[12..<16]) == Array("IHDR".utf8) {
            return ImageHeader(format: .png, width: Int(be32(bytes, 16)), height: Int(be32(bytes, 20)))
        }
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        // JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6]), width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                return ImageHeader(format: .jpeg, width: width, height: height)
            }
            if marker == 0xDA || marker == 0xD9 { return nil } // image data before any frame header
            i += 2 + length
        }
        return nil
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }
}
