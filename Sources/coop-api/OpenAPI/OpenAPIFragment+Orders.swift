extension OpenAPIFragment {
    /// Producers, products, pickup points, order cycles and their purchase orders, members' orders,
    /// invoices, credit notes and monthly statements.
    static let orders = OpenAPIFragment(
        paths: #"""
  /api/v1/producers:
    get:
      summary: List producers by name, accents and case ignored (Érablière with the E's) (any token)
      responses:
        ~items Producer Every producer.
        ~problems 401
    post:
      summary: Add a producer (staff)
      ~body NewProducer
      responses:
        ~created Producer The producer.
        ~problems 401 403 404 409 422
  /api/v1/producers/{name}:
    parameters:
      - {$ref: '#/components/parameters/ProducerName'}
    get:
      summary: One producer (any token)
      responses:
        ~json 200 Producer The producer.
        ~problems 401 404
  /api/v1/products:
    get:
      summary: List products by code (any token)
      parameters:
        - {name: producer, in: query, description: Only this producer's products., schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Product One page of products.
        ~problems 401 404 422
    post:
      summary: Add a product and its catalogue item (staff); no stock means ordered on demand
      ~body NewProduct
      responses:
        ~created Product The product.
        ~problems 401 403 404 409 422
  /api/v1/products/{code}:
    parameters:
      - {$ref: '#/components/parameters/ProductCode'}
    get:
      summary: One product with its stock (any token)
      responses:
        ~json 200 Product The product.
        ~problems 401 404
    patch:
      summary: Change a product's producer, price or tax class (staff); lines already ordered keep theirs
      ~body ProductChanges
      responses:
        ~json 200 Product The product after the change.
        ~problems 401 403 404 422
  /api/v1/products/{code}/stock:
    parameters:
      - {$ref: '#/components/parameters/ProductCode'}
    post:
      summary: Set the stock held, in the sale unit (staff); never below what orders hold
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [stock]
              properties:
                stock: {$ref: '#/components/schemas/Quantity'}
                reason: {type: string}
      responses:
        ~json 200 Product The product with its new stock.
        ~problems 401 403 404 409 422
  /api/v1/pickup-points:
    get:
      summary: List pickup points by name, accents and case ignored (any token)
      parameters:
        - {name: active, in: query, description: Only active points., schema: {type: boolean}}
      responses:
        ~items PickupPoint The pickup points.
        ~problems 401 422
    post:
      summary: Add an active pickup point (staff)
      ~body NewPickupPoint
      responses:
        ~created PickupPoint The pickup point.
        ~problems 401 403 409 422
  /api/v1/pickup-points/{name}:
    parameters:
      - {$ref: '#/components/parameters/PickupPointName'}
    get:
      summary: One pickup point (any token)
      responses:
        ~json 200 PickupPoint The pickup point.
        ~problems 401 404
    patch:
      summary: Activate or deactivate a pickup point (staff); orders placed there keep it
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [active]
              properties:
                active: {type: boolean}
      responses:
        ~json 200 PickupPoint The pickup point after the change.
        ~problems 401 403 404 422
  /api/v1/cycles:
    get:
      summary: List order cycles, newest first (any token)
      parameters:
        - {name: state, in: query, schema: {$ref: '#/components/schemas/CycleState'}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Cycle One page of cycles.
        ~problems 401 422
    post:
      summary: Create a planned order cycle (staff)
      ~body NewCycle
      responses:
        ~created Cycle The cycle.
        ~problems 401 403 404 422
  /api/v1/cycles/{id}:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
    get:
      summary: One order cycle (any token)
      responses:
        ~json 200 Cycle The cycle.
        ~problems 401 404 422
  /api/v1/cycles/{id}/open:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
    post:
      summary: Open a planned cycle to orders (staff)
      responses:
        ~json 200 Cycle The cycle, now open.
        ~problems 401 403 404 409 422
  /api/v1/cycles/{id}/close:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
    post:
      summary: Close a cycle (staff) in one transaction - confirm orders, make purchase orders and gapless invoices
      description: >-
        Before the cycle's closing time the close is refused with 409 orders.cycle_not_yet_closable
        (invoices cannot be taken back) unless the body is {"now": true}. A second close is refused
        with 409 orders.cycle_closed; two concurrent closes make one set of invoices.
      requestBody:
        required: false
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              properties:
                now: {type: boolean, description: Close before the closing time.}
      responses:
        ~json 200 CycleClosing What the close did.
        ~problems 401 403 404 409 422
  /api/v1/cycles/{id}/deliver:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
    post:
      summary: Mark a closed cycle delivered (staff)
      responses:
        ~json 200 Cycle The cycle, now delivered.
        ~problems 401 403 404 409 422
  /api/v1/cycles/{id}/purchase-orders:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
    get:
      summary: The cycle's purchase orders, one per producer, by name (staff); empty until it closes
      responses:
        ~items PurchaseOrder The purchase orders.
        ~problems 401 403 404 422
  /api/v1/cycles/{id}/purchase-orders/{producer}:
    parameters:
      - {$ref: '#/components/parameters/CycleID'}
      - {name: producer, in: path, required: true, schema: {type: string, example: Ferme Tournesol}}
    get:
      summary: One producer's purchase order (staff); as CSV with `Accept text/csv`
      responses:
        ~json 200 PurchaseOrder 'The purchase order; CSV columns code,name,unit,quantity,orders,amount with plain decimals.'
            text/csv:
              schema: {type: string}
        ~problems 401 403 404 422
  /api/v1/orders:
    get:
      summary: List orders by id (staff see all; a member sees only their own)
      parameters:
        - {name: cycle, in: query, schema: {type: integer, minimum: 1}}
        - {name: member, in: query, description: A member number; a member may name only themself., schema: {type: string}}
        - {name: status, in: query, schema: {$ref: '#/components/schemas/OrderStatus'}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Order One page of orders.
        ~problems 401 403 404 422
    post:
      summary: Create or replace a member's order for an open cycle (the member themself, or staff)
      description: |
        The lines are the whole basket: products left out are removed and their stock released. Stock is
        reserved in the same transaction, so concurrent orders never sell more than there is.
        Refusals change nothing - 409 orders.insufficient_stock (arguments.available is the most this
        line can hold now), 409 orders.cycle_closed or orders.cycle_not_open, 422
        orders.product_not_offered, orders.pickup_not_served, orders.quantity_not_positive,
        orders.quantity_not_allowed (2.5 douzaine), 403 auth.not_your_data for another member's order.
      ~body OrderRequest
      responses:
        ~json 200 Order The order, replaced.
        ~created Order The order, created.
        ~problems 401 403 404 409 422
  /api/v1/orders/{id}:
    parameters:
      - {$ref: '#/components/parameters/OrderID'}
    get:
      summary: One order with its lines and totals (staff, or the order's member)
      responses:
        ~json 200 Order The order.
        ~problems 401 403 404 422
  /api/v1/orders/{id}/cancel:
    parameters:
      - {$ref: '#/components/parameters/OrderID'}
    post:
      summary: Cancel an order and release its stock (staff); a confirmed order's invoice is credited
      responses:
        ~json 200 Order The order, now cancelled.
        ~problems 401 403 404 409 422
  /api/v1/orders/{id}/pickup:
    parameters:
      - {$ref: '#/components/parameters/OrderID'}
    post:
      summary: Hand a confirmed order to its member (staff); its reserved stock leaves the inventory
      responses:
        ~json 200 Order The order, now picked up.
        ~problems 401 403 404 409 422
  /api/v1/invoices:
    get:
      summary: List invoices and credit notes by number (staff see all; a member sees only their own)
      parameters:
        - {name: member, in: query, description: A member number; a member may name only themself., schema: {type: string}}
        - {name: cycle, in: query, schema: {type: integer, minimum: 1}}
        - {name: kind, in: query, schema: {$ref: '#/components/schemas/InvoiceKind'}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 500, default: 50}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        ~page Invoice One page of invoices and credit notes.
        ~problems 401 403 404 422
  /api/v1/invoices/{number}:
    parameters:
      - {$ref: '#/components/parameters/InvoiceNumber'}
    get:
      summary: One invoice or credit note (staff, or its member)
      responses:
        ~json 200 Invoice The invoice or credit note.
        ~problems 401 403 404
  /api/v1/invoices/{number}/credit:
    parameters:
      - {$ref: '#/components/parameters/InvoiceNumber'}
    post:
      summary: Issue a credit note against an invoice (staff) - the lines given, or everything not yet credited when all is true
      description: Neither lines nor all, or both, is refused with 422 orders.credit_scope_required.
      ~body CreditRequest
      responses:
        ~created Invoice The credit note, with its own number in the same gapless series.
        ~problems 401 403 404 409 422
  /api/v1/members/{number}/statement:
    parameters:
      - {$ref: '#/components/parameters/MemberNumber'}
    get:
      summary: A member's monthly statement (staff, or the member themself)
      parameters:
        - {name: month, in: query, required: true, schema: {type: string, pattern: '^[0-9]{4}-[0-9]{2}$', example: 2026-03}}
      responses:
        ~json 200 Statement The statement.
        ~problems 401 403 404 422
"""# + "\n",
        parameters: #"""
    ProducerName:
      name: name
      in: path
      required: true
      schema: {type: string, example: Ferme Tournesol}
    ProductCode:
      name: code
      in: path
      required: true
      schema: {type: string, example: POMMES-1}
    PickupPointName:
      name: name
      in: path
      required: true
      schema: {type: string, example: Plateau}
    CycleID:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
    OrderID:
      name: id
      in: path
      required: true
      schema: {type: integer, minimum: 1}
    InvoiceNumber:
      name: number
      in: path
      required: true
      schema: {type: string, example: 2026-000001}
"""# + "\n",
        schemas: #"""
    Quantity:
      type: number
      minimum: 0
      description: A quantity in the product's sale unit, at most three decimals (1.5 kg); whole for every unit but kg.
    SaleUnit:
      type: string
      enum: [unité, kg, douzaine, panier]
    TaxClass:
      type: string
      enum: [zero, taxable]
      description: zero for basic groceries; taxable bears GST and QST.
    Producer:
      type: object
      required: [name, contact, member, createdAt]
      properties:
        name: {type: string}
        contact: {type: [string, 'null']}
        member: {type: [string, 'null'], description: The producer's member number when the producer is a member.}
        createdAt: {type: string, format: date-time}
    NewProducer:
      type: object
      required: [name]
      properties:
        name: {type: string, minLength: 1, maxLength: 100}
        contact: {type: string, maxLength: 200}
        member: {type: string, example: M-0012}
    Product:
      type: object
      required: [code, name, producer, unit, price, tax, onDemand, stock, reserved, available, active]
      properties:
        code: {type: string}
        name: {type: string}
        producer: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        price: {type: integer, description: Price of one sale unit in cents.}
        tax: {$ref: '#/components/schemas/TaxClass'}
        onDemand: {type: boolean}
        stock: {type: [number, 'null'], description: Stock held in the sale unit; null when ordered on demand.}
        reserved: {type: [number, 'null'], description: What open and confirmed orders hold.}
        available: {type: [number, 'null'], description: What can still be ordered.}
        active: {type: boolean}
    NewProduct:
      type: object
      required: [code, name, producer, unit, price, tax]
      properties:
        code: {type: string}
        name: {type: string}
        producer: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        price: {$ref: '#/components/schemas/Cents', minimum: 0, maximum: 10000000}
        tax: {$ref: '#/components/schemas/TaxClass'}
        stock:
          description: Stock in the sale unit; left out or null means ordered on demand, without limit.
          oneOf:
            - {$ref: '#/components/schemas/Quantity'}
            - {type: 'null'}
    ProductChanges:
      type: object
      properties:
        producer: {type: string}
        price: {$ref: '#/components/schemas/Cents', minimum: 0, maximum: 10000000}
        tax: {$ref: '#/components/schemas/TaxClass'}
    PickupPoint:
      type: object
      required: [name, address, schedule, active]
      properties:
        name: {type: string}
        address: {type: [string, 'null']}
        schedule: {type: [string, 'null'], example: jeudi 16 h – 19 h}
        active: {type: boolean}
    NewPickupPoint:
      type: object
      required: [name]
      properties:
        name: {type: string}
        address: {type: string}
        schedule: {type: string}
    CycleState:
      type: string
      enum: [planned, open, closed, delivered]
    Cycle:
      type: object
      required: [id, name, opens, closes, pickupDate, state, products, pickupPoints, orderCount, createdAt, openedAt, closedAt, deliveredAt]
      properties:
        id: {type: integer}
        name: {type: string}
        opens: {type: string, format: date-time}
        closes: {type: string, format: date-time}
        pickupDate: {type: string, format: date}
        state: {$ref: '#/components/schemas/CycleState'}
        products: {type: [array, 'null'], items: {type: string}, description: Codes offered; null means every active product.}
        pickupPoints: {type: [array, 'null'], items: {type: string}, description: Points served; null means every active point.}
        orderCount: {type: integer, description: Orders that are not cancelled.}
        createdAt: {type: string, format: date-time}
        openedAt: {type: [string, 'null'], format: date-time}
        closedAt: {type: [string, 'null'], format: date-time}
        deliveredAt: {type: [string, 'null'], format: date-time}
    NewCycle:
      type: object
      required: [name, opens, closes, pickupDate]
      properties:
        name: {type: string}
        opens: {type: string, format: date-time, description: UTC unless an offset is given.}
        closes: {type: string, format: date-time}
        pickupDate: {type: string, format: date, description: Not before the local day of closes.}
        pickupPoints: {type: array, items: {type: string}, description: Left out or empty means every active point.}
        products: {type: array, items: {type: string}, description: Left out or empty means every active product.}
    CycleClosing:
      type: object
      required: [cycle, confirmedOrders, cancelledEmptyOrders, purchaseOrders, invoices, invoicedTotal]
      properties:
        cycle: {$ref: '#/components/schemas/Cycle'}
        confirmedOrders: {type: integer}
        cancelledEmptyOrders: {type: integer}
        purchaseOrders: {type: integer}
        invoices: {type: array, items: {type: string}, description: The invoice numbers, gapless.}
        invoicedTotal: {type: integer}
    OrderStatus:
      type: string
      enum: [open, confirmed, picked_up, cancelled]
    OrderLineInput:
      type: object
      required: [product, quantity]
      properties:
        product: {type: string, description: A product code.}
        quantity: {$ref: '#/components/schemas/Quantity'}
    OrderRequest:
      type: object
      required: [cycle, lines]
      properties:
        cycle: {type: integer}
        member: {type: string, description: The member number; defaults to the token's member.}
        pickup: {type: string, description: The pickup point's name; needed for a new order.}
        lines: {type: array, items: {$ref: '#/components/schemas/OrderLineInput'}}
    OrderLine:
      type: object
      required: [product, name, unit, quantity, unitPrice, tax, amount]
      properties:
        product: {type: string}
        name: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        quantity: {$ref: '#/components/schemas/Quantity'}
        unitPrice: {type: integer, description: Cents, frozen when the line was added.}
        tax: {$ref: '#/components/schemas/TaxClass'}
        amount: {type: integer, description: 'unitPrice × quantity in cents, rounded half-up.'}
    Order:
      type: object
      required: [id, member, cycle, pickup, status, lines, subtotal, gst, qst, total, invoice, createdAt, updatedAt]
      properties:
        id: {type: integer}
        member: {type: string}
        cycle: {type: integer}
        pickup: {type: string}
        status: {$ref: '#/components/schemas/OrderStatus'}
        lines: {type: array, items: {$ref: '#/components/schemas/OrderLine'}}
        subtotal: {type: integer}
        gst: {type: integer, description: 5 % of the taxable lines, rounded half-up.}
        qst: {type: integer, description: 9.975 % of the taxable lines, rounded half-up.}
        total: {type: integer, description: subtotal + gst + qst.}
        invoice: {type: [string, 'null']}
        createdAt: {type: string, format: date-time}
        updatedAt: {type: string, format: date-time}
    PurchaseOrderLine:
      type: object
      required: [product, name, unit, quantity, orders, amount]
      properties:
        product: {type: string}
        name: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        quantity: {$ref: '#/components/schemas/Quantity'}
        orders: {type: integer}
        amount: {type: integer}
    PurchaseOrder:
      type: object
      required: [cycle, producer, contact, pickupDate, lines, total, createdAt]
      properties:
        cycle: {type: integer}
        producer: {type: string}
        contact: {type: [string, 'null']}
        pickupDate: {type: string, format: date}
        lines: {type: array, items: {$ref: '#/components/schemas/PurchaseOrderLine'}}
        total: {type: integer}
        createdAt: {type: string, format: date-time}
    InvoiceKind:
      type: string
      enum: [invoice, credit_note]
    InvoiceLine:
      type: object
      required: [product, name, unit, quantity, unitPrice, tax, amount]
      properties:
        product: {type: string}
        name: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        quantity: {$ref: '#/components/schemas/Quantity'}
        unitPrice: {type: integer}
        tax: {$ref: '#/components/schemas/TaxClass'}
        amount: {type: integer}
    InvoiceTaxLine:
      type: object
      required: [tax, rate, base, amount]
      properties:
        tax: {type: string, enum: [gst, qst]}
        rate: {type: integer, description: Parts per 100,000 (GST 5000, QST 9975).}
        base: {type: integer}
        amount: {type: integer}
    Invoice:
      type: object
      required: [number, kind, member, cycle, order, issuedAt, date, creditedInvoice, reason, lines, taxes, subtotal, gst, qst, total, creditNotes]
      properties:
        number: {type: string, example: 2026-000001}
        kind: {$ref: '#/components/schemas/InvoiceKind'}
        member: {type: string}
        cycle: {type: integer}
        order: {type: integer}
        issuedAt: {type: string, format: date-time}
        date: {type: string, format: date}
        creditedInvoice: {type: [string, 'null']}
        reason: {type: [string, 'null']}
        lines: {type: array, items: {$ref: '#/components/schemas/InvoiceLine'}}
        taxes: {type: array, items: {$ref: '#/components/schemas/InvoiceTaxLine'}}
        subtotal: {type: integer}
        gst: {type: integer}
        qst: {type: integer}
        total: {type: integer, description: 'subtotal + gst + qst; positive on a credit note too (what it gives back).'}
        creditNotes: {type: array, items: {type: string}}
    CreditRequest:
      type: object
      required: [reason]
      properties:
        reason: {type: string, minLength: 1, maxLength: 500}
        lines:
          type: array
          description: Products and quantities to give back; required unless all is true.
          items: {$ref: '#/components/schemas/OrderLineInput'}
        all: {type: boolean, description: Credit everything not yet credited (instead of lines).}
    StatementEntry:
      type: object
      required: [date, at, kind, description, reference, amount, balance]
      properties:
        date: {type: string, format: date}
        at: {type: string, format: date-time}
        kind: {type: string, example: invoice}
        description: {type: string, description: 'In the statement''s language, the member''s.', example: Facture 2026-000001}
        reference: {type: [string, 'null']}
        amount: {type: integer, description: Positive when owed by the member.}
        balance: {type: integer, description: The balance after this entry.}
    Statement:
      type: object
      required: [member, language, month, from, to, openingBalance, entries, invoices, creditNotes, payments, other, closingBalance]
      properties:
        member: {type: string}
        language: {type: string, enum: [fr, en], description: 'The member''s language: the statement is their document, written in it whatever Accept-Language says.'}
        month: {type: string, example: 2026-03}
        from: {type: string, format: date}
        to: {type: string, format: date}
        openingBalance: {type: integer}
        entries: {type: array, items: {$ref: '#/components/schemas/StatementEntry'}}
        invoices: {type: integer}
        creditNotes: {type: integer}
        payments: {type: integer}
        other: {type: integer}
        closingBalance: {type: integer}
    PackingLine:
      type: object
      required: [product, name, unit, quantity]
      properties:
        product: {type: string}
        name: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        quantity: {$ref: '#/components/schemas/Quantity'}
    PackingSlip:
      type: object
      required: [pickup, member, memberName, order, status, lines]
      properties:
        pickup: {type: string}
        member: {type: string}
        memberName: {type: string}
        order: {type: integer}
        status: {$ref: '#/components/schemas/OrderStatus'}
        lines: {type: array, items: {$ref: '#/components/schemas/PackingLine'}}
    PackingList:
      type: object
      required: [items]
      description: One slip per order that is not cancelled, by pickup point then member.
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/PackingSlip'}}
    PickingRow:
      type: object
      required: [product, name, producer, unit, quantity, orders, pickups]
      properties:
        product: {type: string}
        name: {type: string}
        producer: {type: string}
        unit: {$ref: '#/components/schemas/SaleUnit'}
        quantity: {$ref: '#/components/schemas/Quantity'}
        orders: {type: integer}
        pickups:
          type: array
          items:
            type: object
            required: [pickup, quantity]
            properties:
              pickup: {type: string}
              quantity: {$ref: '#/components/schemas/Quantity'}
    PickingList:
      type: object
      required: [items]
      description: One row per product ordered, in code order.
      properties:
        items: {type: array, items: {$ref: '#/components/schemas/PickingRow'}}
    SalesReport:
      type: object
      required: [period, rows, invoiced, credited, net]
      properties:
        period: {type: string, example: cycle 12}
        rows:
          type: array
          items:
            type: object
            required: [producer, invoiced, credited, net]
            properties:
              producer: {type: string}
              invoiced: {type: integer}
              credited: {type: integer}
              net: {type: integer}
        invoiced: {type: integer}
        credited: {type: integer}
        net: {type: integer}
    TaxReport:
      type: object
      required: [from, to, invoiceCount, creditNoteCount, rows]
      properties:
        from: {type: string, format: date}
        to: {type: string, format: date}
        invoiceCount: {type: integer}
        creditNoteCount: {type: integer}
        rows:
          type: array
          items:
            type: object
            required: [tax, base, collected, refunded, net]
            properties:
              tax: {type: string, enum: [gst, qst]}
              base: {type: integer}
              collected: {type: integer}
              refunded: {type: integer}
              net: {type: integer}
"""# + "\n"
    )
}
