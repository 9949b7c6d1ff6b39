import CoopCore
import Testing
@testable import Voting
import CoopTestSupport

@Suite("Credential codes")
struct CredentialCodeTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func generatedCodesAreSixteenUnambiguousCharactersThatReadBack() throws {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let code = try CredentialCode.generate()
            #expect(code.normalized.count == 16)
            #expect(code.normalized.allSatisfy { Self.alphabet.contains($0) })
            #expect(code.grouped.count == 19)
            #expect(code.grouped.split(separator: "-").map(\.count) == [4, 4, 4, 4])
            #expect(try CredentialCode(code.grouped) == code)
            seen.insert(code.normalized)
        }
        #expect(seen.count == 200)
    }

    @Test func readingForgivesCaseDashesSpacesAndLookalikes() throws {
        let code = try CredentialCode.generate()
        let typed = code.normalized.lowercased().replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
        #expect(try CredentialCode(" " + typed.prefix(8) + " - " + typed.dropFirst(8) + " ") == code)
        #expect(try CredentialCode(code.normalized.replacingOccurrences(of: "1", with: "I")) == code)
    }

    @Test func everySingleMistypedCharacterIsCaught() throws {
        for _ in 0..<20 {
            let code = Array(try CredentialCode.generate().normalized)
            for position in code.indices {
                for replacement in Self.alphabet where replacement != code[position] {
                    var typo = code
                    typo[position] = replacement
                    #expect(throws: CoopError.self) { try CredentialCode(String(typo)) }
                }
            }
        }
    }

    @Test func everySwapOfNeighboursIsCaught() throws {
        for _ in 0..<50 {
            let code = Array(try CredentialCode.generate().normalized)
            for position in code.indices.dropLast() where code[position] != code[position + 1] {
                var swapped = code
                swapped.swapAt(position, position + 1)
                #expect(throws: CoopError.self) { try CredentialCode(String(swapped)) }
            }
        }
    }

    @Test(arguments: ["", "ABCD", "ABCD-EFGH-JKMN-PQRS-T", "ABCD-EFGH-JKMN-PQRU", "ABCD-EFGH-JKMN-PQR!"])
    func wrongLengthsAndForeignCharactersAreRefused(text: String) async throws {
        try await expectRefusal("voting.invalid_code") { try CredentialCode(text) }
    }

    @Test func theKeyDependsOnTheCodeTheElectionAndTheSalt() throws {
        let code = try CredentialCode.generate()
        let salt = String(repeating: "ab", count: 16)
        let key = try code.privateKey(electionID: "E-0001", salt: salt)
        #expect(try code.privateKey(electionID: "E-0001", salt: salt) == key)
        #expect(try code.privateKey(electionID: "E-0002", salt: salt) != key)
        #expect(try code.privateKey(electionID: "E-0001", salt: String(repeating: "cd", count: 16)) != key)
        #expect(try CredentialCode.generate().privateKey(electionID: "E-0001", salt: salt) != key)
    }

    @Test func theDerivationIsTheDocumentedHMAC() throws {
        let code = try CredentialCode("0000-0000-0000-0000")
        let salt = "00112233445566778899aabbccddeeff"
        let expected = HMACSHA256.authenticate(Array("0000000000000000".utf8),
                                               key: Array("coop-voting-1/credential/E-0007/\(salt)".utf8))
        #expect(try code.privateKey(electionID: "E-0007", salt: salt).seed == expected)
    }
}
