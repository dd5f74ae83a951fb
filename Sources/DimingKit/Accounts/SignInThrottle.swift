import DimingCore
import Foundation

/// Slows down and then stops password guessing (登录限速与锁定), per account and per address.
///
/// Failures are counted over a sliding ``Limits/window``. From the ``Limits/freeFailures``-th
/// failure on, each further attempt on that account or from that address waits a growing delay
/// (doubling, at most ``Limits/maxDelay``); at ``Limits/lockAfter`` failures the account is locked
/// for ``Limits/lockFor`` (even the right password is refused, and the lockout is audited), and an
/// address past ``Limits/addressLimit`` failures is refused until its failures age out. A good
/// sign-in clears the account's count. Kept in memory by the serving process: throttling never
/// writes to the registry, so it cannot compete with data writes.
public final class SignInThrottle: @unchecked Sendable {
    public struct Limits: Sendable {
        public var window: TimeInterval = 15 * 60
        public var freeFailures = 3
        public var baseDelay: TimeInterval = 0.25
        public var maxDelay: TimeInterval = 4
        public var lockAfter = 10
        public var lockFor: TimeInterval = 15 * 60
        public var addressLimit = 30

        public init() {}
    }

    /// What to do with an attempt.
    public enum Verdict: Equatable, Sendable {
        /// Go ahead after waiting this many seconds (0: at once).
        case proceed(delay: TimeInterval)
        /// Refuse without checking the password; try again after this many seconds.
        case refuse(retryAfter: TimeInterval)
    }

    public let limits: Limits
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    private var lockedUntil: [String: Date] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The verdict for an attempt on `username` from `address` at `now`.
    public func verdict(username: String, address: String?, now: Date) -> Verdict {
        lock.withLock {
            let account = Self.accountKey(username), from = address.map(Self.addressKey)
            if let until = lockedUntil[account], until > now { return .refuse(retryAfter: until.timeIntervalSince(now)) }
            let accountFailures = recent(account, now).count
            let addressFailures = from.map { recent($0, now).count } ?? 0
            if addressFailures >= limits.addressLimit, let from, let oldest = failures[from]?.first {
                return .refuse(retryAfter: max(1, oldest.addingTimeInterval(limits.window).timeIntervalSince(now)))
            }
            let over = max(accountFailures, addressFailures) - limits.freeFailures + 1
            guard over > 0 else { return .proceed(delay: 0) }
            return .proceed(delay: min(limits.maxDelay, limits.baseDelay * pow(2, Double(over - 1))))
        }
    }

    /// Counts a failed attempt; true when it locks the account (the caller audits that).
    @discardableResult
    public func failed(username: String, address: String?, now: Date) -> Bool {
        lock.withLock {
            let account = Self.accountKey(username)
            for key in [account] + (address.map { [Self.addressKey($0)] } ?? []) {
                failures[key] = recent(key, now) + [now]
            }
            guard failures[account]!.count >= limits.lockAfter, (lockedUntil[account] ?? .distantPast) <= now else { return false }
            lockedUntil[account] = now.addingTimeInterval(limits.lockFor)
            failures[account] = []
            return true
        }
    }

    /// A good sign-in: the account starts afresh (the address keeps its count).
    public func succeeded(username: String) {
        lock.withLock { failures[Self.accountKey(username)] = nil }
    }

    private func recent(_ key: String, _ now: Date) -> [Date] {
        let since = now.addingTimeInterval(-limits.window)
        let kept = (failures[key] ?? []).filter { $0 > since }
        if failures.count > 100_000 { failures = failures.filter { !$0.value.isEmpty && $0.value.last! > since } }
        return kept
    }

    private static func accountKey(_ username: String) -> String { "user:" + username.lowercased() }
    private static func addressKey(_ address: String) -> String { "addr:" + address }
}

/// A sign-in refused by ``SignInThrottle``: the account is locked or the address made too many
/// failed attempts. HTTP 429 with `Retry-After`.
public struct SignInThrottled: Error, SelfClassifyingError, CustomStringConvertible {
    public var retryAfter: TimeInterval

    public var description: String { "too many failed sign-ins: try again in \(Int(retryAfter.rounded(.up))) s" }
    public var classified: ClassifiedError {
        ClassifiedError(kind: .busy, code: "THROTTLED", message: description,
                        messageZh: "登录失败次数过多，请 \(Int((retryAfter / 60).rounded(.up))) 分钟后再试")
    }
}
