import ArgumentParser
import CoopCore
import Inventory

/// The commands shared by the two trees, locations and categories.
enum TreeCommands {
    static func print(_ nodes: [TreeNode], _ out: Output) throws {
        if out.json { return try out.printJSON(nodes) }
        out.table([.init(fr: "Chemin", en: "Path"), .init(fr: "Articles", en: "Items"), .init(fr: "Avec sous-niveaux", en: "With children")],
                  nodes.map { [$0.path, String($0.items), String($0.totalItems)] })
    }

    static func added(_ node: TreeNode, _ out: Output) throws {
        if out.json { return try out.printJSON(node) }
        out.say(out.text(.init(fr: "« {path} » ajouté.", en: "\"{path}\" added."), ["path": .text(node.path)]))
    }
}

/// `coopctl location add|list`.
struct LocationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location", abstract: "Where items are kept. / Emplacements.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a location; missing parents are created. / Ajouter un emplacement.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Path, e.g. \"Entrepôt/Étage 2/Allée R\".") var path: String

        func run() async throws {
            try await global.run { session in try TreeCommands.added(try await session.coop.inventory.addLocation(path), session.output) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List locations. / Lister les emplacements.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this location and below.") var under: String?

        func run() async throws {
            try await global.run { session in try TreeCommands.print(try await session.coop.inventory.locations(under: under), session.output) }
        }
    }
}

/// `coopctl category add|list`.
struct CategoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "category", abstract: "Categories of items. / Catégories.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a category; missing parents are created. / Ajouter une catégorie.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Path, e.g. \"Costumes/Robes/1920\".") var path: String

        func run() async throws {
            try await global.run { session in try TreeCommands.added(try await session.coop.inventory.addCategory(path), session.output) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List categories. / Lister les catégories.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this category and below.") var under: String?

        func run() async throws {
            try await global.run { session in try TreeCommands.print(try await session.coop.inventory.categories(under: under), session.output) }
        }
    }
}
