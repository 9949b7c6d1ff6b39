import CoopCore
import Membership

/// Who asks for a verb that a member may also do for themself (renew, reserve, hold, cancel, list).
/// The rule "a member acts only on their own records" lives here, not in the faces.
public enum LendingActor: Sendable, Hashable {
    /// The desk (staff or admin); the label (a token label, a name) is recorded in the history.
    case staff(String?)
    /// A member acting through their own token, by member number.
    case member(String)

    /// The desk without a label.
    public static let desk = LendingActor.staff(nil)

    /// What the history and the item's movements record as the actor.
    var label: String? {
        switch self {
        case .staff(let label): label
        case .member(let number): MembershipService.normalizedNumber(number)
        }
    }

    var isMember: Bool {
        if case .member = self { return true }
        return false
    }

    /// Refuses a member reaching for another member's record (`auth.not_your_data`, 403).
    func requireAllowed(for memberNumber: String) throws {
        guard case .member(let number) = self else { return }
        guard MembershipService.normalizedNumber(number) == MembershipService.normalizedNumber(memberNumber) else {
            throw CoopError.notYourData()
        }
    }

    /// The member a list is limited to: a member sees only their own; staff see what they asked for.
    func memberScope(_ asked: String?) throws -> String? {
        switch self {
        case .staff: return asked.map(MembershipService.normalizedNumber)
        case .member(let number):
            let own = MembershipService.normalizedNumber(number)
            if let asked, MembershipService.normalizedNumber(asked) != own { throw CoopError.notYourData() }
            return own
        }
    }
}
