import DimingCore
import Foundation

/// Well-Known Binary (little-endian, 2D) for the geometries the registry stores, so the file stays
/// readable by GDAL, SpatiaLite and friends.
public enum WKB {
    enum GeometryType: UInt32 {
        case lineString = 2
        case polygon = 3
        case multiPolygon = 6
    }

    public static func encode(_ line: LineString) -> Data {
        var writer = Writer()
        writer.header(.lineString)
        writer.points(line.points)
        return writer.data
    }

    public static func encode(_ area: MultiPolygon) -> Data {
        var writer = Writer()
        writer.header(.multiPolygon)
        writer.uint32(UInt32(area.polygons.count))
        for polygon in area.polygons {
            writer.header(.polygon)
            writer.uint32(UInt32(1 + polygon.holes.count))
            writer.points(polygon.outer)
            for hole in polygon.holes { writer.points(hole) }
        }
        return writer.data
    }

    public static func decodeLineString(_ data: Data) throws -> LineString {
        var reader = Reader(data)
        try reader.header(expecting: .lineString)
        return LineString(try reader.points())
    }

    public static func decodeMultiPolygon(_ data: Data) throws -> MultiPolygon {
        var reader = Reader(data)
        try reader.header(expecting: .multiPolygon)
        var polygons: [Polygon] = []
        for _ in 0..<(try reader.uint32()) {
            try reader.header(expecting: .polygon)
            let rings = try reader.uint32()
            guard rings > 0 else { polygons.append(Polygon(outer: [])); continue }
            let outer = try reader.points()
            var holes: [[Coordinate]] = []
            for _ in 1..<rings { holes.append(try reader.points()) }
            polygons.append(Polygon(outer: outer, holes: holes))
        }
        return MultiPolygon(polygons)
    }

    /// A WKB blob that cannot be read.
    public struct DecodingError: Error, CustomStringConvertible {
        public var description: String
    }

    struct Writer {
        var data = Data()

        mutating func header(_ type: GeometryType) {
            data.append(1) // little-endian
            uint32(type.rawValue)
        }

        mutating func uint32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }

        mutating func points(_ points: [Coordinate]) {
            uint32(UInt32(points.count))
            // Coordinates are two Doubles each: written in one go as little-endian bit patterns.
            var words: [UInt64] = []
            words.reserveCapacity(points.count * 2)
            for point in points {
                words.append(point.lon.bitPattern.littleEndian)
                words.append(point.lat.bitPattern.littleEndian)
            }
            words.withUnsafeBytes { data.append(contentsOf: $0) }
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        init(_ data: Data) { bytes = [UInt8](data) }

        mutating func header(expecting type: GeometryType) throws {
            guard offset < bytes.count, bytes[offset] == 1 else {
                throw DecodingError(description: "WKB: expected little-endian geometry at byte \(offset)")
            }
            offset += 1
            let found = try uint32()
            guard found == type.rawValue else {
                throw DecodingError(description: "WKB: expected geometry type \(type.rawValue), found \(found)")
            }
        }

        mutating func uint32() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw DecodingError(description: "WKB: truncated at byte \(offset)") }
            let value = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
            offset += 4
            return value
        }

        mutating func double() throws -> Double {
            guard offset + 8 <= bytes.count else { throw DecodingError(description: "WKB: truncated at byte \(offset)") }
            let bits = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            offset += 8
            return Double(bitPattern: bits)
        }

        mutating func points() throws -> [Coordinate] {
            let count = Int(try uint32())
            guard count * 16 <= bytes.count - offset else { throw DecodingError(description: "WKB: truncated point list") }
            var points: [Coordinate] = []
            points.reserveCapacity(count)
            for _ in 0..<count {
                let lon = try double()
                points.append(Coordinate(lon: lon, lat: try double()))
            }
            return points
        }
    }
}
