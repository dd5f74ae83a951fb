import DimingCore
import Foundation

/// The public web addresses of the registry (公众查询网址): a standard name's public page lives at
/// `{county public base URL}/n/{name id}`; a plate's QR code opens it.
public enum PublicAddress {
    /// The path of a name's public page.
    public static func path(name: FeatureID) -> String { "/n/\(name)" }

    /// The page of `name` under the county's public base URL, or nil when the county has none.
    public static func namePage(_ settings: SignSettings, name: FeatureID) -> String? {
        guard let base = settings.publicBaseURL.map(normalized), !base.isEmpty else { return nil }
        return base + path(name: name)
    }

    /// A base URL without trailing slashes or spaces.
    public static func normalized(_ base: String) -> String {
        var text = base.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Whether a QR payload is an address a phone can open.
    public static func isWebAddress(_ text: String) -> Bool {
        text.hasPrefix("https://") || text.hasPrefix("http://")
    }

    /// Checks a base URL a county sets: HTTPS with a host and no query (plain HTTP only on this
    /// machine, for trials); the error says what is wrong.
    public static func check(_ base: String) throws {
        let text = normalized(base)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty, url.query == nil else {
            throw InputError(field: "publicBaseURL", "\(base) is not a web address such as https://dm.example.gov.cn (公共网址格式不对)")
        }
        let local = ["127.0.0.1", "localhost", "::1"].contains(host)
        guard scheme == "https" || (scheme == "http" && local) else {
            throw InputError(field: "publicBaseURL", "\(base): plates carry an HTTPS address (公共网址须为 https://)")
        }
    }
}
