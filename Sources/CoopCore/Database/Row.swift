/// The column names of one statement's result, shared by all of its rows.
final class ColumnIndex: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (i, name) in names.enumerated() where positions[name] == nil { positions[name] = i }
        self.positions = positions
    }
}

/// One result row, copied out of SQLite so that it outlives the statement.
public struct Row: Sendable {
    let columns: ColumnIndex
    public let values: [DatabaseValue]

    init(columns: ColumnIndex, values: [DatabaseValue]) {
        self.columns = columns
        self.values = values
    }

    public var columnNames: [String] { columns.names }

    /// The raw value of a column, `.null` when the column does not exist.
    public subscript(_ column: String) -> DatabaseValue {
        guard let i = columns.positions[column] else { return .null }
        return values[i]
    }

    public subscript(_ index: Int) -> DatabaseValue { values[index] }

    /// Decodes a column; throws when it is missing or holds another type.
    public func get<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let i = columns.positions[column] else {
            throw DatabaseError.misuse("no column \(column) in result")
        }
        return try decode(values[i], column: column)
    }

    public func get<T: DatabaseValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else { throw DatabaseError.misuse("no column \(index) in result") }
        return try decode(values[index], column: "#\(index)")
    }

    private func decode<T: DatabaseValueConvertible>(_ value: DatabaseValue, column: String) throws -> T {
        guard let decoded = T.fromDatabaseValue(value) else {
            throw DatabaseError.misuse("column \(column) holds \(value.typeName), not \(T.self)")
        }
        return decoded
    }
}

extension DatabaseValue {
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}
