/// A number written with a fixed count of decimals (定点小数), digit for digit as C's `printf("%.*f")`
/// writes it: the exact binary value rounded half to even. Done in integers, because the survey
/// writes tens of thousands of coordinates and distances and a `printf` call through Swift's
/// `CVarArg` boxing cost more than the rest of a road's description.
public enum FixedDecimal {
    static let scales: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` with `places` decimals; nil when it is not finite, `places` is not 0…6, or
    /// `|value|` ≥ 10⁹ (callers fall back to `printf`).
    public static func format(_ value: Double, places: Int) -> String? {
        guard value.isFinite, (0...6).contains(places), value.magnitude < 1e9 else { return nil }
        let scale = scales[places]
        let units = roundedUnits(value.magnitude, scale: scale)
        let integer = String(units / scale)
        var text = value.sign == .minus ? "-" + integer : integer
        if places > 0 {
            let fraction = String(units % scale)
            text += "." + String(repeating: "0", count: places - fraction.utf8.count) + fraction
        }
        return text
    }

    /// `magnitude × scale` rounded half to even, exactly: `magnitude` is `significand × 2^-shift`,
    /// so the product is a 128-bit integer shifted right.
    static func roundedUnits(_ magnitude: Double, scale: UInt64) -> UInt64 {
        guard magnitude != 0 else { return 0 }
        let significand: UInt64, shift: Int
        if magnitude.isNormal {
            significand = magnitude.significandBitPattern | (1 << 52)
            shift = 52 - Int(magnitude.exponent)
        } else { // subnormal: far below half a unit of the sixth decimal
            return 0
        }
        // magnitude < 10⁹ < 2^30, so shift ≥ 23; the product is below 2^73.
        let (high, low) = significand.multipliedFullWidth(by: scale)
        guard shift < 128 else { return 0 } // below 2^-55: rounds to zero
        let quotient: UInt64
        let aboveHalf: Bool, exactlyHalf: Bool
        if shift < 64 {
            quotient = (high << (64 - shift)) | (low >> shift)
            let remainder = low & ((1 << shift) - 1), half: UInt64 = 1 << (shift - 1)
            aboveHalf = remainder > half
            exactlyHalf = remainder == half
        } else {
            let s = shift - 64 // 0…63: the quotient is high >> s; the remainder is (high's low s bits, low)
            quotient = s == 0 ? high : high >> s
            let remainderHigh = s == 0 ? 0 : high & ((1 << s) - 1)
            // half = 2^(shift - 1): in the high word unless shift is 64.
            let (halfHigh, halfLow): (UInt64, UInt64) = s == 0 ? (0, 1 << 63) : (1 << (s - 1), 0)
            aboveHalf = (remainderHigh, low) > (halfHigh, halfLow)
            exactlyHalf = remainderHigh == halfHigh && low == halfLow
        }
        return aboveHalf || (exactlyHalf && quotient & 1 == 1) ? quotient + 1 : quotient
    }
}
