import Membership

/// Who may call each Lending verb. The desk lends, takes back, settles fees and reads the reports; a
/// signed-in member renews, reserves, holds and reads only their own loans, reservations, holds and
/// fees (the verb narrows `.signedIn` to the caller's own records, and renewing to policies that allow
/// self-renewal); administrators set loan policies, closures and settings. What anyone may see on
/// the public catalogue (policies, closures, an item's availability) needs no sign-in.
public enum LendingVerb: String, DomainVerb {
    case checkOut, checkIn, pickUp, declareLost, chargeDamage, waiveFee, addPayment
    case renew, loan, loans
    case reserve, cancelReservation, reservation, reservations
    case placeHold, holds, hold, cancelHold, waitlist, moveHold
    case fees, fee, account
    case availability, policies, policy, closures
    case setPolicy, removePolicy, setWeeklyClosures, addClosure, removeClosure, settings, setFeeThreshold, updateSettings
    case dueToday, expectedReturns, overdue, toPrepare, holdsReady, popular, neverBorrowed

    public var rule: AccessRule {
        switch self {
        case .availability, .policies, .policy, .closures: .anyone
        case .renew, .loan, .loans, .reserve, .cancelReservation, .reservation, .reservations,
             .placeHold, .holds, .hold, .cancelHold, .fees, .fee, .account: .signedIn
        case .checkOut, .checkIn, .pickUp, .declareLost, .chargeDamage, .waiveFee, .addPayment, .waitlist, .moveHold,
             .settings, .dueToday, .expectedReturns, .overdue, .toPrepare, .holdsReady, .popular, .neverBorrowed: .staff
        case .setPolicy, .removePolicy, .setWeeklyClosures, .addClosure, .removeClosure, .setFeeThreshold, .updateSettings: .admin
        }
    }
}
