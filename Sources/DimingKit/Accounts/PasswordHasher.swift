import Crypto
import _CryptoExtras
import Foundation

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256 from swift-crypto with a random 16-byte salt,
/// stored as `pbkdf2-sha256$ROUNDS$SALT$HASH` (hex). Hashes with fewer rounds than ``iterations``
/// (older registries used 120,000) still verify and are upgraded at the next sign-in.
public enum PasswordHasher {
    /// OWASP's floor for PBKDF2-HMAC-SHA256, and swift-crypto's.
    public static let iterations = 210_000

    public static func hash(_ password: String, iterations: Int = iterations) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        let derived = pbkdf2(Array(password.utf8), salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(hex(salt))$\(hex(derived))"
    }

    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations > 0, let salt = bytes(parts[2]) else { return false }
        let derived = hex(pbkdf2(Array(password.utf8), salt: salt, iterations: iterations))
        // Constant-time comparison.
        return derived.utf8.count == parts[3].utf8.count && zip(derived.utf8, parts[3].utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether a stored hash uses fewer rounds than today's and should be replaced after a good sign-in.
    public static func needsRehash(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        return parts.count != 4 || (Int(parts[1]) ?? 0) < iterations
    }

    /// A hash of a random password, verified against when the username is unknown, so that an unknown
    /// user costs the same work as a wrong password.
    static let decoy = hash(token(16))

    static func pbkdf2(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        // Rounds below 210,000 only ever verify old hashes or make throwaway demo accounts.
        let key = try? KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: 32,
                                                     unsafeUncheckedRounds: iterations)
        return key.map { $0.withUnsafeBytes { Array($0) } } ?? []
    }

    /// A random token of `count` bytes, hex-encoded (session ids, CSRF tokens).
    public static func token(_ count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The SHA-256 of a session token (hex): what the registry keeps, so a copy of the file opens no session.
    public static func digest(_ token: String) -> String { hex(Array(SHA256.hash(data: Data(token.utf8)))) }

    /// Bytes as lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// Hex back to bytes; nil for an odd length.
    public static func bytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        return stride(from: 0, to: chars.count, by: 2).compactMap { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }
}
