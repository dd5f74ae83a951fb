import Crypto
import Foundation

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256 with a random 16-byte salt, stored as
/// `pbkdf2-sha256$ITERATIONS$SALT$HASH` (hex).
public enum PasswordHasher {
    public static let iterations = 120_000

    public static func hash(_ password: String, iterations: Int = iterations) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255) }
        let derived = pbkdf2(Array(password.utf8), salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(hex(salt))$\(hex(derived))"
    }

    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), let salt = bytes(parts[2]) else { return false }
        let derived = hex(pbkdf2(Array(password.utf8), salt: salt, iterations: iterations))
        // Constant-time comparison.
        return derived.utf8.count == parts[3].utf8.count && zip(derived.utf8, parts[3].utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256, one 32-byte block.
    static func pbkdf2(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = u
        for _ in 1..<max(iterations, 1) {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in result.indices { result[i] ^= u[i] }
        }
        return result
    }

    /// A random token of `count` bytes, hex-encoded (session ids, CSRF tokens).
    public static func token(_ count: Int = 32) -> String {
        hex((0..<count).map { _ in UInt8.random(in: 0...255) })
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        return stride(from: 0, to: chars.count, by: 2).compactMap { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }
}
