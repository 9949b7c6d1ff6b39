import CoopCore
import Foundation

/// The refusals of Orders. Every code is stable (faces and scripts match on it), every message exists in
/// French and English, and the kind decides the HTTP status: `.invalid` 422, `.notFound` 404,
/// `.conflict` 409. A refused request changes nothing: each verb is one transaction.
extension CoopError {
    // MARK: Catalogue

    /// No producer has this name (404).
    public static func producerNotFound(_ name: String) -> CoopError {
        CoopError(.notFound, "orders.producer_not_found", field: "producer", ["producer": .text(name)],
                  fr: "Producteur introuvable : « {producer} ».", en: "Producer not found: \"{producer}\".")
    }

    /// Another producer has this name, compared without regard to case (409).
    public static func producerExists(_ name: String) -> CoopError {
        CoopError(.conflict, "orders.producer_exists", field: "name", ["producer": .text(name)],
                  fr: "Le producteur « {producer} » existe déjà.", en: "The producer \"{producer}\" already exists.")
    }

    /// No product has this code: the code is unknown, or names an Inventory item that is not sold (404).
    public static func productNotFound(_ code: String) -> CoopError {
        CoopError(.notFound, "orders.product_not_found", field: "product", ["product": .text(code)],
                  fr: "Produit introuvable : {product}.", en: "Product not found: {product}.")
    }

    /// A code in a request body (an order line, a cycle's products) that is no product (422).
    public static func unknownProduct(_ code: String) -> CoopError {
        CoopError(.invalid, "orders.unknown_product", field: "product", ["product": .text(code)],
                  fr: "Aucun produit n’a le code {product}.", en: "No product has the code {product}.")
    }

    static func invalidUnit(_ value: String) -> CoopError {
        CoopError(.invalid, "orders.invalid_unit", field: "unit", ["value": .text(value)],
                  fr: "Unité de vente inconnue « {value} » (unité, kg, douzaine ou panier).",
                  en: "Unknown sale unit \"{value}\" (unité, kg, douzaine or panier).")
    }

    static func invalidTaxClass(_ value: String) -> CoopError {
        CoopError(.invalid, "orders.invalid_tax", field: "tax", ["value": .text(value)],
                  fr: "Classe de taxe inconnue « {value} » (détaxé ou taxable).",
                  en: "Unknown tax class \"{value}\" (zero-rated or taxable).")
    }

    static func invalidPrice(_ price: Money) -> CoopError {
        CoopError(.invalid, "orders.invalid_price", field: "price",
                  ["price": .money(price), "min": .money(.zero), "max": .money(Money(cents: 10_000_000))],
                  fr: "Le prix doit être de {min} à {max} (reçu {price}).", en: "The price must be from {min} to {max} (got {price}).")
    }

    /// A quantity that does not parse: not a number, or more than three decimals (422).
    public static func invalidQuantity(_ value: String, field: String = "quantity") -> CoopError {
        CoopError(.invalid, "orders.invalid_quantity", field: field, ["value": .text(value)],
                  fr: "Quantité invalide : « {value} » (ex. 3 ou 1,5 ; trois décimales au plus).",
                  en: "Invalid quantity: \"{value}\" (e.g. 3 or 1.5; at most three decimals).")
    }

    /// Zero or less where a positive quantity is needed (422).
    public static func quantityNotPositive(_ product: String, _ quantity: Quantity) -> CoopError {
        CoopError(.invalid, "orders.quantity_not_positive", field: "quantity",
                  ["product": .text(product), "quantity": .quantity(quantity)],
                  fr: "{product} : la quantité doit être positive (reçu {quantity}).",
                  en: "{product}: the quantity must be positive (got {quantity}).")
    }

    /// A fraction of a unit that is only sold whole (`2,5 douzaines`) (422).
    public static func quantityNotAllowed(_ product: String, _ quantity: Quantity, unit: SaleUnit) -> CoopError {
        CoopError(.invalid, "orders.quantity_not_allowed", field: "quantity",
                  ["product": .text(product), "quantity": .quantity(quantity), "unit": .localized(unit.soldBy, code: unit.rawValue)],
                  fr: "{product} se vend {unit}, en nombres entiers (reçu {quantity}).",
                  en: "{product} is sold {unit}, in whole numbers (got {quantity}).")
    }

