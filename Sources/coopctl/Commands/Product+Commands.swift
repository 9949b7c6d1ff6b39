import ArgumentParser
import CoopCore
import Orders

/// `coopctl product add|list|show|update|stock`: the products sold, each an Inventory item.
struct ProductCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product", abstract: "Products sold. / Produits en vente.",
        subcommands: [Add.self, List.self, Show.self, Update.self, Stock.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Code", en: "Code"), .init(fr: "Nom", en: "Name"), .init(fr: "Producteur", en: "Producer"),
        .init(fr: "Unité", en: "Unit"), .init(fr: "Prix", en: "Price"), .init(fr: "Taxe", en: "Tax"),
        .init(fr: "Stock", en: "Stock"), .init(fr: "Réservé", en: "Reserved"), .init(fr: "Dispo", en: "Avail."),
    ]

    static func row(_ p: Product, _ out: Output) -> [String] {
        let onDemand = LocalizedText(fr: "sur demande", en: "on demand").render(out.language)
        return [p.code, p.name, p.producer, p.unit.rawValue, p.price.formatted(out.language), p.tax.label.render(out.language),
                p.stock?.formatted(out.language) ?? onDemand, p.reserved?.formatted(out.language) ?? "",
                p.available?.formatted(out.language) ?? onDemand]
    }

    static func print(_ products: [Product], _ out: Output) throws {
        if out.json { return try out.printJSON(products) }
        out.table(headers, products.map { row($0, out) })
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a product and its catalogue item. / Ajouter un produit.",
            discussion: "Give --stock N for a product with tracked stock, or --on-demand for one ordered from the producer without limit.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Code, free in the catalogue (POMMES-1).") var code: String
        @Option var name: String
        @Option(help: "The producer's name.") var producer: String
        @Option(help: "Sale unit: unité, kg, douzaine or panier.") var unit: String
        @Option(parsing: .unconditional, help: "Price of one sale unit, e.g. 4.50.") var price: String
        @Option(help: "zero (basic groceries, détaxé) or taxable (GST + QST, taxable).") var tax: String
        @Option(parsing: .unconditional, help: "Stock in the sale unit (12, or 12.5 for kg).") var stock: String?
        @Flag(name: .customLong("on-demand"), help: "Ordered from the producer without a stock limit.") var onDemand = false

        func validate() throws {
            guard (stock != nil) != onDemand else {
                throw UsageError.invalid(.init(fr: "Indiquez --stock N ou --on-demand.", en: "Give either --stock N or --on-demand."))
            }
        }

        func run() async throws {
            try await global.run { session in
                let input = NewProduct(
                    code: code, name: name, producer: producer, unit: try SaleUnit(parsing: unit),
                    price: try Money(parsing: price, field: "price"), tax: try TaxClass(parsing: tax),
                    stock: try stock.map { try Quantity(parsing: $0, field: "stock") })
                let product = try await session.coop.orders.addProduct(input)
                if session.output.json { return try session.output.printJSON(product) }
                session.output.say(session.output.text(.init(fr: "Produit {code} ajouté.", en: "Product {code} added."), ["code": .text(product.code)]))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List products by code. / Lister les produits.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this producer's products.") var producer: String?
        @Option(help: "Products per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let page = try await session.coop.orders.products(producer: producer, page: try PageRequest(limit: String(limit), cursor: cursor))
                try session.output.printPage(page) { try ProductCommand.print($0, session.output) }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a product. / Afficher un produit.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String

        func run() async throws {
            try await global.run { session in
                let product = try await session.coop.orders.product(code)
                if session.output.json { return try session.output.printJSON(product) }
                try ProductCommand.print([product], session.output)
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a product's producer, price or tax; lines already ordered keep theirs. / Modifier un produit.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Option var producer: String?
        @Option(parsing: .unconditional, help: "New price of one sale unit, e.g. 4.75.") var price: String?
        @Option(help: "zero (détaxé) or taxable.") var tax: String?

        func run() async throws {
            try await global.run { session in
                let changes = ProductChanges(producer: producer, price: try price.map { try Money(parsing: $0, field: "price") },
                                             tax: try tax.map(TaxClass.init(parsing:)))
                let product = try await session.coop.orders.updateProduct(code, changes)
                if session.output.json { return try session.output.printJSON(product) }
                try ProductCommand.print([product], session.output)
            }
        }
    }

    struct Stock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the stock held, in the sale unit (a delivery, a stock take). / Fixer le stock.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Argument(help: "The stock now held (12, or 12.5 for kg).") var stock: String
        @Option(help: "Why (kept in the movement log).") var reason: String?

        func run() async throws {
            try await global.run { session in
                let product = try await session.coop.orders.setStock(code, to: try Quantity(parsing: stock, field: "stock"),
                                                                     reason: reason)
                if session.output.json { return try session.output.printJSON(product) }
                try ProductCommand.print([product], session.output)
            }
        }
    }
}
