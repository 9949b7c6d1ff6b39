import Membership

/// Who may call each Orders verb. Anyone may see the shopfront (producers, products and their stock,
/// pickup points, cycles); a signed-in member fills their own basket and reads only their own orders,
/// invoices and statements (the verb narrows `.signedIn` to the caller's own records); the
/// coordinator and the desk (staff) run the cycles, products, stock, purchase orders, pickups, credit
/// notes and reports.
public enum OrdersVerb: String, DomainVerb {
    case producer, producers, product, products, pickupPoint, pickupPoints, cycle, cycles
    case setOrder, order, orders, invoice, invoices, statement
    case addProducer, addProduct, updateProduct, setStock, addPickupPoint, setPickupPointActive
    case createCycle, openCycle, closeCycle, markDelivered, cancelOrder, pickUpOrder, creditNote
    case purchaseOrders, purchaseOrder, purchaseOrderCSV, packingList, pickingList, salesByProducer, taxReport

    public var rule: AccessRule {
        switch self {
        case .producer, .producers, .product, .products, .pickupPoint, .pickupPoints, .cycle, .cycles: .anyone
        case .setOrder, .order, .orders, .invoice, .invoices, .statement: .signedIn
        case .addProducer, .addProduct, .updateProduct, .setStock, .addPickupPoint, .setPickupPointActive,
             .createCycle, .openCycle, .closeCycle, .markDelivered, .cancelOrder, .pickUpOrder, .creditNote,
             .purchaseOrders, .purchaseOrder, .purchaseOrderCSV, .packingList, .pickingList, .salesByProducer, .taxReport: .staff
        }
    }
}
