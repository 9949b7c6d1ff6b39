import CoopCore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Picks the answer's language from `Accept-Language` and turns every error into an RFC 9457
/// `application/problem+json` answer. A domain refusal keeps its status and code; anything else
/// is logged and answered 500 without details.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = CoopRequestContext

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let language = Language.negotiate(acceptLanguage: request.headers[.acceptLanguage])
        context.language = language
        do {
            var response = try await next(request, context)
            // A web page names its own language (`?lang=en`, the session's); an API answer gets Accept-Language's.
            if response.headers[.contentLanguage] == nil { response.headers[.contentLanguage] = language.rawValue }
            response.headers[.xContentTypeOptions] = "nosniff"
            return response
        } catch let error as CoopError {
            var response = Problem(error, language: language).response()
            if error.kind == .rateLimited, case .integer(let seconds)? = error.arguments["seconds"] {
                response.headers[.retryAfter] = String(seconds)
            }
            return response
        } catch let error as HTTPError {
            return Problem(http: error, language: language).response()
        } catch is NIOTooManyBytesError {
            return Problem(http: HTTPError(.contentTooLarge), language: language).response()
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            return Problem.internalError(language).response()
        }
    }
}