    static func quantityTooLarge(_ product: String, _ quantity: Quantity, max: Quantity) -> CoopError {
        CoopError(.invalid, "orders.quantity_too_large", field: "quantity",
                  ["product": .text(product), "quantity": .quantity(quantity), "max": .quantity(max)],
                  fr: "{product} : la quantité {quantity} dépasse le maximum de {max}.",
                  en: "{product}: the quantity {quantity} is more than the maximum of {max}.")
    }

    /// Setting the stock of a product ordered from the producer without a stock limit (409).
    static func productOnDemand(_ code: String) -> CoopError {
        CoopError(.conflict, "orders.product_on_demand", field: "stock", ["product": .text(code)],
                  fr: "{product} est commandé sur demande : il n’a pas de stock.",
                  en: "{product} is ordered on demand: it has no stock.")
    }

    // MARK: Pickup points

    /// No pickup point has this name (404).
    public static func pickupNotFound(_ name: String) -> CoopError {
        CoopError(.notFound, "orders.pickup_not_found", field: "pickup", ["pickup": .text(name)],
                  fr: "Point de cueillette introuvable : « {pickup} ».", en: "Pickup point not found: \"{pickup}\".")
    }

    static func pickupExists(_ name: String) -> CoopError {
        CoopError(.conflict, "orders.pickup_exists", field: "name", ["pickup": .text(name)],
                  fr: "Le point de cueillette « {pickup} » existe déjà.", en: "The pickup point \"{pickup}\" already exists.")
    }

    /// The cycle does not serve this pickup point (or the point is inactive) (422).
    public static func pickupNotServed(_ name: String, cycle: Int64) -> CoopError {
        CoopError(.invalid, "orders.pickup_not_served", field: "pickup", ["pickup": .text(name), "cycle": .integer(cycle)],
                  fr: "Le cycle {cycle} ne dessert pas le point de cueillette « {pickup} ».",
                  en: "Cycle {cycle} does not serve the pickup point \"{pickup}\".")
    }

    // MARK: Cycles

