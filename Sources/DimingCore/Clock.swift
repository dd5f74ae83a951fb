import Foundation

/// Where "now" comes from, so deadlines and audit times can be tested.
public protocol Clock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant (tests, reproducible demos).
public struct FixedClock: Clock {
    public var instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}
