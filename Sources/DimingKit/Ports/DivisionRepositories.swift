import DimingCore
import Foundation

/// Administrative divisions (行政区划).
public protocol DivisionRepository {
    func all() throws -> [DivisionCode: Division]
    func find(code: DivisionCode) throws -> Division?
    func exists(code: DivisionCode) throws -> Bool
    func count() throws -> Int
    func countByLevel() throws -> [DivisionLevel: Int]
    func childCount(of code: DivisionCode) throws -> Int
    func list(parent: DivisionCode?, level: DivisionLevel?) throws -> [Division]
    func list(within ancestor: DivisionCode, level: DivisionLevel) throws -> [Division]
    func ancestors(of division: Division) throws -> [Division]
    func upsert(_ divisions: [Division], source: String, at date: Date) throws
}

/// Division boundaries in WGS-84, with a spatial index on their extents.
public protocol BoundaryRepository {
    func replace(_ boundary: DivisionBoundary, source: String) throws
    func candidates(containing point: Coordinate) throws -> [DivisionBoundary]
    func all(level: DivisionLevel) throws -> [DivisionBoundary]
    func find(code: DivisionCode) throws -> DivisionBoundary?
    func count() throws -> Int
}
