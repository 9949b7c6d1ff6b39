import ArgumentParser
import CoopCore
import Foundation
import Inventory

/// `coopctl item …`: the catalogue.
struct ItemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "item", abstract: "Items of the catalogue. / Articles du catalogue.",
        subcommands: [Add.self, Show.self, List.self, Search.self, Update.self, Move.self, Status.self, History.self,
                      Import.self, Export.self])

    static let headers: [LocalizedText] = [
        .init(fr: "Code", en: "Code"), .init(fr: "Nom", en: "Name"), .init(fr: "Catégorie", en: "Category"),
        .init(fr: "Emplacement", en: "Location"), .init(fr: "Qté", en: "Qty"), .init(fr: "Dispo", en: "Avail."),
        .init(fr: "Statut", en: "Status"),
    ]

    static func row(_ item: Item, _ out: Output) -> [String] {
        [item.code, item.name, item.category ?? "", item.location ?? "", String(item.quantity), String(item.available),
         item.status.label.render(out.language)]
    }

    static func printItems(_ items: [Item], _ out: Output) throws {
        if out.json { return try out.printJSON(items) }
        out.table(headers, items.map { row($0, out) })
    }

    /// `KEY=VALUE` options as attribute filters or values.
    static func attributes(_ texts: [String]) throws -> [AttributeFilter] {
        try texts.map(AttributeFilter.init(parsing:))
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an item. / Ajouter un article.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Code or barcode, unique (T-0001).") var code: String
        @Option var name: String
        @Option var description: String?
        @Option(help: "Category path (Outils/Perceuses).") var category: String?
        @Option(help: "Location path (Entrepôt/Étage 2).") var location: String?
        @Option(help: "Identical units (default 1).") var quantity: Int = 1
        @Option(help: "A tag; repeat for more.") var tag: [String] = []
        @Option(help: "An attribute KEY=VALUE; repeat for more.") var attr: [String] = []
        @Option(parsing: .unconditional, help: "Replacement value, e.g. 120.00.") var value: String?
        @Option var notes: String?
        @Flag(help: "Create the category and location if they do not exist.") var create = false

        func run() async throws {
            try await global.run { session in
                let attributes = Dictionary(try ItemCommand.attributes(attr).map { ($0.key, $0.value) }) { _, last in last }
                let item = try await session.coop.inventory.addItem(
                    NewItem(code: code, name: name, description: description, category: category, location: location,
                            quantity: quantity, tags: tag, attributes: attributes,
                            value: try value.map { try Money(parsing: $0, field: "value") } ?? .zero, notes: notes),
                    createPaths: create)
                if session.output.json { return try session.output.printJSON(item) }
                session.output.say(session.output.text(.init(fr: "Article {code} ajouté.", en: "Item {code} added."), ["code": .text(item.code)]))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An item, its availability and last movements. / Afficher un article.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String

        struct Detail: Encodable {
            let item: Item
            let movements: [Movement]
        }

        func run() async throws {
            try await global.run { session in
                let item = try await session.coop.inventory.item(code)
                let movements = try await session.coop.inventory.history(code, page: PageRequest(limit: 5)).items
                let out = session.output
                if out.json { return try out.printJSON(Detail(item: item, movements: movements)) }
                out.table(ItemCommand.headers, [ItemCommand.row(item, out)])
                if let description = item.description { out.say(description) }
                if !item.tags.isEmpty { out.say(out.text(.init(fr: "Étiquettes : {tags}", en: "Tags: {tags}"), ["tags": .text(item.tags.joined(separator: ", "))])) }
                for (key, value) in item.attributes.sorted(by: { ReadingOrder.less($0.key, $1.key) }) { out.say("  \(key) = \(value)") }
                out.say(out.text(.init(fr: "Disponibles : {available} sur {quantity} (prêtées : {out}, en entretien : {maintenance})",
                                       en: "Available: {available} of {quantity} (on loan: {out}, in maintenance: {maintenance})"),
                                 ["available": .integer(Int64(item.available)), "quantity": .integer(Int64(item.quantity)),
                                  "out": .integer(Int64(item.unitsOut)), "maintenance": .integer(Int64(item.maintenanceUnits))]))
                if !movements.isEmpty {
                    out.say("")
                    HistoryTable.print(movements, out, timeZone: session.configuration.timeZone)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List items by code. / Lister les articles.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Items per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let page = try await session.coop.inventory.search(ItemQuery(), page: try PageRequest(limit: String(limit), cursor: cursor))
                try session.output.printPage(page) { try ItemCommand.printItems($0, session.output) }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search the catalogue, best match first. / Chercher dans le catalogue.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Words to find (accents and case do not matter; the last word may be a prefix); several words are one search, quoted or not.")
        var words: [String] = []
        @Option(help: "Only this category and below.") var category: String?
        @Option(help: "Only this location and below.") var location: String?
        @Flag(help: "Only items with a unit free now.") var available = false
        @Option(help: "Attribute KEY=VALUE that must match, case and accents ignored (epoque=1920 finds Époque); repeat for more.") var attr: [String] = []
        @Option(help: "Results per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                // `item search robe epoque` and `item search "robe epoque"` are the same search.
                let text = words.isEmpty ? nil : words.joined(separator: " ")
                let query = ItemQuery(text: text, category: category, location: location, available: available,
                                      attributes: try ItemCommand.attributes(attr))
                let page = try await session.coop.inventory.search(query, page: try PageRequest(limit: String(limit), cursor: cursor))
                try session.output.printPage(page) { try ItemCommand.printItems($0, session.output) }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an item's details. / Modifier un article.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Option var name: String?
        @Option var description: String?
        @Option(help: "Category path; an empty string removes it.") var category: String?
        @Option(help: "Home location path.") var home: String?
        @Option var quantity: Int?
        @Option(help: "Replaces all tags; repeat for more.") var tag: [String] = []
        @Flag(name: .customLong("clear-tags"), help: "Remove every tag.") var clearTags = false
        @Option(help: "Sets an attribute KEY=VALUE (an empty value removes it); repeat for more.") var attr: [String] = []
        @Option(parsing: .unconditional) var value: String?
        @Option var notes: String?
        @Option(help: "Why (kept in the movement log).") var reason: String?
        @Flag(help: "Create the category or home location if it does not exist.") var create = false

        func run() async throws {
            try await global.run { session in
                var attributes: [String: String?]?
                if !attr.isEmpty {
                    attributes = Dictionary(try ItemCommand.attributes(attr).map { ($0.key, $0.value.isEmpty ? nil : $0.value) }) { _, last in last }
                }
                let changes = ItemChanges(
                    name: name, description: description, category: category, homeLocation: home, quantity: quantity,
                    tags: clearTags ? [] : (tag.isEmpty ? nil : tag), attributes: attributes,
                    value: try value.map { try Money(parsing: $0, field: "value") }, notes: notes)
                let item = try await session.coop.inventory.updateItem(code, changes, createPaths: create, reason: reason)
                if session.output.json { return try session.output.printJSON(item) }
                try ItemCommand.printItems([item], session.output)
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an item. / Déplacer un article.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Option(help: "Location path.") var to: String
        @Option var reason: String?
        @Flag(help: "Create the location if it does not exist.") var create = false

        func run() async throws {
            try await global.run { session in
                let item = try await session.coop.inventory.move(code, to: to, create: create, reason: reason)
                if session.output.json { return try session.output.printJSON(item) }
                session.output.say(session.output.text(.init(fr: "{code} est maintenant à {path}.", en: "{code} is now at {path}."),
                                                       ["code": .text(item.code), "path": .text(item.location ?? to)]))
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an item's status. / Changer le statut d’un article.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Argument(help: "active, maintenance, retired or lost (en circulation, en réparation, retiré, perdu).") var status: String
        @Option var reason: String?

        func run() async throws {
            try await global.run { session in
                let item = try await session.coop.inventory.setStatus(code, try ItemStatus(parsing: status), reason: reason)
                if session.output.json { return try session.output.printJSON(item) }
                session.output.say(session.output.text(.init(fr: "{code} : {status}.", en: "{code}: {status}."),
                                                       ["code": .text(item.code), "status": .text(item.status.label.render(session.output.language))]))
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An item's movements, newest first. / Historique d’un article.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Option(help: "Movements per page (1–500).") var limit: Int = 50
        @Option(help: "The `next` cursor of the previous page.") var cursor: String?

        func run() async throws {
            try await global.run { session in
                let page = try await session.coop.inventory.history(code, page: try PageRequest(limit: String(limit), cursor: cursor))
                try session.output.printPage(page) { HistoryTable.print($0, session.output, timeZone: session.configuration.timeZone) }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import items from CSV, all or nothing. / Importer des articles (tout ou rien).",
            discussion: "Columns: code,name,description,category,location,quantity,tags,value and attr:NAME columns; tags separated by |.")
        @OptionGroup var global: GlobalOptions
        @Argument var file: String

        func run() async throws {
            try await global.run { session in
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let summary = try await session.coop.inventory.importCSV(
                    data, source: (file as NSString).lastPathComponent,
                    progress: Output.progress(label: (file as NSString).lastPathComponent))
                if session.output.json { return try session.output.printJSON(summary) }
                session.output.say(session.output.text(
                    .init(fr: "{rows} : {created}, {updated}, {unchanged}.",
                          en: "{rows}: {created}, {updated}, {unchanged}."),
                    ["rows": .count(.integer(Int64(summary.rows)), Plural(fr: "ligne", "lignes", en: "row", "rows")),
                     "created": .count(.integer(Int64(summary.created)), Plural(fr: "créé", "créés", en: "created", "created")),
                     "updated": .count(.integer(Int64(summary.updated)), Plural(fr: "modifié", "modifiés", en: "updated", "updated")),
                     "unchanged": .count(.integer(Int64(summary.unchanged)), Plural(fr: "inchangé", "inchangés", en: "unchanged", "unchanged"))]))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export every item as CSV (the import format). / Exporter en CSV.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            try await global.run { session in
                let csv = try await session.coop.inventory.exportCSV()
                if let output {
                    try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(Data(csv.utf8))
                }
            }
        }
    }
}

/// Movements as a table, instants shown in the co-op's time zone.
enum HistoryTable {
    static func print(_ movements: [Movement], _ out: Output, timeZone: TimeZone) {
        out.table(
            [.init(fr: "Quand", en: "When"), .init(fr: "Quoi", en: "What"), .init(fr: "De", en: "From"), .init(fr: "À", en: "To"),
             .init(fr: "Par", en: "By"), .init(fr: "Motif", en: "Reason")],
            movements.map { movement in
                // A status change's ends are statuses: shown in words too.
                func shown(_ end: String?) -> String {
                    guard let end else { return "" }
                    guard movement.kind == .status, let status = ItemStatus(rawValue: end) else { return end }
                    return status.label.render(out.language)
                }
                return [movement.at.localText(in: timeZone), movement.kind.label.render(out.language), shown(movement.from), shown(movement.to),
                        movement.actor ?? "", movement.reason ?? ""]
            })
    }
}
