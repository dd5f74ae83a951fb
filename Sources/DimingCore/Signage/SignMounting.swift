import Foundation

/// Which faces a plate carries (单面 / 双面): a double-sided plate reads from both directions.
public enum PlateSides: String, CaseIterable, Codable, Sendable {
    case single, double

    public var chinese: String {
        switch self {
        case .single: "单面"
        case .double: "双面"
        }
    }
}

/// How a plate is set up (安装方式): on its own post (立柱式) or fixed to a wall (附墙式).
public enum PlateMounting: String, CaseIterable, Codable, Sendable {
    case post, wall

    public var chinese: String {
        switch self {
        case .post: "立柱式"
        case .wall: "附墙式"
        }
    }
}

/// What the manufacturer needs besides the face (订制要求): the sides, the mounting and, for a plate on
/// a post, the post's height above ground.
public struct SignMounting: Codable, Sendable, Hashable {
    public var sides: PlateSides
    public var mounting: PlateMounting
    /// Metres above ground (立柱高度), for a plate on a post; nil for a plate on a wall.
    public var postHeight: Double?

    /// The heights a road-sign post may have, metres (a plate's lower edge well above head height,
    /// and a post a crew can set without a crane).
    public static let postHeights: ClosedRange<Double> = 2.0...6.0

    /// The usual road sign: double-sided on a 3 m post.
    public static let standard = SignMounting(uncheckedSides: .double, mounting: .post, postHeight: 3.0)

    /// Checks the combination: a post needs a height within ``postHeights``; a wall has no post.
    public init(sides: PlateSides, mounting: PlateMounting, postHeight: Double?) throws(SignMountingError) {
        switch mounting {
        case .post:
            guard let postHeight else { throw .postHeightMissing }
            guard Self.postHeights.contains(postHeight) else { throw .postHeightOutOfRange(postHeight) }
        case .wall:
            guard postHeight == nil else { throw .postOnWall }
        }
        self.init(uncheckedSides: sides, mounting: mounting, postHeight: postHeight)
    }

    init(uncheckedSides sides: PlateSides, mounting: PlateMounting, postHeight: Double?) {
        self.sides = sides
        self.mounting = mounting
        self.postHeight = postHeight
    }
}

/// A sign order's mounting that cannot be made.
public enum SignMountingError: Error, CustomStringConvertible, Sendable, Equatable {
    case postHeightMissing
    case postHeightOutOfRange(Double)
    case postOnWall

    public var description: String {
        switch self {
        case .postHeightMissing: "a plate on a post needs the post's height (--post-height, metres)"
        case let .postHeightOutOfRange(height):
            String(format: "a post of %.2f m: a road-sign post is %.1f–%.1f m high", height, SignMounting.postHeights.lowerBound, SignMounting.postHeights.upperBound)
        case .postOnWall: "a plate on a wall has no post: leave out --post-height"
        }
    }
}
