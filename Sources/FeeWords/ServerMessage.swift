/// What `fees serve` says to its operator, written once per language (zh-Hans and en) like
/// `CommandMessage`: why it cannot start (an address, a port, a socket path) and the status lines
/// it writes to standard error while it runs. Addresses, paths, options and numbers stay as
/// written; the `fees serve:` that starts a status line does not change (log readers match it).
package enum ServerMessage: Sendable, Hashable {
    // Why the server cannot start.
    case notABracketedAddress(String)
    case noPort(String)
    case notAPort(String)
    case notAnIPAddress(String)
    case cannotOpenSocket(reason: String)
    /// Binding a TCP address failed (in use, not this machine's): choose another port.
    case cannotBind(address: String, reason: String)
    case cannotListen(address: String, reason: String)
    case socketPathTooLong(path: String, most: Int)
    case notASocket(path: String)
    case socketInUse(path: String)
    case threads(most: Int)
    /// The system refused a thread for an event loop (too many threads or too little memory).
    case cannotStartThread(loop: Int)
    // Status lines on standard error.
    case started(threads: Int, directory: String, generation: Int, warnings: Int)
    case reloaded(Trigger, generation: Int)
    /// A reload refused; the errors follow, one per line.
    case reloadFailed(Trigger, errors: Int, generation: Int)
    case stopping(signal: String)
    case stopped

    /// What made the server look at its tables again; the raw value is its English word, which
    /// `/readyz` shows as `last_reload.trigger`.
    package enum Trigger: String, Sendable, Hashable {
        case signal, fileChange = "file change"

        func text(_ language: TextLanguage) -> String {
            guard language == .chinese else { return rawValue }
            switch self {
            case .signal: return "收到信号"
            case .fileChange: return "文件变化"
            }
        }
    }

    /// The message in `language`.
    package func text(_ language: TextLanguage) -> String {
        let zh = language == .chinese
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch self {
        case .notABracketedAddress(let text):
            return zh ? "'\(text)' 不是地址：IPv6 地址请写作 [::1]:8080" : "'\(text)' is not an address: write [::1]:8080 for IPv6"
        case .noPort(let text):
            return zh ? "'\(text)' 缺少端口：请写作 HOST:PORT，例如 127.0.0.1:8080" : "'\(text)' has no port: write HOST:PORT, such as 127.0.0.1:8080"
        case .notAPort(let text):
            return zh ? "'\(text)' 不是端口：请给出 0 至 65535（0 表示任选空闲端口）" : "'\(text)' is not a port: give 0 to 65535 (0: any free port)"
        case .notAnIPAddress(let host):
            return zh ? "'\(host)' 不是 IP 地址：请给出 127.0.0.1、0.0.0.0、::1 或本机的其他地址"
                : "'\(host)' is not an IP address: give 127.0.0.1, 0.0.0.0, ::1 or another address of this machine"
        case .cannotOpenSocket(let reason):
            return zh ? "无法打开套接字：\(reason)" : "cannot open a socket: \(reason)"
        case .cannotBind(let address, let reason):
            return zh ? "无法在 \(address) 上监听：\(reason)；请用 --listen HOST:PORT 选择其他端口"
                : "cannot listen on \(address): \(reason); choose another port with --listen HOST:PORT"
        case .cannotListen(let address, let reason):
            return zh ? "无法在 \(address) 上监听：\(reason)" : "cannot listen on \(address): \(reason)"
        case .socketPathTooLong(let path, let most):
            return zh ? "套接字路径 '\(path)' 超过 \(most) 字节；请选择较短的路径" : "the socket path '\(path)' is longer than \(most) bytes; choose a shorter one"
        case .notASocket(let path):
            return zh ? "'\(path)' 已存在且不是套接字；请选择其他 --unix 路径" : "'\(path)' exists and is not a socket; choose another --unix path"
        case .socketInUse(let path):
            return zh ? "'\(path)' 是一个正在运行的服务器的套接字；请先停止它，或选择其他 --unix 路径"
                : "'\(path)' is the socket of a server that is running; stop it first or choose another --unix path"
        case .threads(let most):
            return zh ? "--threads 取 1 至 \(most) 的整数" : "--threads takes a whole number from 1 to \(most)"
        case .cannotStartThread(let loop):
            return zh ? "系统无法为第 \(loop + 1) 个事件循环创建线程：请减小 --threads，或检查进程的线程数和内存限制"
                : "the system could not start a thread for event loop \(loop + 1): lower --threads, or check the process's thread and memory limits"
        case .started(let threads, let directory, let generation, let warnings):
            return zh ? "fees serve: \(threads) 个线程，收费标准 '\(directory)'（第 \(generation) 代，\(warnings) 条警告）；SIGHUP 重新加载，SIGTERM 停止"
                : "fees serve: \(plural(threads, "thread")), tables '\(directory)' (generation \(generation), \(plural(warnings, "warning"))); SIGHUP reloads, SIGTERM stops"
        case .reloaded(let trigger, let generation):
            return zh ? "fees serve: 重新加载（\(trigger.text(language))）成功：现在提供第 \(generation) 代"
                : "fees serve: reload (\(trigger.text(language))) ok: now serving generation \(generation)"
        case .reloadFailed(let trigger, let errors, let generation):
            return zh ? "fees serve: 重新加载（\(trigger.text(language))）失败，\(errors) 个错误；仍使用第 \(generation) 代："
                : "fees serve: reload (\(trigger.text(language))) failed with \(plural(errors, "error")); still serving generation \(generation):"
        case .stopping(let signal):
            return zh ? "fees serve: \(signal)：不再接受新连接；正在完成处理中的请求" : "fees serve: \(signal): no new connections; finishing the requests in flight"
        case .stopped:
            return zh ? "fees serve: 已停止" : "fees serve: stopped"
        }
    }
}
