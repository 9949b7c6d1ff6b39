extension OpenAPIFragment {
    /// Loans, reservations, holds, fees, policies, closed days and lending settings, and the answers of
    /// Lending's reports (their route is written by the `reports` fragment from `ReportController.reports`).
    static let lending = OpenAPIFragment(
        paths: #"""
  /api/v1/loans:
    get:
      summary: List loans by id (any token; a member sees only their own)
      parameters:
        - {name: member, in: query, description: A member's number; a member's token may name only its own., schema: {type: string}}
        - {name: item, in: query, description: An item code., schema: {type: string}}
        - {name: open, in: query, description: Only loans still out., schema: {type: boolean}}
        - {name: overdue, in: query, description: Only loans past their due date and still out., schema: {type: boolean}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Loan One page of loans.
        ~problems 401 403 404 422
    post:
      summary: Check an item out to a member (staff)
      description: 'Refused with 409 and a `code`: lending.units_unavailable (not enough units free on some day of the loan once loans, reservations, offered holds and buffer days count; `arguments` names the day and the units free), lending.loan_limit, lending.balance_over_threshold, lending.member_inactive, lending.item_inactive.'
      ~body CheckOutRequest
      responses:
        ~created Loan The loan.
        ~problems 401 403 404 409 422
  /api/v1/loans/{id}:
    parameters:
      - {$ref: '#/components/parameters/LoanId'}
    get:
      summary: One loan (any token; a member only their own)
      responses:
        ~json 200 Loan The loan.
        ~problems 401 403 404 422
  /api/v1/loans/{id}/return:
    parameters:
      - {$ref: '#/components/parameters/LoanId'}
    post:
      summary: Bring a loan back (staff); charges the late fee and may send the units to maintenance
      ~body? CheckInRequest
      responses:
        ~json 200 Loan The closed loan, with `returnedAt` and `fee` (cents).
        ~problems 401 403 404 409 422
  /api/v1/loans/{id}/renew:
    parameters:
      - {$ref: '#/components/parameters/LoanId'}
    post:
      summary: Extend a loan by its policy's period (staff; a member their own when the policy allows self-renewal)
      description: 'Refused with 409 lending.renewal_limit, lending.loan_overdue, lending.holds_waiting or lending.reservation_conflict; a member gets 403 lending.self_renew_not_allowed or auth.not_your_data.'
      responses:
        ~json 200 Loan The loan with its new due date.
        ~problems 401 403 404 409 422
  /api/v1/loans/{id}/lost:
    parameters:
      - {$ref: '#/components/parameters/LoanId'}
    post:
      summary: Declare a loan lost (staff); its units are written off and the replacement value charged
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: string}
      responses:
        ~json 200 Loan The loan, now lost.
        ~problems 401 403 404 409 422
  /api/v1/loans/{id}/damage:
    parameters:
      - {$ref: '#/components/parameters/LoanId'}
    post:
      summary: Charge a damage fee on a loan (staff)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [amount, reason]
              properties:
                amount: {$ref: '#/components/schemas/Cents', minimum: 1}
                reason: {type: string}
      responses:
        ~created Fee The fee, posted to the member's account.
        ~problems 401 403 404 422
  /api/v1/reservations:
    get:
      summary: List reservations by id (any token; a member sees only their own)
      parameters:
        - {name: member, in: query, schema: {type: string}}
        - {name: item, in: query, schema: {type: string}}
        - {name: status, in: query, schema: {$ref: '#/components/schemas/ReservationStatus'}}
        - {name: from, in: query, description: Only those starting on or after this day., schema: {type: string, format: date}}
        - {name: to, in: query, description: Only those starting on or before this day., schema: {type: string, format: date}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Reservation One page of reservations.
        ~problems 401 403 404 422
    post:
      summary: Book units of an item for a date range (staff for anyone; a member for themself)
      description: 'Refused with 409 lending.units_unavailable (`arguments` names the first day short), lending.reservation_limit, lending.member_inactive or lending.item_inactive; 422 for a range in the past, too long, too far ahead, or starting or ending on a closed day; 403 auth.not_your_data when a member books for someone else.'
      ~body ReservationRequest
      responses:
        ~created Reservation The reservation.
        ~problems 401 403 404 409 422
  /api/v1/reservations/{id}:
    parameters:
      - {$ref: '#/components/parameters/ReservationId'}
    get:
      summary: One reservation (any token; a member only their own)
      responses:
        ~json 200 Reservation The reservation.
        ~problems 401 403 404 422
  /api/v1/reservations/{id}/cancel:
    parameters:
      - {$ref: '#/components/parameters/ReservationId'}
    post:
      summary: Cancel a booked reservation (staff, or the member themself)
      responses:
        ~json 200 Reservation The cancelled reservation.
        ~problems 401 403 404 409 422
  /api/v1/reservations/{id}/pickup:
    parameters:
      - {$ref: '#/components/parameters/ReservationId'}
    post:
      summary: Hand a reservation over on its first day (staff); it becomes a loan due on its last day
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                at: {type: string, format: date-time, description: When it was picked up (default now).}
      responses:
        ~created Loan The loan.
        ~problems 401 403 404 409 422
  /api/v1/items/{code}/availability:
    parameters:
      - {$ref: '#/components/parameters/ItemCode'}
    get:
      summary: An item's free units day by day over a range (any token)
      parameters:
        - {name: from, in: query, required: true, schema: {type: string, format: date}}
        - {name: to, in: query, required: true, schema: {type: string, format: date}}
      responses:
        ~json 200 ItemAvailability Free units by period, and what a reservation of the whole range could take.
        ~problems 401 404 422
  /api/v1/holds:
    get:
      summary: An item's waitlist (staff, `item`), or a member's holds (`member`; a member's token defaults to its own)
      parameters:
        - {name: item, in: query, schema: {type: string}}
        - {name: member, in: query, schema: {type: string}}
        - {name: all, in: query, description: 'Also fulfilled, expired and cancelled holds.', schema: {type: boolean}}
      responses:
        ~json 200 HoldList Holds; an item's in queue order (ready first, then waiting by position).
        ~problems 401 403 404 422
    post:
      summary: Join an item's waitlist (staff for anyone; a member for themself)
      description: 'Refused with 409 lending.hold_not_needed when a unit is free (borrow it instead) or lending.hold_exists.'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [item, member]
              properties:
                item: {type: string}
                member: {type: string}
      responses:
        ~created Hold The hold, with its position in line.
        ~problems 401 403 404 409 422
  /api/v1/holds/{id}:
    parameters:
      - {$ref: '#/components/parameters/HoldId'}
    get:
      summary: One hold (any token; a member only their own)
      responses:
        ~json 200 Hold The hold.
        ~problems 401 403 404 422
  /api/v1/holds/{id}/cancel:
    parameters:
      - {$ref: '#/components/parameters/HoldId'}
    post:
      summary: Leave a waitlist (staff, or the member themself); an offered unit passes to the next in line
      responses:
        ~json 200 Hold The cancelled hold.
        ~problems 401 403 404 409 422
  /api/v1/holds/{id}/move:
    parameters:
      - {$ref: '#/components/parameters/HoldId'}
    post:
      summary: Move a waiting hold to another position in line (staff)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [position]
              properties:
                position: {type: integer, minimum: 1, description: 1 is next in line; past the end means last.}
      responses:
        ~json 200 HoldList The item's queue as it now stands.
        ~problems 401 403 404 409 422
  /api/v1/fees:
    get:
      summary: A member's lending fees, oldest first (staff name the member; a member's token defaults to its own)
      parameters:
        - {name: member, in: query, schema: {type: string}}
        - {name: dueOnly, in: query, description: Leave out waived fees., schema: {type: boolean}}
      responses:
        ~items Fee The fees.
        ~problems 401 403 404 422
  /api/v1/fees/{id}:
    parameters:
      - {$ref: '#/components/parameters/FeeId'}
    get:
      summary: One fee (any token; a member only their own)
      responses:
        ~json 200 Fee The fee.
        ~problems 401 403 404 422
  /api/v1/fees/{id}/waive:
    parameters:
      - {$ref: '#/components/parameters/FeeId'}
    post:
      summary: Waive a fee with a reason (staff); a waiver entry cancels it in the account, the fee stays on record
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [reason]
              properties:
                reason: {type: string}
      responses:
        ~json 200 Fee The waived fee.
        ~problems 401 403 404 409 422
  /api/v1/policies:
    get:
      summary: Every loan policy, the default first (any token)
      responses:
        ~json 200 LoanPolicyList The policies.
        ~problems 401
    put:
      summary: Set the policy of the category subtree the body names, or the default without `category` (admin)
      ~body LoanPolicyInput
      responses:
        ~json 200 LoanPolicy The policy as stored (optional terms completed).
        ~problems 401 403 422
    delete:
      summary: Remove a category's policy, or the stored default without `category` (admin)
      parameters:
        - {name: category, in: query, schema: {type: string}}
      responses:
        ~json 200 LoanPolicyList The policies that remain.
        ~problems 401 403 404 422
  /api/v1/policies/effective:
    get:
      summary: The policy that applies to an item or a category path (any token)
      parameters:
        - {name: item, in: query, schema: {type: string}}
        - {name: category, in: query, schema: {type: string}}
      responses:
        ~json 200 LoanPolicy The most specific policy, else the default.
        ~problems 401 404 422
  /api/v1/closures:
    get:
      summary: Weekly closing days and dated closures (any token)
      parameters:
        - {name: from, in: query, description: Dated closures from this day (default today)., schema: {type: string, format: date}}
      responses:
        ~json 200 ClosureCalendar The closed days.
        ~problems 401 422
    post:
      summary: Close the co-op on a date, with a reason (admin); closing a closed day replaces its reason
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [date, reason]
              properties:
                date: {type: string, format: date}
                reason: {type: string}
      responses:
        ~json 200 ClosureCalendar The closed days.
        ~problems 401 403 422
  /api/v1/closures/weekly:
    put:
      summary: Replace the weekdays the co-op is closed every week (admin)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [weekdays]
              properties:
                weekdays: {type: array, items: {type: integer, minimum: 1, maximum: 7}, description: 'ISO weekdays: 1 Monday … 7 Sunday; empty for none.'}
      responses:
        ~json 200 ClosureCalendar The closed days.
        ~problems 401 403 422
  /api/v1/closures/{date}:
    parameters:
      - {name: date, in: path, required: true, schema: {type: string, format: date}}
    delete:
      summary: Open a date that was closed (admin)
      responses:
        ~json 200 ClosureCalendar The closed days.
        ~problems 401 403 404 422
  /api/v1/lending/settings:
    get:
      summary: The co-op's lending settings (staff)
      responses:
        ~json 200 LendingSettings The settings.
        ~problems 401 403
    put:
      summary: Change the lending settings (admin) - the fee threshold, whether an overdue loan blocks new ones; those left out stay
      ~body LendingSettingsChange
      responses:
        ~json 200 LendingSettings The settings.
        ~problems 401 403 422
"""# + "\n",
        parameters: #"""
    LoanId:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
    ReservationId:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
    HoldId:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
    FeeId:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
"""# + "\n",
        schemas: #"""
    Loan:
      type: object
      required: [id, item, itemName, member, units, outAt, due, status, returnedAt, fee, daysLate, renewals, maxRenewals, condition, maintenance, reservation]
      properties:
        id: {type: integer}
        item: {type: string, description: The item's code.}
        itemName: {type: string}
        member: {type: string, description: The borrower's number.}
        units: {type: integer, minimum: 1}
        outAt: {type: string, format: date-time}
        due: {type: string, format: date, description: 'Local date, already moved off closed days.'}
        status: {type: string, enum: [open, overdue, returned, lost], description: overdue is an open loan past its due date.}
        returnedAt: {type: [string, 'null'], format: date-time}
        fee: {type: integer, description: 'Late fee in cents: charged at the return, or what it would cost if it came back today.'}
        daysLate: {type: integer, minimum: 0}
        renewals: {type: integer, minimum: 0}
        maxRenewals: {type: integer, minimum: 0}
        condition: {type: [string, 'null'], description: The return condition note.}
        maintenance: {type: [string, 'null'], description: Why the units went to maintenance at the return.}
        reservation: {type: [integer, 'null'], description: The reservation it was picked up from.}
        holdsReady:
          type: array
          description: In a check-in's answer only - the holds this return made ready, for the desk to put the item aside.
          items: {$ref: '#/components/schemas/Hold'}
        dueMovedFrom:
          type: object
          description: In a check-out's, pickup's or renewal's answer only, when the due date fell on a closed day and was moved to the next open one.
          required: [day]
          properties:
            day: {type: string, format: date, description: The closed day.}
            reason: {type: [string, 'null'], description: The dated closure's reason; null for a day closed every week.}
    CheckOutRequest:
      type: object
      required: [item, member]
      properties:
        item: {type: string, description: Item code or barcode.}
        member: {type: string, description: Member number.}
        units: {type: integer, minimum: 1, maximum: 1000, default: 1}
        due: {type: string, format: date, description: Overrides the policy's loan period; still moved off closed days.}
        at: {type: string, format: date-time, description: 'When it went out, for an operation recorded later; never in the future.'}
    CheckInRequest:
      type: object
      properties:
        condition: {type: string}
        maintenance: {type: string, description: Send the units to maintenance with this reason.}
        at: {type: string, format: date-time, description: When it came back (default now); the fee counts from its day.}
    ReservationStatus:
      type: string
      enum: [booked, collected, cancelled, expired]
    Reservation:
      type: object
      required: [id, item, itemName, member, units, from, to, status, loan, createdAt, cancelledAt]
      properties:
        id: {type: integer}
        item: {type: string}
        itemName: {type: string}
        member: {type: string}
        units: {type: integer, minimum: 1}
        from: {type: string, format: date, description: The pickup day.}
        to: {type: string, format: date, description: 'The last day (included: the unit is out that day; the next booking may start the day after, plus the buffer days).'}
        status: {$ref: '#/components/schemas/ReservationStatus'}
        loan: {type: [integer, 'null'], description: The loan it became at pickup.}
        createdAt: {type: string, format: date-time}
        cancelledAt: {type: [string, 'null'], format: date-time}
    ReservationRequest:
      type: object
      required: [item, member, from, to]
      properties:
        item: {type: string}
        member: {type: string}
        units: {type: integer, minimum: 1, maximum: 1000, default: 1}
        from: {type: string, format: date}
        to: {type: string, format: date}
    ItemAvailability:
      type: object
      required: [item, quantity, from, to, free, periods]
      properties:
        item: {type: string}
        quantity: {type: integer}
        from: {type: string, format: date}
        to: {type: string, format: date}
        free: {type: integer, description: What a reservation of the whole range can take (buffer days counted).}
        periods:
          type: array
          items:
            type: object
            required: [from, to, free]
            properties:
              from: {type: string, format: date}
              to: {type: string, format: date}
              free: {type: integer}
    Hold:
      type: object
      required: [id, item, itemName, member, status, position, readyUntil, createdAt, loan]
      properties:
        id: {type: integer}
        item: {type: string}
        itemName: {type: string}
        member: {type: string}
        status: {type: string, enum: [waiting, ready, fulfilled, expired, cancelled]}
        position: {type: [integer, 'null'], description: '1 for the next in line, among waiting holds.'}
        readyUntil: {type: [string, 'null'], format: date, description: The last day a ready hold keeps its unit.}
        createdAt: {type: string, format: date-time}
        loan: {type: [integer, 'null'], description: The loan that fulfilled it.}
    HoldList:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Hold'}}
    Fee:
      type: object
      required: [id, member, loan, item, kind, amount, description, createdAt, status, waivedAt, waivedReason]
      properties:
        id: {type: integer}
        member: {type: string}
        loan: {type: [integer, 'null']}
        item: {type: [string, 'null']}
        kind: {type: string, enum: [late, lost, damage]}
        amount: {type: integer, minimum: 1, description: Cents.}
        description: {type: string, description: 'In the member''s language, e.g. Retard : T-0001, prêt 12, 3 jours.'}
        createdAt: {type: string, format: date-time}
        status: {type: string, enum: [due, waived]}
        waivedAt: {type: [string, 'null'], format: date-time}
        waivedReason: {type: [string, 'null']}
    LoanPolicy:
      type: object
      required: [category, loanDays, maxRenewals, selfRenew, feePerDay, graceDays, feeCap, maxReservationDays, maxAdvanceDays, bufferDays, holdReadyDays]
      properties:
        category: {type: [string, 'null'], description: The category path it covers with everything under it; null for the default.}
        loanDays: {type: integer, minimum: 1, maximum: 365}
        maxRenewals: {type: integer, minimum: 0, maximum: 99}
        selfRenew: {type: boolean}
        feePerDay: {type: integer, minimum: 0, description: Cents.}
        graceDays: {type: integer, minimum: 0, maximum: 365}
        feeCap: {type: integer, minimum: 0, description: Cents.}
        maxReservationDays: {type: integer, minimum: 1, maximum: 366}
        maxAdvanceDays: {type: integer, minimum: 0, maximum: 730}
        bufferDays: {type: integer, minimum: 0, maximum: 60, description: Days added between a booking's or loan's last day and the next booking's first.}
        holdReadyDays: {type: integer, minimum: 1, maximum: 60}
    LoanPolicyInput:
      type: object
      required: [loanDays, maxRenewals, feePerDay, graceDays, feeCap]
      description: Optional terms left out keep the category's current value, or inherit the policy that applied to it so far.
      properties:
        category: {type: [string, 'null'], description: A category path; absent or null for the default policy.}
        loanDays: {type: integer}
        maxRenewals: {type: integer}
        selfRenew: {type: boolean, default: false}
        feePerDay: {$ref: '#/components/schemas/Cents'}
        graceDays: {type: integer}
        feeCap: {$ref: '#/components/schemas/Cents'}
        maxReservationDays: {type: integer}
        maxAdvanceDays: {type: integer}
        bufferDays: {type: integer}
        holdReadyDays: {type: integer}
    LoanPolicyList:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/LoanPolicy'}}
    ClosureCalendar:
      type: object
      required: [weeklyClosedDays, closures]
      properties:
        weeklyClosedDays: {type: array, items: {type: integer, minimum: 1, maximum: 7}, description: ISO weekdays (1 Monday).}
        closures:
          type: array
          items:
            type: object
            required: [date, reason]
            properties:
              date: {type: string, format: date}
              reason: {type: string}
    LendingSettings:
      type: object
      required: [feeThreshold, overdueBlocksLoans]
      properties:
        feeThreshold: {$ref: '#/components/schemas/Cents', minimum: 0, description: 'Cents: a member owing more may not borrow.'}
        overdueBlocksLoans: {type: boolean, description: 'A member with an overdue loan may not borrow (409 lending.overdue_loan); true by default.'}
    LendingSettingsChange:
      type: object
      description: At least one of the two.
      minProperties: 1
      properties:
        feeThreshold: {$ref: '#/components/schemas/Cents', minimum: 0, description: 'Cents: a member owing more may not borrow.'}
        overdueBlocksLoans: {type: boolean, description: Whether an overdue loan blocks its member's new loans.}
    DueLoansReport:
      type: object
      description: due-today, expected-returns.
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/DueLoanRow'}}
        next: {type: 'null'}
    OverdueReport:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/OverdueRow'}}
        next: {type: 'null'}
    PreparationReport:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/PreparationRow'}}
        next: {type: 'null'}
    HoldsReadyReport:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/Hold'}}
        next: {type: 'null'}
    PopularReport:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/PopularItemRow'}}
        next: {type: 'null'}
    NeverBorrowedReport:
      type: object
      required: [items, next]
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/NeverBorrowedRow'}}
        next: {type: [string, 'null'], description: The cursor of the next page; null on the last page.}
    DueLoanRow:
      type: object
      description: due-today, expected-returns.
      required: [loan, due, item, itemName, member, units, outAt]
      properties:
        loan: {type: integer}
        due: {type: string, format: date}
        item: {type: string}
        itemName: {type: string}
        member: {type: string}
        units: {type: integer}
        outAt: {type: string, format: date-time}
    OverdueRow:
      type: object
      description: overdue.
      required: [loan, due, item, itemName, member, units, daysLate, accruedFee]
      properties:
        loan: {type: integer}
        due: {type: string, format: date}
        item: {type: string}
        itemName: {type: string}
        member: {type: string}
        units: {type: integer}
        daysLate: {type: integer}
        accruedFee: {type: integer, description: 'Cents: the late fee if it came back today.'}
    PreparationRow:
      type: object
      description: to-prepare.
      required: [reservation, day, to, item, itemName, member, units]
      properties:
        reservation: {type: integer}
        day: {type: string, format: date, description: The pickup day.}
        to: {type: string, format: date}
        item: {type: string}
        itemName: {type: string}
        member: {type: string}
        units: {type: integer}
    PopularItemRow:
      type: object
      description: popular.
      required: [item, itemName, loans, units]
      properties:
        item: {type: string}
        itemName: {type: string}
        loans: {type: integer}
        units: {type: integer}
    NeverBorrowedRow:
      type: object
      description: never-borrowed.
      required: [item, itemName, category, since]
      properties:
        item: {type: string}
        itemName: {type: string}
        category: {type: [string, 'null']}
        since: {type: string, format: date-time}
"""# + "\n"
    )
}
