/// `%0Nd` and `%.1f` without `String(format:)`, which on Linux goes through CoreFoundation's varargs formatting and
/// looks up type metadata by name on every call: a device page drew its chart's coordinates in a tenth of its time.
public enum FixedFormat {
    /// `n` in decimal, zero-padded to at least `width` characters (the sign among them), as `%0<width>d` prints it.
    public static func padded(_ n: Int, width: Int) -> String {
        let digits = String(n.magnitude), sign = n < 0 ? "-" : ""
        let count = digits.count + sign.count
        return sign + (count < width ? String(repeating: "0", count: width - count) : "") + digits
    }

    /// `x` with one decimal, as `%.1f` prints it: rounded from the exact binary value, ties to even
    /// (0.05 is a little over, so "0.1"; 0.35 a little under, so "0.3").
    public static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        guard (x * 10).magnitude < 1e15 else { return String(Int(x.rounded())) + ".0" }
        // The tenths below 10x, found exactly: fma rounds once, so its sign is that of the exact difference.
        var lo = (x * 10).rounded(.down)
        if (-lo).addingProduct(x, 10) < 0 { lo -= 1 }
        if (-(lo + 1)).addingProduct(x, 10) >= 0 { lo += 1 }
        let half = (-(lo + 0.5)).addingProduct(x, 10)
        let tenths = half > 0 || (half == 0 && Int(lo).isMultiple(of: 2) == false) ? lo + 1 : lo
        let t = Int(tenths)
        let sign = t < 0 || (t == 0 && x < 0) ? "-" : ""
        return sign + String(t.magnitude / 10) + "." + String(t.magnitude % 10)
    }
}
