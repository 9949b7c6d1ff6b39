extension OpenAPIFragment {
    /// Plans, members and `/me`.
    static let membership = OpenAPIFragment(
        paths: #"""
  /api/v1/plans:
    get:
      summary: List membership plans by name, accents and case ignored (any token)
      responses:
        ~items Plan All plans.
        ~problems 401
    post:
      summary: Create a plan (admin)
      ~body Plan
      responses:
        ~json 201 Plan The plan.
        ~problems 401 403 409 422
  /api/v1/coop:
    get:
      summary: The co-op's profile printed on its invoices - name, postal address, GST and QST numbers (anyone, no token needed)
      security: [{}, {bearer: []}]
      responses:
        ~json 200 CoopProfile The profile (the name Coop and nothing else until an administrator sets it).
        ~problems 401
    patch:
      summary: Change the co-op's profile (admin); the fields left out stay, an empty address or number removes it
      description: >-
        Refusals (422): common.required (no field, or an empty name), common.too_long (a name over 100 or an address
        over 300 characters), membership.invalid_coop_name (a name on several lines), membership.invalid_gst_number
        (not like 123456789RT0001), membership.invalid_qst_number (not like 1234567890TQ0001). Spaces and dashes in
        a number are forgiven; it is stored without them, in capitals.
      ~body CoopProfileChanges
      responses:
        ~json 200 CoopProfile The profile after the change.
        ~problems 401 403 422
  /api/v1/members:
    get:
      summary: List members (staff), paginated; with q, the members found by name, e-mail or phone
      parameters:
        - name: q
          in: query
          description: >-
            Part of a name, an e-mail or a phone number, accents and case ignored (helene finds
            Hélène Côté; 514 555 finds (514) 555-0150). Several words must all match. No match is an
            empty page; an empty q lists every member.
          schema: {type: string, maxLength: 100}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
        - {name: status, in: query, schema: {type: string, enum: [active, expired, suspended]}}
      responses:
        ~page Member One page of members.
        ~problems 401 403 422
    post:
      summary: Register a member (staff)
      ~body NewMember
      responses:
        ~created Member The new member.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    get:
      summary: One member (staff, or the member themself)
      responses:
        ~json 200 Member The member.
        ~problems 401 403 404
    patch:
      summary: Change a member's details (staff)
      ~body MemberChanges
      responses:
        ~json 200 Member The member after the change.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}/renew:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    post:
      summary: Record the plan fee and extend the membership by one period (staff)
      responses:
        ~json 200 Member The member after renewal.
        ~problems 401 403 404 409
  /api/v1/members/{number}/suspend:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    post:
      summary: Suspend a member, with a reason (staff)
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
        ~json 200 Member The suspended member.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}/reinstate:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    post:
      summary: Lift a suspension (staff)
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              properties:
                reason: {type: string}
      responses:
        ~json 200 Member The reinstated member.
        ~problems 401 403 404 409 422
  /api/v1/me:
    get:
      summary: The caller's own member record (a token tied to a member)
      responses:
        ~json 200 Member The member.
        ~problems 401 404
"""# + "\n",
        parameters: #"""
    MemberNumber:
      name: number
      in: path
      required: true
      schema: {type: string, example: M-0001}
"""# + "\n",
        schemas: #"""
    Plan:
      type: object
      required: [name, fee, months, maxLoans, maxReservations]
      properties:
        name: {type: string, maxLength: 60}
        fee: {$ref: '#/components/schemas/Cents', minimum: 0, description: Fee per period in cents.}
        months: {type: integer, minimum: 1, maximum: 120}
        maxLoans: {type: integer, minimum: 0}
        maxReservations: {type: integer, minimum: 0}
    Member:
      type: object
      required: [number, firstName, lastName, email, language, category, plan, status, joinedOn, membershipEnds, shareCapital, anonymized]
      properties:
        number: {type: string, example: M-0001}
        firstName: {type: string}
        lastName: {type: string}
        email: {type: [string, 'null']}
        phone: {type: [string, 'null']}
        language: {type: string, enum: [fr, en]}
        category: {type: string, enum: [user, worker, supporting]}
        plan: {type: [string, 'null']}
        status: {type: string, enum: [active, expired, suspended]}
        suspensionReason: {type: [string, 'null']}
        joinedOn: {type: string, format: date}
        membershipEnds: {type: [string, 'null'], format: date}
        shareCapital: {type: integer, description: Share capital paid, in cents.}
        anonymized: {type: boolean}
    NewMember:
      type: object
      required: [firstName, lastName, email]
      properties:
        firstName: {type: string, maxLength: 100}
        lastName: {type: string, maxLength: 100}
        email: {type: string, format: email}
        phone: {type: string}
        language: {type: string, enum: [fr, en]}
        category: {type: string, enum: [user, worker, supporting]}
        plan: {type: string}
        shareCapital: {$ref: '#/components/schemas/Cents', minimum: 0}
    CoopProfile:
      type: object
      required: [name, address, gstNumber, qstNumber]
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        address: {type: [string, 'null'], maxLength: 300, description: One line of the postal address per line (LF-separated).}
        gstNumber: {type: [string, 'null'], pattern: '^[0-9]{9}RT[0-9]{4}$', description: GST/HST registration number.}
        qstNumber: {type: [string, 'null'], pattern: '^[0-9]{10}TQ[0-9]{4}$', description: QST registration number.}
    CoopProfileChanges:
      type: object
      minProperties: 1
      properties:
        name: {type: string, maxLength: 100}
        address: {type: string, description: 'LF-separated lines, at most 300 characters; empty removes it.'}
        gstNumber: {type: string, description: '123456789RT0001; empty removes it.'}
        qstNumber: {type: string, description: '1234567890TQ0001; empty removes it.'}
    MemberChanges:
      type: object
      properties:
        firstName: {type: string}
        lastName: {type: string}
        email: {type: string, format: email}
        phone: {type: string}
        language: {type: string, enum: [fr, en]}
        category: {type: string, enum: [user, worker, supporting]}
        plan: {type: string, description: An empty string removes the plan.}
        shareCapital: {$ref: '#/components/schemas/Cents', minimum: 0}
"""# + "\n"
    )
}
