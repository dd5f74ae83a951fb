import Crypto
import Foundation

/// A simple challenge on the public form (人机验证): a small sum to work out, signed by the server
/// (HMAC-SHA256 with a key of this process) with its expiry, so the server keeps no state and a
/// script cannot post without reading the page.
public struct SubmissionChallenge: Sendable {
    /// The HMAC key's bytes (kept as data: `SymmetricKey` is not `Sendable`).
    let key: Data
    public let lifetime: TimeInterval

    public init(key: SymmetricKey = SymmetricKey(size: .bits256), lifetime: TimeInterval = 3600) {
        self.key = key.withUnsafeBytes { Data($0) }
        self.lifetime = lifetime
    }

    /// A question in Chinese and the token that goes with the form.
    public func issue(now: Date) -> (question: String, token: String) {
        let a = Int.random(in: 2...9), b = Int.random(in: 2...9)
        let expiry = Int(now.timeIntervalSince1970 + lifetime)
        let body = "\(expiry).\(a).\(b)"
        return ("\(a) 加 \(b) 等于几？", body + "." + mac(body))
    }

    /// Whether `answer` solves the challenge of `token`, before it expires.
    public func verify(token: String, answer: String, now: Date) -> Bool {
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 4, let expiry = Int(parts[0]), let a = Int(parts[1]), let b = Int(parts[2]),
              Double(expiry) >= now.timeIntervalSince1970,
              mac(parts[0...2].joined(separator: ".")) == parts[3] else { return false }
        return Int(answer.trimmingCharacters(in: .whitespaces)) == a + b
    }

    func mac(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: key))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
