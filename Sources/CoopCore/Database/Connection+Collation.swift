import CSQLite

extension Connection {
    /// Registers `ReadingOrder` as the collation `french`, so that lists people read can say
    /// `ORDER BY name COLLATE french`. Every connection has it; the schema never names it (an index or
    /// a column declared with it would make the file unreadable by the plain `sqlite3` shell).
    func registerReadingOrder() throws {
        let rc = sqlite3_create_collation_v2(handle, ReadingOrder.collation, SQLITE_UTF8, nil, { _, leftCount, left, rightCount, right in
            ReadingOrder.compare(UnsafeRawBufferPointer(start: left, count: Int(leftCount)),
                                 UnsafeRawBufferPointer(start: right, count: Int(rightCount)))
        }, nil)
        guard rc == SQLITE_OK else { throw error(rc, sql: nil) }
    }
}
