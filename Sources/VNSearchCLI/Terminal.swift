import ArgumentParser
import Foundation

/// Where output goes and how it looks: colour and progress only on a terminal, plain
/// text for pipes and when NO_COLOR is set.
enum Terminal {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    static var useColor: Bool {
        stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    /// Struck through on a terminal; `~~text~~` (Markdown's) when plain.
    static func struck(_ text: String) -> String { useColor ? "\u{1B}[9m\(text)\u{1B}[29m" : "~~\(text)~~" }
    static let markOpen = "\u{1B}[1;33m"
    static let markClose = "\u{1B}[0m"

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("vnsearch: \(message)\n".utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A one-line progress bar on stderr, redrawn at most a few times a second.
final class ProgressBar {
    private var lastDraw = Date.distantPast
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func update(done: Int, total: Int, label: String) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = label.count > 40 ? "…" + label.suffix(39) : label
        Terminal.writeError("\r\u{1B}[K\(bar) \(done)/\(total) \(name)")
    }

    func finish() {
        guard enabled else { return }
        Terminal.writeError("\r\u{1B}[K")
    }
}

/// A runtime failure: one line on stderr, exit 1.
func failure(_ message: String) -> ExitCode {
    Terminal.error(message)
    return ExitCode(1)
}

/// A usage error (empty query, bad date, bad value): one line on stderr, exit 64.
func usageFailure(_ message: String) -> ExitCode {
    Terminal.error(message)
    return ExitCode(64)
}
