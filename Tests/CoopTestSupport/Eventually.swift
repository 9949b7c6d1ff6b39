/// Polls `condition` until it holds or `timeout` has passed, and says whether it held.
///
/// For what another task, thread or process makes true at a moment no event announces (a change check
/// noticing another process's write, every caller joining a computation). The deadline is generous on
/// purpose: a machine busy with other work can take seconds where an idle one takes microseconds, and a
/// test asserts on the state reached, never on how long it took.
public func eventually(
    timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(2),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}
