import CoopCore
import Orders

/// The words of the printable pages: a member's invoices and credit notes, one of them, a monthly
/// statement (`InvoicePages`).
extension WebText {
    static let invoicesHeading = LocalizedText(fr: "Mes factures", en: "My invoices")
    static let invoicesOf = LocalizedText(fr: "Factures de {name}", en: "Invoices of {name}")
    static let documentsHeading = LocalizedText(fr: "Factures et notes de crédit", en: "Invoices and credit notes")
    static let noInvoices = LocalizedText(fr: "Aucune facture pour l’instant.", en: "No invoice yet.")
    static let statementsHeading = LocalizedText(fr: "Relevés mensuels", en: "Monthly statements")
    static let statementOf = LocalizedText(fr: "Relevé de {month}", en: "Statement for {month}")
    static let numberColumn = LocalizedText(fr: "Numéro", en: "Number")
    static let dateColumn = LocalizedText(fr: "Date", en: "Date")
    static let kindColumn = LocalizedText(fr: "Type", en: "Kind")
    static let totalColumn = LocalizedText(fr: "Total", en: "Total")
    static let documentTitle = LocalizedText(fr: "{kind} {number}", en: "{kind} {number}")
    static let issuedOn = LocalizedText(fr: "Émise le {date}", en: "Issued on {date}")
    static let billedTo = LocalizedText(fr: "Membre", en: "Member")
    static let memberLine = LocalizedText(fr: "{name}, membre {number}", en: "{name}, member {number}")
    static let gstNumber = LocalizedText(fr: "Numéro de TPS/TVH : {number}", en: "GST/HST no.: {number}")
    static let qstNumber = LocalizedText(fr: "Numéro de TVQ : {number}", en: "QST no.: {number}")
    static let productColumn = LocalizedText(fr: "Produit", en: "Product")
    static let quantityColumn = LocalizedText(fr: "Quantité", en: "Quantity")
    static let unitPriceColumn = LocalizedText(fr: "Prix unitaire", en: "Unit price")
    static let amountColumn = LocalizedText(fr: "Montant", en: "Amount")
    static let taxColumn = LocalizedText(fr: "Taxes", en: "Taxes")
    static let linesCaption = LocalizedText(fr: "Produits", en: "Products")
    static let taxLine = LocalizedText(fr: "{tax} ({rate}) sur {base}", en: "{tax} ({rate}) on {base}")
    static let unitPrice = LocalizedText(fr: "{price} / {unit}", en: "{price} / {unit}")
    /// Followed by the invoice's number, a link to it.
    static let credits = LocalizedText(fr: "Cette note de crédit corrige la facture", en: "This credit note corrects invoice")
    static let creditedBy = LocalizedText(fr: "Notes de crédit émises contre cette facture :", en: "Credit notes issued against this invoice:")
    static let reasonLine = LocalizedText(fr: "Motif : {reason}", en: "Reason: {reason}")
    static let creditTotal = LocalizedText(fr: "Total remboursé", en: "Total credited")
    static let printHint = LocalizedText(fr: "Pour l’imprimer ou l’enregistrer en PDF, utilisez la commande Imprimer de votre navigateur.",
                                         en: "To print it or save it as a PDF, use your browser's Print command.")
    static let backToInvoices = LocalizedText(fr: "Retour à mes factures", en: "Back to my invoices")
    static let myInvoicesLink = LocalizedText(fr: "Mes factures et relevés", en: "My invoices and statements")
    static let periodLine = LocalizedText(fr: "Du {from} au {to}", en: "From {from} to {to}")
    static let openingBalance = LocalizedText(fr: "Solde au début du mois", en: "Opening balance")
    static let closingBalance = LocalizedText(fr: "Solde à la fin du mois", en: "Closing balance")
    static let descriptionColumn = LocalizedText(fr: "Description", en: "Description")
    static let referenceColumn = LocalizedText(fr: "Référence", en: "Reference")
    static let balanceColumn = LocalizedText(fr: "Solde", en: "Balance")
    static let entriesCaption = LocalizedText(fr: "Opérations du mois", en: "The month's entries")
    static let noEntries = LocalizedText(fr: "Aucune opération ce mois-ci.", en: "No entry this month.")
    static let balanceSign = LocalizedText(fr: "Un montant positif est dû à la coopérative ; un montant négatif est en votre faveur.",
                                           en: "A positive amount is owed to the co-op; a negative amount is in your favour.")

    /// `décembre 2026`, `December 2026`.
    static func month(_ month: YearMonth, _ language: Language) -> String { month.firstDay.monthWords(language) }

    /// `5 %`, `9,975 %` in French; `5%`, `9.975%` in English (a rate in parts per 100,000).
    static func rate(_ rate: Int64, _ language: Language) -> String {
        var text = String(rate / 1000)
        var fraction = String(rate % 1000)
        if rate % 1000 != 0 {
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += (language == .fr ? "," : ".") + fraction
        }
        return language == .fr ? text + " %" : text + "%"
    }

    /// `2 douzaines`, `1,5 kg`, `1 unité`; `2 dozen`, `1.5 kg`, `1 unit`.
    static func quantity(_ quantity: Quantity, _ unit: SaleUnit, _ language: Language) -> String {
        let many = language == .fr ? quantity.thousandths >= 2 * Quantity.scale : quantity.thousandths != Quantity.scale
        return quantity.formatted(language) + " " + unitName(unit, plural: many, language)
    }

    /// The unit's name, as a price says it per unit (`douzaine`, `dozen`) or after a quantity.
    static func unitName(_ unit: SaleUnit, plural: Bool = false, _ language: Language) -> String {
        let name: LocalizedText = switch unit {
        case .unit: plural ? LocalizedText(fr: "unités", en: "units") : LocalizedText(fr: "unité", en: "unit")
        case .kilogram: LocalizedText(fr: "kg", en: "kg")
        case .dozen: plural ? LocalizedText(fr: "douzaines", en: "dozen") : LocalizedText(fr: "douzaine", en: "dozen")
        case .basket: plural ? LocalizedText(fr: "paniers", en: "baskets") : LocalizedText(fr: "panier", en: "basket")
        }
        return name.render(language)
    }
}
