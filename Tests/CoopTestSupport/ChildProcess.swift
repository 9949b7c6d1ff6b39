import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts programs with `posix_spawn` rather than Foundation's `Process`.
///
/// On Linux, swift-corelibs-foundation's `Process.run()` (Swift 6.3.1) lists `/proc/self/fd` and copies
/// each entry's whole 256-byte `d_name`, reading past glibc's buffer: now and then the test process dies
/// with SIGSEGV in `memcpy` under `Process.run()` (swiftlang/swift-corelibs-foundation#5472, fixed
/// upstream, not in this toolchain). The more children a suite starts, the likelier it is, so the voting
/// tests, which start many, go through here.
public enum ChildProcess {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ call: String) { description = "\(call) failed: \(String(cString: strerror(errno)))" }
    }

    /// Runs `executable` to the end and returns its exit status (128 + signal when killed) and output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String],
                    directory: String? = nil) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let out = try pipeClosedOnExec(), err: [Int32]
        do { err = try pipeClosedOnExec() } catch { close(out[0]); close(out[1]); throw error }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, environment: environment, directory: directory, stdout: out[1], stderr: err[1])
        } catch {
            for fd in out + err { close(fd) }
            throw error
        }
        close(out[1])
        close(err[1])
        let (stdout, stderr) = readBoth(out[0], err[0])
        close(out[0])
        close(err[0])
        return (wait(pid), stdout, stderr)
    }

    /// Starts `executable` in the background with its output thrown away; stop it with `terminate`.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> pid_t {
        let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard null >= 0 else { throw Failure("open /dev/null") }
        defer { close(null) }
        return try spawn(executable, arguments, environment: environment, directory: nil, stdout: null, stderr: null)
    }

    /// True while the child has not exited.
    public static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// SIGTERM, then waits for the child to exit.
    public static func terminate(_ pid: pid_t) {
        kill(pid, SIGTERM)
        _ = wait(pid)
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                              directory: String?, stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Nothing else of the test process leaks into the child (other tests' pipes and databases).
        _ = GNU.addCloseFrom?(&actions, 3)
        if let directory {
            guard let addChdir = GNU.addChdir else { throw Failure("posix_spawn_file_actions_addchdir_np") }
            _ = addChdir(&actions, directory)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            errno = result
            throw Failure("posix_spawn \(executable)")
        }
        return pid
    }

    /// glibc's GNU extensions, which the Swift Glibc module does not import (no _GNU_SOURCE).
    private enum GNU {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

        static let addCloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)
        static let addChdir = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
        static let pipe2 = symbol("pipe2", as: Pipe2.self)

        static func symbol<F>(_ name: String, as type: F.Type) -> F? {
            guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(pointer, to: type)
        }
    }

    /// A pipe whose two ends are closed in every child that does not take them explicitly.
    private static func pipeClosedOnExec() throws -> [Int32] {
        var fds: [Int32] = [-1, -1]
        if let pipe2 = GNU.pipe2 {
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw Failure("pipe2") }
        } else {
            guard pipe(&fds) == 0 else { throw Failure("pipe") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        return fds
    }

    /// Reads two pipes to their end together, so that a child filling one never blocks on it.
    private static func readBoth(_ a: Int32, _ b: Int32) -> (Data, Data) {
        var data = [Data(), Data()]
        var fds = [pollfd(fd: a, events: Int16(POLLIN), revents: 0), pollfd(fd: b, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    data[i].append(contentsOf: buffer[0..<n])
                } else if n == 0 || errno != EINTR {
                    fds[i].fd = -1
                }
            }
        }
        return (data[0], data[1])
    }

    /// Waits for the child; its exit status, or 128 + the signal that killed it.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
