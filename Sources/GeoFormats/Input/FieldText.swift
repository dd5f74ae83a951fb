/// Checks of short text fields read from files (names of divisions, roads and POIs, codes,
/// contacts): no control characters (NUL, line breaks, tabs, escape sequences), no invisible
/// direction overrides that make a name display other than it reads, and a bounded length.
public enum FieldText {
    /// Why `text` is not acceptable as a field of at most `maxCharacters` characters, or nil.
    public static func problem(_ text: String, maxCharacters: Int = InputLimits.standard.maxNameCharacters) -> String? {
        if let scalar = text.unicodeScalars.first(where: isRefused) {
            return String(format: "contains the control character U+%04X", scalar.value)
        }
        let count = text.count
        if count > maxCharacters {
            return "is \(count) characters long (\(InputLimits.name("maxNameCharacters", maxCharacters)))"
        }
        return nil
    }

    /// C0 and C1 controls, the bidirectional overrides and isolates, the BOM.
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
