/// Whole numbers from fractional shares that add up to a given total: the largest-remainder (Hamilton) method.
/// A gap of 2,500 pages between two readings shared over three months as 833.3 each is 834 + 833 + 833, not
/// three rounded 833s that lose a page.
public enum Apportion {
    /// `shares` rounded down, then the units still missing from `total` given one each to the shares that lost
    /// most in rounding down (earlier shares first on a tie). Negative shares count as zero. When `total` is
    /// below the floors' sum (shares that add up to more than it), the largest shares give units back.
    public static func largestRemainder(_ shares: [Double], total: Int64) -> [Int64] {
        let clean = shares.map { $0.isFinite ? max(0, $0) : 0 }
        var whole = clean.map { Int64($0.rounded(.down)) }
        var missing = total - whole.reduce(0, +)
        let byRemainder = clean.indices.sorted { a, b in
            let ra = clean[a] - Double(whole[a]), rb = clean[b] - Double(whole[b])
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while missing > 0 && !byRemainder.isEmpty {
            whole[byRemainder[i % byRemainder.count]] += 1
            missing -= 1
            i += 1
        }
        while missing < 0, let largest = whole.indices.max(by: { whole[$0] < whole[$1] }), whole[largest] > 0 {
            whole[largest] -= 1
            missing += 1
        }
        return whole
    }
}