    /// No cycle has this id (404).
    public static func cycleNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "orders.cycle_not_found", field: "cycle", ["cycle": .integer(id)],
                  fr: "Cycle de commande introuvable : {cycle}.", en: "Order cycle not found: {cycle}.")
    }

    static func invalidCycleDates(_ reason: LocalizedText) -> CoopError {
        CoopError(.invalid, "orders.invalid_cycle_dates", field: "closes", ["reasonFr": .text(reason.fr), "reasonEn": .text(reason.en)],
                  fr: "Dates du cycle invalides : {reasonFr}", en: "Invalid cycle dates: {reasonEn}")
    }

    /// Orders are taken only while the cycle is open; it has closed, or its closing time has passed (409).
    public static func cycleClosed(_ id: Int64) -> CoopError {
        CoopError(.conflict, "orders.cycle_closed", field: "cycle", ["cycle": .integer(id)],
                  fr: "Le cycle {cycle} est fermé : les commandes ne peuvent plus changer.",
                  en: "Cycle {cycle} is closed: orders can no longer change.")
    }

    /// The cycle is still planned: it takes no orders and cannot be closed yet (409).
    public static func cycleNotOpen(_ id: Int64) -> CoopError {
        CoopError(.conflict, "orders.cycle_not_open", field: "cycle", ["cycle": .integer(id)],
                  fr: "Le cycle {cycle} n’est pas encore ouvert.", en: "Cycle {cycle} is not open yet.")
    }

    /// Closing issues invoices that cannot be taken back, so a cycle closes at its closing time, or
    /// earlier only when the coordinator says so (409).
    static func cycleNotYetClosable(_ id: Int64, closes: Instant, now: Instant, timeZone: TimeZone) -> CoopError {
        CoopError(.conflict, "orders.cycle_not_yet_closable", field: "cycle",
                  ["cycle": .integer(id), "closes": .instantAt(closes, timeZone, now: now)],
                  fr: "Le cycle {cycle} ferme {closes} ; le fermer maintenant émettrait ses factures avant l’heure. Pour le fermer quand même : --now (API : `\"now\": true`).",
                  en: "Cycle {cycle} closes {closes}; closing it now would issue its invoices early. To close it anyway: --now (API: `\"now\": true`).")
    }

    /// A credit note names what it gives back, or says it gives back everything left (422).
    static func creditScopeRequired(both: Bool) -> CoopError {
        both
            ? CoopError(.invalid, "orders.credit_scope_required", field: "lines",
                        fr: "Indiquez soit les lignes à créditer (CODE=QTÉ), soit --all pour tout créditer, pas les deux.",
                        en: "Give either the lines to credit (CODE=QTY) or --all to credit everything, not both.")
            : CoopError(.invalid, "orders.credit_scope_required", field: "lines",
                        fr: "Indiquez les lignes à créditer (CODE=QTÉ, ex. POMMES=1), ou --all pour créditer tout ce qui reste de la facture.",
                        en: "Give the lines to credit (CODE=QTY, e.g. POMMES=1), or --all to credit everything left on the invoice.")
    }

    /// Only a planned cycle can be opened (409).
    static func cycleNotPlanned(_ id: Int64, state: CycleState) -> CoopError {
        CoopError(.conflict, "orders.cycle_not_planned", field: "cycle", ["cycle": .integer(id)].merging(state.arguments("state")) { $1 },
                  fr: "Le cycle {cycle} est déjà {stateFr} : seul un cycle planifié peut ouvrir.",
                  en: "Cycle {cycle} is already {stateEn}: only a planned cycle can open.")
    }

    /// The step needs a closed cycle (delivery, purchase orders) (409).
    static func cycleNotClosed(_ id: Int64, state: CycleState) -> CoopError {
        CoopError(.conflict, "orders.cycle_not_closed", field: "cycle", ["cycle": .integer(id)].merging(state.arguments("state")) { $1 },
                  fr: "Le cycle {cycle} est {stateFr}, pas fermé.", en: "Cycle {cycle} is {stateEn}, not closed.")
    }

    // MARK: Orders

    /// The product is not sold in this cycle (not in its list, or not active) (422).
    public static func productNotOffered(_ code: String, cycle: Int64) -> CoopError {
        CoopError(.invalid, "orders.product_not_offered", field: "lines", ["product": .text(code), "cycle": .integer(cycle)],
                  fr: "Le produit {product} n’est pas offert dans le cycle {cycle}.",
                  en: "The product {product} is not offered in cycle {cycle}.")
    }

    static func duplicateLine(_ code: String) -> CoopError {
        CoopError(.invalid, "orders.duplicate_line", field: "lines", ["product": .text(code)],
                  fr: "Le produit {product} apparaît deux fois.", en: "The product {product} appears twice.")
    }

    /// Fewer left than asked for. `available` is the most this line can hold now: what the order
    /// already holds of the product plus the stock nobody has reserved (409).
    public static func insufficientStock(_ code: String, requested: Quantity, available: Quantity) -> CoopError {
        CoopError(.conflict, "orders.insufficient_stock", field: "quantity",
                  ["product": .text(code),
                   "requested": .count(.quantity(requested), Plural(fr: "demandé", "demandés", en: "requested", "requested")),
                   "available": .count(.quantity(available), .available)],
                  fr: "Stock insuffisant pour {product} : {requested}, {available}.",
                  en: "Not enough {product} in stock: {requested}, {available}.")
    }

    /// No order has this id (404).
    public static func orderNotFound(_ id: Int64) -> CoopError {
        CoopError(.notFound, "orders.order_not_found", field: "order", ["order": .integer(id)],
                  fr: "Commande introuvable : {order}.", en: "Order not found: {order}.")
    }

    /// A member who is suspended or anonymized cannot order (409).
    static func memberCannotOrder(_ number: String) -> CoopError {
        CoopError(.conflict, "orders.member_cannot_order", field: "member", ["member": .text(number)],
                  fr: "Le membre {member} est suspendu ou anonymisé : il ne peut pas commander.",
                  en: "Member {member} is suspended or anonymized and cannot order.")
    }

    /// Only open or confirmed orders can be cancelled (409).
    static func orderNotCancellable(_ id: Int64, status: OrderStatus) -> CoopError {
        CoopError(.conflict, "orders.order_not_cancellable", field: "order", ["order": .integer(id)].merging(status.arguments("status")) { $1 },
                  fr: "La commande {order} ne peut pas être annulée : elle est {statusFr}.",
                  en: "Order {order} cannot be cancelled: it is {statusEn}.")
    }

    /// Only a confirmed order (its cycle closed) can be picked up (409).
    static func orderNotConfirmed(_ id: Int64, status: OrderStatus) -> CoopError {
        CoopError(.conflict, "orders.order_not_confirmed", field: "order", ["order": .integer(id)].merging(status.arguments("status")) { $1 },
                  fr: "La commande {order} est {statusFr}, pas confirmée.", en: "Order {order} is {statusEn}, not confirmed.")
    }

    // MARK: Invoices

    /// No invoice or credit note has this number (404).
    public static func invoiceNotFound(_ number: String) -> CoopError {
        CoopError(.notFound, "orders.invoice_not_found", field: "invoice", ["invoice": .text(number)],
                  fr: "Facture introuvable : {invoice}.", en: "Invoice not found: {invoice}.")
    }

    /// A credit note cannot itself be credited (422).
    static func notAnInvoice(_ number: String) -> CoopError {
        CoopError(.invalid, "orders.not_an_invoice", field: "invoice", ["invoice": .text(number)],
                  fr: "{invoice} est une note de crédit : seule une facture peut être créditée.",
                  en: "{invoice} is a credit note: only an invoice can be credited.")
    }

    static func productNotOnInvoice(_ code: String, invoice: String) -> CoopError {
        CoopError(.invalid, "orders.product_not_on_invoice", field: "lines", ["product": .text(code), "invoice": .text(invoice)],
                  fr: "Le produit {product} n’est pas sur la facture {invoice}.",
                  en: "The product {product} is not on invoice {invoice}.")
    }

    /// More than what remains uncredited of an invoice line (409).
    static func creditExceedsInvoice(_ code: String, requested: Quantity, remaining: Quantity) -> CoopError {
        CoopError(.conflict, "orders.credit_exceeds_invoice", field: "quantity",
                  ["product": .text(code), "requested": .quantity(requested), "remaining": .quantity(remaining)],
                  fr: "{product} : {requested} à créditer, mais il ne reste que {remaining} sur la facture.",
                  en: "{product}: {requested} to credit, but only {remaining} remains on the invoice.")
    }

    static func invoiceFullyCredited(_ number: String) -> CoopError {
        CoopError(.conflict, "orders.invoice_fully_credited", field: "invoice", ["invoice": .text(number)],
                  fr: "La facture {invoice} est déjà entièrement créditée.", en: "Invoice {invoice} is already fully credited.")
    }

    /// No purchase order for this producer in this cycle: the cycle is not closed or nothing was ordered (404).
    static func purchaseOrderNotFound(cycle: Int64, producer: String) -> CoopError {
        CoopError(.notFound, "orders.purchase_order_not_found", field: "producer", ["cycle": .integer(cycle), "producer": .text(producer)],
                  fr: "Aucun bon de commande pour « {producer} » dans le cycle {cycle}.",
                  en: "No purchase order for \"{producer}\" in cycle {cycle}.")
    }

    // MARK: Periods

    static func invalidMonth(_ value: String, field: String = "month") -> CoopError {
        CoopError(.invalid, "orders.invalid_month", field: field, ["value": .text(value)],
                  fr: "Mois invalide : « {value} » (AAAA-MM).", en: "Invalid month: \"{value}\" (YYYY-MM).")
    }

    /// A date that is not `YYYY-MM-DD`, for the faces parsing `--from`/`--to` of the tax report (422).
    public static func invalidDate(_ field: String, _ value: String) -> CoopError {
        CoopError(.invalid, "orders.invalid_date", field: field, ["field": .field(field, .the), "value": .text(value)],
                  fr: "Date invalide pour {field} : « {value} » (AAAA-MM-JJ).", en: "Invalid date for {field}: \"{value}\" (YYYY-MM-DD).")
    }

    static func invalidPeriod(from: LocalDate, to: LocalDate) -> CoopError {
        CoopError(.invalid, "orders.invalid_period", field: "to", ["from": .text(from.iso8601), "to": .text(to.iso8601)],
                  fr: "La période se termine ({to}) avant de commencer ({from}).",
                  en: "The period ends ({to}) before it starts ({from}).")
    }
}

extension CoopError {
    /// A stock set below what orders (or loans, or repairs) hold out of it (409).
    static func stockBelowReserved(_ code: String, stock: Quantity, reserved: Quantity) -> CoopError {
        CoopError(.conflict, "orders.stock_below_reserved", field: "stock",
                  ["product": .text(code), "stock": .quantity(stock),
                   "reserved": .count(.quantity(reserved), Plural(fr: "est déjà réservé", "sont déjà réservés",
                                                                en: "is already reserved", "are already reserved"))],
                  fr: "{product} : le stock ne peut pas descendre à {stock}, {reserved}.",
                  en: "{product}: the stock cannot go down to {stock}, {reserved}.")
    }
}
