/// What a web page session remembers between requests: who signed in, the language chosen with the
/// switch, and the token every form of the session must carry back (a forged form from another site
/// cannot know it). Stored server-side (`web_sessions`); the cookie holds only a random key.
public struct WebSession: Codable, Sendable, Equatable {
    /// The signed-in member's number; nil before sign-in (a session then holds the form token and language).
    public var member: String?
    /// 32 random bytes, base64url: the CSRF token of every form of this session.
    public var csrf: String
    /// `fr` or `en`, once the reader picked one with the language switch.
    public var language: String?
    /// What the page after a form's redirect says once, then forgets: what was done (`notice`) or
    /// refused (`alert`), in the words of the reader's language when the form was sent.
    public var notice: String?
    public var alert: String?

    public init(member: String? = nil, csrf: String, language: String? = nil) {
        (self.member, self.csrf, self.language) = (member, csrf, language)
    }
}
