/// The number literals of a JSON text that are written with a decimal point or an exponent (`5.00`,
/// `5.5`, `5e2`), by where they stand in it.
///
/// `JSONDecoder` reads `5.00` into an integer as 5 and forgets how it was written, so a client that sends
/// dollars where cents are expected would be misread silently. The API scans a body once with this
/// before decoding it and passes the result in the decoder's `userInfo` under `userInfoKey`;
/// `Money.init(from:)` then refuses such a literal in any money field (`CoopError.moneyNotCents`).
/// Decoders without it (the CLI's) decode exactly as before.
///
/// The scan is one pass over the bytes with an explicit stack (no recursion, linear time). It is
/// lenient: it never throws, and on malformed JSON it only knows less, leaving the decoder to refuse
/// the body.
public struct JSONDecimalLiterals: Sendable {
    /// The `userInfo` key under which a decoder carries the literals of the text it decodes.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "coop.jsonDecimalLiterals")!

    /// One step of a path: an object's key or an array's index.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// A path is a node of a tree of the steps met on the way to a decimal literal; the root (0) is the
    /// top-level value. Nodes are made only for the paths that lead to one, so a body without any
    /// costs nothing but the scan.
    private struct Edge: Hashable {
        let parent: Int
        let step: Step
    }

    private var nodes: [Edge: Int] = [:]
    private var literals: [Int: String] = [:]

    /// Beyond this depth `JSONDecoder` refuses the text anyway (it stops at 512); the scan stops there.
    static let maxDepth = 512

    /// True when the text has no number written with a decimal point or an exponent.
    public var isEmpty: Bool { literals.isEmpty }

    /// Scans a JSON text (UTF-8).
    public init(scanning bytes: some Collection<UInt8>) {
        var scanner = Scanner(bytes: Array(bytes))
        scanner.run()
        nodes = scanner.nodes
        literals = scanner.literals
    }

    /// The literal as written, when the value at `codingPath` is a number with a decimal point or an
    /// exponent; nil for an integer, another kind of value, or a path not in the text.
    public func literal(at codingPath: [any CodingKey]) -> String? {
        guard !literals.isEmpty else { return nil }
        var node = 0
        for key in codingPath {
            // An array element's key carries its index; an object's key its name.
            if let index = key.intValue, let next = nodes[Edge(parent: node, step: .index(index))] {
                node = next
            } else if let next = nodes[Edge(parent: node, step: .key(key.stringValue))] {
                node = next
            } else {
                return nil
            }
        }
        return literals[node]
    }

    private struct Frame {
        /// An object's current key, or an array's current index; nil before an object's first key.
        var step: Step?
        /// The tree node of the path down to and including `step`, once made.
        var node: Int?
        let isObject: Bool
        /// In an object, between `{` or `,` and the end of the next key.
        var expectsKey: Bool
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var stack: [Frame] = []
        var nodes: [Edge: Int] = [:]
        var literals: [Int: String] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() {
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard stack.count < JSONDecimalLiterals.maxDepth else { return }
                    let isObject = byte == UInt8(ascii: "{")
                    stack.append(Frame(step: isObject ? nil : .index(0), node: nil, isObject: isObject, expectsKey: isObject))
                    position += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    _ = stack.popLast()
                    position += 1
                case UInt8(ascii: ","):
                    if let top = stack.indices.last {
                        if stack[top].isObject {
                            stack[top].expectsKey = true
                        } else if case .index(let i) = stack[top].step {
                            stack[top].step = .index(i + 1)
                            stack[top].node = nil
                        }
                    }
                    position += 1
                case UInt8(ascii: "\""):
                    if let top = stack.indices.last, stack[top].isObject, stack[top].expectsKey {
                        guard let key = readString(decoding: true) else { return }
                        stack[top].step = .key(key)
                        stack[top].node = nil
                        stack[top].expectsKey = false
                    } else {
                        guard readString(decoding: false) != nil else { return }
                    }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    readNumber()
                default:
                    // Whitespace, `:`, and the letters of true, false and null.
                    position += 1
                }
            }
        }

        /// Reads a number; records it when written with a decimal point or an exponent.
        mutating func readNumber() {
            let start = position
            var decimal = false
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): break
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): decimal = true
                default:
                    if decimal { record(String(decoding: bytes[start..<position], as: UTF8.self)) }
                    return
                }
                position += 1
            }
            if decimal { record(String(decoding: bytes[start..<position], as: UTF8.self)) }
        }

        /// Notes `literal` at the current path, making the path's nodes that are not made yet. A frame's
        /// node is made at most once per key or index it holds, so the whole scan stays linear.
        mutating func record(_ literal: String) {
            var first = stack.count
            while first > 0 && stack[first - 1].node == nil { first -= 1 }
            var node = first == 0 ? 0 : stack[first - 1].node!
            for i in first..<stack.count {
                guard let step = stack[i].step else { return }
                let edge = Edge(parent: node, step: step)
                if let existing = nodes[edge] {
                    node = existing
                } else {
                    node = nodes.count + 1
                    nodes[edge] = node
                }
                stack[i].node = node
            }
            literals[node] = literal
        }

        /// Reads a string from its opening quote past its closing one; its text when `decoding` (object
        /// keys), else an empty string. Nil when the text ends inside it.
        mutating func readString(decoding: Bool) -> String? {
            position += 1
            let start = position
            var escaped = false
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    let end = position
                    position += 1
                    guard decoding else { return "" }
                    let raw = bytes[start..<end]
                    return escaped ? Self.unescape(raw) : String(decoding: raw, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    escaped = true
                    position += 2
                default:
                    position += 1
                }
            }
            return nil
        }

        /// A key's text with its escapes (`\"`, `\n`, `\u00e9`, surrogate pairs) resolved as JSON reads them.
        static func unescape(_ raw: ArraySlice<UInt8>) -> String {
            var out: [UInt8] = []
            var units: [UInt16] = []
            func flushUnits() {
                guard !units.isEmpty else { return }
                out.append(contentsOf: String(decoding: units, as: UTF16.self).utf8)
                units.removeAll()
            }
            var i = raw.startIndex
            while i < raw.endIndex {
                let byte = raw[i]
                guard byte == UInt8(ascii: "\\"), i + 1 < raw.endIndex else {
                    flushUnits()
                    out.append(byte)
                    i += 1
                    continue
                }
                let escape = raw[i + 1]
                i += 2
                if escape == UInt8(ascii: "u") {
                    guard i + 4 <= raw.endIndex, let unit = UInt16(String(decoding: raw[i..<i + 4], as: UTF8.self), radix: 16) else { continue }
                    units.append(unit)
                    i += 4
                    continue
                }
                flushUnits()
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                default: out.append(escape)
                }
            }
            flushUnits()
            return String(decoding: out, as: UTF8.self)
        }
    }
}
