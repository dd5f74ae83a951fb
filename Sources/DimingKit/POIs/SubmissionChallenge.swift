import Crypto
import Foundation

/// A simple challenge on the public form (人机验证): a small sum to work out, signed by the server
/// (HMAC-SHA256 with a key of this process) with its expiry and a random nonce, so a script cannot
/// post without reading the page; a challenge is spent by the submission it lets in (the process
/// remembers it until it expires), so one answer cannot be replayed for many submissions.
public struct SubmissionChallenge: Sendable {
    /// The HMAC key's bytes (kept as data: `SymmetricKey` is not `Sendable`).
    let key: Data
    public let lifetime: TimeInterval
    let spent = SpentChallenges()

    public init(key: SymmetricKey = SymmetricKey(size: .bits256), lifetime: TimeInterval = 3600) {
        self.key = key.withUnsafeBytes { Data($0) }
        self.lifetime = lifetime
    }

    /// A question in Chinese and the token that goes with the form.
    public func issue(now: Date) -> (question: String, token: String) {
        let a = Int.random(in: 2...9), b = Int.random(in: 2...9)
        let expiry = Int(now.timeIntervalSince1970 + lifetime)
        let body = "\(expiry).\(a).\(b).\(UInt64.random(in: 0...UInt64.max))"
        return ("\(a) 加 \(b) 等于几？", body + "." + mac(body))
    }

    /// Whether `answer` solves the challenge of `token` before it expires (whether it is spent is
    /// ``isSpent(token:)``; ``spend(token:now:)`` spends it once).
    public func verify(token: String, answer: String, now: Date) -> Bool {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 5, let expiry = Int(parts[0]), let a = Int(parts[1]), let b = Int(parts[2]),
              Double(expiry) >= now.timeIntervalSince1970,
              mac(parts[0...3].joined(separator: ".")) == parts[4],
              Int(answer.trimmingCharacters(in: .whitespaces)) == a + b else { return false }
        return true
    }

    /// Spends the (verified) challenge of `token` for the submission it lets in; false if a
    /// submission already spent it.
    public func spend(token: String, now: Date) -> Bool {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 5, let expiry = Double(parts[0]) else { return false }
        return spent.spend(parts[4], until: expiry, now: now.timeIntervalSince1970)
    }

    /// Gives the challenge back when the submission it let in was not stored after all.
    public func unspend(token: String) {
        token.split(separator: ".").last.map { spent.remove(String($0)) }
    }

    /// Whether a submission already spent the challenge of `token`.
    public func isSpent(token: String) -> Bool {
        token.split(separator: ".").last.map { spent.contains(String($0)) } ?? false
    }

    func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// The challenges already solved, each until it would have expired anyway (in memory: a restart
/// makes a new key, which voids every earlier token).
final class SpentChallenges: @unchecked Sendable {
    private let lock = NSLock()
    private var spent: [String: Double] = [:]

    func contains(_ mac: String) -> Bool { lock.withLock { spent[mac] != nil } }

    func remove(_ mac: String) { _ = lock.withLock { spent.removeValue(forKey: mac) } }

    /// Spends `mac`; false if it was spent before.
    func spend(_ mac: String, until expiry: Double, now: Double) -> Bool {
        lock.withLock {
            if spent.count > 10_000 { spent = spent.filter { $0.value >= now } }
            return spent.updateValue(expiry, forKey: mac) == nil
        }
    }
}
