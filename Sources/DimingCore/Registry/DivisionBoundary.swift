import Foundation

/// A division's boundary (行政区域界线), in WGS-84.
public struct DivisionBoundary: Sendable {
    public var code: DivisionCode
    public var name: String
    public var level: DivisionLevel
    public var area: MultiPolygon

    public init(code: DivisionCode, name: String, level: DivisionLevel, area: MultiPolygon) {
        self.code = code
        self.name = name
        self.level = level
        self.area = area
    }
}
