import Foundation

extension StringProtocol {
    /// The text as people's typing is compared with what is stored: lower case, no accents, ordinary
    /// width, surrounding white space dropped (`  Échelles ` and `echelles` fold alike). Every "case and
    /// accents ignored" match in the domains goes through this, so they all agree.
    public var folded: String {
        String(self).trimmingCharacters(in: .whitespaces)
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
    }
}
