import CoopCore

/// Gapless document numbers per year: `2026-000001`, `2026-000002`, …
///
/// Invoices and credit notes share one series. A credit note is a tax document like an invoice and
/// reverses part of one, so one run of numbers per year lets an auditor check that no document is
/// missing with a single count, and a number names exactly one document (`invoice show 2026-000042`
/// never has to ask "which kind?"). The document's `kind` tells them apart.
///
/// The counter row of the year is raised in the caller's write transaction, together with the
/// documents it numbers: if anything fails the counter rolls back with them (never skipped), the
/// counter only goes up (never reused, a trigger refuses a decrease), and the write lock makes
/// concurrent closes take their numbers one after the other (no two documents get the same number).
enum InvoiceNumbering {
    /// Reserves `count` consecutive numbers in `year` and returns the first sequence number.
    static func reserve(_ count: Int, year: Int, in db: Connection) throws -> Int64 {
        guard count > 0, db.isInTransaction else {
            // SQLITE_MISUSE: numbers are only reserved inside the transaction that uses them.
            throw DatabaseError(extendedCode: 21, message: "invoice numbers reserved outside a write transaction")
        }
        try db.execute("""
            INSERT INTO orders_invoice_counters (year, last_number) VALUES (?, ?)
            ON CONFLICT (year) DO UPDATE SET last_number = last_number + excluded.last_number
            """, [year, count])
        guard let last = try db.scalar("SELECT last_number FROM orders_invoice_counters WHERE year = ?", [year], as: Int64.self) else {
            throw DatabaseError(extendedCode: 21, message: "invoice counter for \(year) vanished")
        }
        return last - Int64(count) + 1
    }

    /// `2026-000001`: the year, a dash and the sequence on at least six digits.
    static func number(year: Int, sequence: Int64) -> String {
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
