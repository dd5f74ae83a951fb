import Crypto
import DimingKit
import Foundation
import Hummingbird

/// The message a redirect carries to the page it lands on (a refused step as `message`, a done one as
/// `notice`; 提示信息), sealed so that only this server can make a page show one: a link with a
/// `message` of somebody else's making ("请将密码发送至…") shows nothing. The seal is an HMAC-SHA256
/// (swift-crypto) of the parameter's name and text under a key made when the server starts; a message
/// lives for one redirect, so a restart only drops the seals of redirects in flight.
enum RedirectMessage {
    /// 256 random bits from the system's generator (getrandom on Linux), made once per process.
    private static let keyBytes: [UInt8] = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
    private static var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// `location` with the message (as the query parameter `name`) and its seal added to its query.
    static func location(_ location: String, message: String, as name: String = "message") -> String {
        location + (location.contains("?") ? "&" : "?") + name + "="
            + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") + "&\(name)_seal=" + seal(message, as: name)
    }

    /// The message a request carries as `name`, when this server sealed it.
    static func shown(in request: Request, as name: String = "message") -> String? {
        guard let message = request.uri.queryParameters.get(name), let given = request.uri.queryParameters.get("\(name)_seal") else { return nil }
        // Compared in constant time: HMAC's own check.
        guard let bytes = PasswordHasher.bytes(given),
              HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data((name + "\n" + message).utf8), using: key) else { return nil }
        return message
    }

    private static func seal(_ message: String, as name: String) -> String {
        PasswordHasher.hex(Array(HMAC<SHA256>.authenticationCode(for: Data((name + "\n" + message).utf8), using: key)))
    }
}
