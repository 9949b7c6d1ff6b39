import Coop
import CoopCore
import CoopHTTP
import CoopTestSupport
import Foundation
import Hummingbird
import CoopWeb
import Testing
@testable import coop_api

/// The served OpenAPI document must describe exactly the routes the router has.
@Suite struct OpenAPIDocumentTests {
    /// `path method` pairs found in the YAML's `paths:` section.
    static func documentedOperations() -> Set<String> {
        var operations: Set<String> = []
        var inPaths = false
        var currentPath: String?
        let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head"]
        for line in OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths && !line.hasPrefix(" ") && !line.isEmpty { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && line.hasSuffix(":") && !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":"),
                      let path = currentPath {
                let name = line.trimmingCharacters(in: .whitespaces).dropLast()
                if methods.contains(String(name)) { operations.insert("\(name.uppercased()) \(path)") }
            }
        }
        return operations
    }

    /// `GET /api/v1/members/{number}` for every registered route.
    static func registeredOperations() async throws -> Set<String> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
        let (coop, _) = try await Coop.open(CoopConfiguration(databasePath: path, timeZone: .gmt), as: .localOperator("test"))
        let router = try buildRouter(coop: coop)
        // The web face's pages are not API operations.
        return Set(router.routes.filter { !WebRoutes.owns($0.path.description) }.map { route in
            let segments = route.path.description.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? "{\(segment.dropFirst())}" : String(segment)
            }
            return "\(route.method.rawValue) /\(segments.joined(separator: "/"))"
        })
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        let documented = Self.documentedOperations()
        let registered = try await Self.registeredOperations()
        #expect(registered.count >= 10)
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "documented routes that do not exist")
    }

    @Test func documentIsValidOpenAPIWhenTheValidatorIsInstalled() throws {
        // openapi-spec-validator ships with the machine's Python; when it is absent the structural
        // test above still guards the routes.
        let environment = ProcessInfo.processInfo.environment
        let probe = try ChildProcess.run("/usr/bin/env", ["python3", "-c", "import openapi_spec_validator"], environment: environment)
        guard probe.status == 0 else { return }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).yaml")
        try OpenAPIDocument.yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try ChildProcess.run("/usr/bin/env", ["python3", "-m", "openapi_spec_validator", file.path], environment: environment)
        #expect(check.status == 0, "\(String(decoding: check.stdout + check.stderr, as: UTF8.self))")
    }

    /// The line of `property` inside the component schema `schema` (`        amount: {...}`), if any.
    static func property(_ property: String, of schema: String) -> String? {
        let lines = OpenAPIDocument.yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard let schemas = lines.firstIndex(of: "  schemas:"),
              let start = lines[schemas...].firstIndex(of: "    \(schema):") else { return nil }
        let block = lines[(start + 1)...].prefix { $0.hasPrefix("     ") }
        return block.first { $0.hasPrefix("        \(property):") }.map(String.init)
    }

    @Test func moneyInRequestBodiesIsDocumentedAsIntegerCentsOnly() {
        let cents = OpenAPIDocument.yaml.components(separatedBy: "\n    Cents:\n").dropFirst().first ?? ""
        #expect(cents.hasPrefix("      type: integer\n"))
        #expect(cents.contains("a number with a decimal point or an exponent (5.00, 5.5, 5e2) is refused with 422 and the code common.money_not_cents"))
        let moneyFields = [("PaymentRequest", "amount"), ("LendingSettings", "feeThreshold"), ("LoanPolicyInput", "feePerDay"),
                           ("LoanPolicyInput", "feeCap"), ("Plan", "fee"), ("NewMember", "shareCapital"), ("MemberChanges", "shareCapital"),
                           ("NewItem", "value"), ("ItemChanges", "value"), ("NewProduct", "price"), ("ProductChanges", "price")]
        for (schema, field) in moneyFields {
            let line = Self.property(field, of: schema)
            #expect(line?.contains("$ref: '#/components/schemas/Cents'") == true, "\(schema).\(field): \(line ?? "missing")")
        }
    }
}
