extension OpenAPIFragment {
    /// The outbox of notices by e-mail, and the members' reminder preferences.
    static let notices = OpenAPIFragment(
        paths: #"""
  /api/v1/notices:
    get:
      summary: The latest notices of the outbox, newest first (staff); never their values or a credential's code
      parameters:
        - {name: status, in: query, schema: {type: string, enum: [queued, sending, sent, failed]}}
        - {name: member, in: query, schema: {type: string, example: M-0001}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 1000, default: 100}}
      responses:
        ~items Notice The notices.
        ~problems 401 403 422
  /api/v1/notices/{id}:
    parameters:
      - {$ref: '#/components/parameters/NoticeId'}
    get:
      summary: One notice (staff)
      responses:
        ~json 200 Notice The notice.
        ~problems 401 403 404 422
  /api/v1/notices/{id}/retry:
    parameters:
      - {$ref: '#/components/parameters/NoticeId'}
    post:
      summary: Put a failed notice back in the queue, due now, its attempts counted from zero (staff)
      description: Refused with notify.notice_not_failed (409) unless the notice failed.
      responses:
        ~json 200 Notice The notice, queued.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}/notice-preferences:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    get:
      summary: Which kinds of reminders the member receives (the member themself, or staff)
      responses:
        ~items NoticePreference One entry per kind of reminders.
        ~problems 401 403 404
  /api/v1/members/{number}/notice-preferences/{topic}:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
      - {name: topic, in: path, required: true, schema: {type: string, enum: [loans, cycles, membership]}}
    put:
      summary: Turn a kind of reminders off or on (the member themself, or staff); off also drops the member's queued reminders of that kind
      ~body NoticePreferenceChange
      responses:
        ~items NoticePreference The member's preferences after the change.
        ~problems 401 403 404 422
"""# + "\n",
        parameters: #"""
    NoticeId:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
"""# + "\n",
        schemas: #"""
    Notice:
      type: object
      required: [id, kind, member, status, attempts, nextAttemptAt, error, recipient, createdAt, sentAt, failedAt]
      properties:
        id: {type: integer}
        kind:
          type: string
          enum: [loan_due_tomorrow, loan_overdue, hold_ready, reservation_tomorrow, membership_ending, membership_ended,
                 cycle_open, cycle_closing, invoice_issued, credit_note_issued, election_credential]
        member: {type: string, example: M-0001}
        status: {type: string, enum: [queued, sending, sent, failed]}
        attempts: {type: integer, minimum: 0}
        nextAttemptAt: {type: [string, 'null'], format: date-time, description: When a queued notice is next tried.}
        error: {type: [string, 'null'], description: The last failure's reason (the mail server's reply).}
        recipient: {type: [string, 'null'], description: The address it was sent to.}
        createdAt: {type: string, format: date-time}
        sentAt: {type: [string, 'null'], format: date-time}
        failedAt: {type: [string, 'null'], format: date-time}
    NoticePreference:
      type: object
      required: [topic, enabled]
      properties:
        topic: {type: string, enum: [loans, cycles, membership]}
        enabled: {type: boolean}
    NoticePreferenceChange:
      type: object
      required: [enabled]
      additionalProperties: false
      properties:
        enabled: {type: boolean}
"""# + "\n")
}
