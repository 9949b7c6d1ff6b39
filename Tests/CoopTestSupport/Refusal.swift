import CoopCore
import Testing

/// Runs `body`, which must be refused with the CoopError `code`; returns the error to check its text.
@discardableResult
public func expectRefusal<T>(
    _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async throws -> CoopError {
    let error = try await #require(throws: CoopError.self, sourceLocation: sourceLocation) {
        _ = try await body()
    }
    #expect(error.code == code, sourceLocation: sourceLocation)
    return error
}
