import Coop
import CoopCore
import Foundation
import Testing

/// Settings from the environment: what an operator types in a unit file or a shell.
@Suite struct CoopConfigurationTests {
    @Test func theSystemClockUnlessCOOP_NOWNamesAnInstant() throws {
        let system = try CoopConfiguration.from(environment: [:])
        #expect(system.clock is SystemClock)
        // Without an offset the instant is read in the co-op's zone (America/Toronto: UTC−5 in December).
        let frozen = try CoopConfiguration.from(environment: ["COOP_NOW": "2026-12-03T14:30"])
        #expect(frozen.clock.now() == Instant.parse("2026-12-03T19:30:00Z", timeZone: .gmt))
        #expect(frozen.clock.now() == frozen.clock.now(), "it stands still")
    }

    @Test func aCOOP_NOWThatIsNoInstantIsRefusedInBothLanguages() {
        #expect {
            _ = try CoopConfiguration.from(environment: ["COOP_NOW": "demain"])
        } throws: { error in
            guard let error = error as? CoopError else { return false }
            return error.code == "config.invalid_now"
                && error.message(.fr) == "COOP_NOW : « demain » n’est pas un instant (ex. 2026-12-03T14:30:00-05:00)."
                && error.message(.en) == "COOP_NOW: \"demain\" is not an instant (e.g. 2026-12-03T14:30:00-05:00)."
        }
    }

    @Test func theOtherSettingsAreCheckedToo() {
        for (name, value, code) in [("COOP_TZ", "Mars/Olympus", "config.unknown_time_zone"), ("COOP_PORT", "80000", "config.invalid_port")] {
            #expect {
                _ = try CoopConfiguration.from(environment: [name: value])
            } throws: { error in
                (error as? CoopError)?.code == code
            }
        }
    }
}
