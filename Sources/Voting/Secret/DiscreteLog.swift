import CoopCore

/// The count hidden in count·G, for 0 ≤ count ≤ maximum (the number of ballots): baby-step
/// giant-step, √(maximum) additions and look-ups instead of stepping through every count.
public struct DiscreteLog: Sendable {
    let maximum: Int
    let step: Int
    /// j·G's compressed form → j, for 0 ≤ j < step.
    let table: [[UInt8]: Int]
    /// −step·G.
    let giant: ECPoint

    public init(maximum: Int) {
        self.maximum = maximum
        step = Int(Double(maximum + 1).squareRoot().rounded(.up)) + 1
        var table: [[UInt8]: Int] = [:]
        var point = ECPoint.identity
        for j in 0..<step {
            table[point.compressed] = j
            point = point + ECPoint.generator
        }
        self.table = table
        giant = ECPoint.identity - ECPoint.base(Scalar(UInt64(step)))
    }

    /// The count, or nil when it is above `maximum` (a tally that cannot come from the ballots).
    public func count(_ point: ECPoint) -> Int? {
        var current = point
        var i = 0
        while i * step <= maximum {
            if let j = table[current.compressed] {
                let count = i * step + j
                return count <= maximum ? count : nil
            }
            current = current + giant
            i += 1
        }
        return nil
    }
}
