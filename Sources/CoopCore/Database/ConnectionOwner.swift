/// The single owner of one connection: every use of it runs on this actor's serial queue.
actor ConnectionOwner {
    private let executor: QueueExecutor
    private let connection: Connection

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(path: String, options: Connection.Options, label: String) throws {
        executor = QueueExecutor(label: label)
        connection = try Connection(path: path, options: options)
    }

    func run<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try body(connection)
    }
}
