extension OpenAPIFragment {
    /// The one member account every domain posts to: payments at the desk and the account itself.
    static let accounts = OpenAPIFragment(
        paths: #"""
  /api/v1/payments:
    post:
      summary: Record a payment into a member's account (staff); it lowers the balance
      ~body PaymentRequest
      responses:
        ~created AccountEntry The account entry (its amount is negative, in the member's favour).
        ~problems 401 403 404 422
  /api/v1/payments/{id}/void:
    parameters:
      - {name: id, in: path, required: true, description: The payment's entry id (from the account)., schema: {type: integer, minimum: 1}}
    post:
      summary: Void a payment typed wrong (staff) with a reversing entry, never a deletion
      description: >-
        Posts a payment_void entry of the opposite amount that names the payment, so the balance is
        as before the payment. Only a payment can be voided (409 membership.not_a_payment), and only
        once (409 membership.payment_already_voided); the reason is required (422 common.required).
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [reason]
              properties:
                reason: {type: string, minLength: 1, maxLength: 500}
      responses:
        ~created PaymentVoid The payment, its void and the balance after.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}/account:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    get:
      summary: A member's account - fees, invoices, credit notes, payments - and its balance (staff, or the member themself)
      responses:
        ~json 200 Account The account.
        ~problems 401 403 404
"""# + "\n",
        schemas: #"""
    PaymentMethod:
      type: string
      enum: [cash, card, transfer, interac, cheque]
    PaymentRequest:
      type: object
      required: [member, amount, method]
      properties:
        member: {type: string, example: M-0001}
        amount: {$ref: '#/components/schemas/Cents', minimum: 1}
        method: {$ref: '#/components/schemas/PaymentMethod'}
        note: {type: string, maxLength: 500}
    AccountEntry:
      type: object
      required: [id, at, kind, amount, description, source, reference, method, voids, voidedBy]
      properties:
        id: {type: integer}
        at: {type: string, format: date-time}
        kind: {type: string, description: 'fee, waiver, payment, payment_void, invoice, credit_note…', example: payment}
        amount: {type: integer, description: Cents; positive when owed by the member, negative in their favour.}
        description: {type: string, description: 'In the member''s language (Facture 2026-000001, Invoice 2026-000001); a payment''s note or a void''s reason as written.'}
        source: {type: string, description: 'The domain that posted it: lending, orders, desk.'}
        reference: {type: [string, 'null'], description: An invoice number, a fee id.}
        method:
          oneOf:
            - {$ref: '#/components/schemas/PaymentMethod'}
            - {type: 'null'}
        voids: {type: [integer, 'null'], description: For a payment_void the id of the payment it voids.}
        voidedBy: {type: [integer, 'null'], description: For a voided payment the id of the payment_void entry.}
    PaymentVoid:
      type: object
      required: [member, payment, void, balance]
      properties:
        member: {type: string, example: M-0001}
        payment: {$ref: '#/components/schemas/AccountEntry'}
        void: {$ref: '#/components/schemas/AccountEntry'}
        balance: {type: integer, description: The balance after the void in cents.}
    Account:
      type: object
      required: [member, entries, balance]
      properties:
        member: {type: string}
        entries: {type: array, items: {$ref: '#/components/schemas/AccountEntry'}}
        balance: {type: integer, description: What the member owes (positive) or has in credit (negative).}
"""# + "\n"
    )
}
