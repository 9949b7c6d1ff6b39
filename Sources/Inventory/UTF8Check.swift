/// Finds where a file stops being UTF-8, so an import can name the line (CoopCore's `CSVFile` only
/// says the whole file is not UTF-8).
enum UTF8Check {
    /// The 1-based line holding the first byte that is not valid UTF-8, or nil when all is valid.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            // Lead byte → sequence length and the allowed range of the second byte (RFC 3629 table):
            // this rejects overlongs, surrogates and code points above U+10FFFF.
            let length: Int, low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return line
            }
            guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return line }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return line }
            i += length
        }
        return nil
    }
}
