import Membership

extension Caller {
    /// Who the history and the item's movements record as acting: a member by their number, anyone
    /// else by the label their face gave (a token, `coopctl:marie`).
    var lendingLabel: String? {
        if !isStaff, let memberNumber { return memberNumber }
        return label
    }
}
