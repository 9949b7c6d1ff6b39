import CoopCore

/// The days the co-op is closed: weekdays closed every week and dated closures (holidays, inventory).
/// A due date that falls on a closed day moves to the next open day.
public struct ClosureCalendar: Sendable, Codable, Equatable {
    /// ISO weekdays closed every week, ascending: 1 is Monday, 7 is Sunday.
    public let weeklyClosedDays: [Int]
    /// Dated closures from the day asked for onwards, by date.
    public let closures: [DatedClosure]

    /// Creates the value from its fields.
    public init(weeklyClosedDays: [Int], closures: [DatedClosure]) {
        self.weeklyClosedDays = weeklyClosedDays
        self.closures = closures
    }
}

/// One day the co-op is closed, and why.
public struct DatedClosure: Sendable, Codable, Equatable {
    public let date: LocalDate
    public let reason: String

    /// Creates the value from its fields.
    public init(date: LocalDate, reason: String) {
        self.date = date
        self.reason = reason
    }
}

/// The closed days as a lookup, loaded once per transaction.
struct OpenDays: Sendable {
    /// The furthest a due date is pushed before we give up: a year of closures is a configuration error.
    static let maxPush = 366

    let weekly: Set<Int>
    let dated: [LocalDate: String]

    static func load(from day: LocalDate, in db: Connection) throws -> OpenDays {
        let weekly = Set(try db.query("SELECT weekday FROM lending_closed_weekdays").map { try $0.get(0) as Int })
        var dated: [LocalDate: String] = [:]
        try db.forEach("SELECT day, reason FROM lending_closures WHERE day >= ?", [day]) {
            dated[try $0.get(0) as LocalDate] = try $0.get(1) as String
        }
        return OpenDays(weekly: weekly, dated: dated)
    }

    /// Open unless the day is a dated closure or a weekday closed every week.
    func isOpen(_ day: LocalDate) -> Bool { dated[day] == nil && !weekly.contains(day.weekday) }

    /// The due date for `asked`: itself when open, else the next open day, with the closed day it
    /// moved from (so the desk can tell the member).
    func due(for asked: LocalDate) throws -> (day: LocalDate, moved: DueMove?) {
        let day = try nextOpen(onOrAfter: asked)
        return (day, day == asked ? nil : DueMove(day: asked, reason: dated[asked]))
    }

    /// `day` itself when open, else the first open day after it.
    func nextOpen(onOrAfter day: LocalDate) throws -> LocalDate {
        var candidate = day
        for _ in 0...Self.maxPush {
            if isOpen(candidate) { return candidate }
            candidate = candidate.adding(days: 1)
        }
        throw CoopError.noOpenDay(after: day)
    }

    /// Refuses a closed day where the member must come in (a reservation's first or last day).
    func requireOpen(_ day: LocalDate, field: String) throws {
        if !isOpen(day) { throw CoopError.closedDay(day, field: field, reason: dated[day]) }
    }
}
