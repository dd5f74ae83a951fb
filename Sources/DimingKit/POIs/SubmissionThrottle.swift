import Foundation

/// Limits how many places one address may submit (防刷): at most ``limit`` attempts in a sliding
/// ``window``; the next is refused until the oldest ages out. Kept in memory by the serving process,
/// like the sign-in throttle: counting never writes to the registry.
public final class SubmissionThrottle: @unchecked Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let lock = NSLock()
    private var attempts: [String: [Date]] = [:]

    public init(limit: Int = 100, window: TimeInterval = 3600) {
        self.limit = limit
        self.window = window
    }

    /// Counts an attempt from `address` at `now`; throws ``SubmissionThrottled`` (nothing counted)
    /// when the address has used its limit within the window.
    public func admit(_ address: String, now: Date) throws {
        try lock.withLock {
            var recent = (attempts[address] ?? []).filter { now.timeIntervalSince($0) < window }
            if attempts.count > 100_000 { attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
            guard recent.count < limit else {
                attempts[address] = recent
                throw SubmissionThrottled(retryAfter: window - now.timeIntervalSince(recent[0]), limit: limit, window: window)
            }
            recent.append(now)
            attempts[address] = recent
        }
    }
}

/// Too many submissions from one address.
public struct SubmissionThrottled: Error, CustomStringConvertible, Sendable {
    public var retryAfter: TimeInterval
    public var limit: Int
    public var window: TimeInterval
    public var description: String { "more than \(limit) submissions from this address within \(Int(window / 60)) minutes: try again later" }
    public var messageZh: String { "同一网络地址 \(Int(window / 60)) 分钟内最多提交 \(limit) 次，请 \(Int((retryAfter / 60).rounded(.up))) 分钟后再试" }
}
