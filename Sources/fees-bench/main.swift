#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import FeeKit

// fees-bench: the measuring half of Scripts/bench.
//   fees-bench generate LINES [SEED]       deterministic JSON Lines requests over the demo tables
//   fees-bench library [SECONDS]           in-process quotes/s, 1 thread and all cores, ± explanations
//   fees-bench quotes ROUNDS               ROUNDS × 20,000 library quotes (FeeCalculator.facts(for:)), for
//                                          valgrind (instructions and allocations per quote)
//   fees-bench branches COUNT DIR          a tables directory: the demo bank with COUNT generated branches
//   fees-bench time RUNS CMD [ARGS…]       median wall time of a whole process, in milliseconds
//   fees-bench catalogue ITEMS VERSIONS DIR  a tables directory with one generated bank: ITEMS items in
//                                          every one of VERSIONS monthly versions, each announced 100
//                                          days ahead, prices moving up and down (a catalogue with history)

/// A small deterministic generator (SplitMix64).
struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}

let tables = ProcessInfo.processInfo.environment["FEES_TABLES"] ?? "FeeTables"

func loadDemo() -> Catalogue {
    let loaded = CatalogueLoader.load(directory: tables)
    guard let c = loaded.catalogue else {
        FileHandle.standardError.write(Data("fees-bench: the tables in \(tables) fail their checks\n".utf8))
        exit(2)
    }
    return c
}

/// Amounts that exercise every band: edges, one minor unit above, and values inside.
func amounts(for item: FeeItem, _ rng: inout Rng) -> String {
    var candidates: [Int128] = [0, 1, 9_999, 123_456]
    if case .banded(let bands) = item.fee {
        for b in bands { if let u = b.upTo?.minorUnits { candidates += [u, u + 1, u / 2 + 37] } }
    }
    candidates += [5_000_000_00, 99_999_999_999_99]
    let v = rng.pick(candidates) + Int128(rng.below(3) == 0 ? rng.below(100_000) : 0)
    return Money(minorUnits: v).plainText(minorDigits: 2)
}

func generate(lines: Int, seed: UInt64) {
    let catalogue = loadDemo()
    let bank = catalogue.banks[0]
    var rng = Rng(state: seed)
    let days = (bank.versions.map(\.effectiveFrom) + [CalendarDate("2026-11-23")!]).flatMap { d in (0..<30).compactMap { d.adding(days: $0 * 11) } }
    var out: [UInt8] = []
    out.reserveCapacity(1 << 22)
    for n in 0..<lines {
        let date = rng.pick(days)
        let table = bank.version(on: date) ?? bank.versions[0]
        let item = rng.pick(table.items)
        var fields: [String] = ["\"id\":\(n)"]
        if n % 100 == 99 {
            // 1 % error lines, each with one defect.
            switch rng.below(5) {
            case 0: fields += ["\"item\":\"\(item.code)x\"", "\"date\":\"\(date)\""]
            case 1: fields += ["\"item\":\"\(item.code)\"", "\"date\":\"\(date.year)-02-30\""]
            case 2: fields += ["\"item\":\"\(item.code)\"", "\"date\":\"\(date)\"", "\"amount\":12.5"]
            case 3: fields += ["\"item\":\"\(item.code)\"", "\"date\":\"\(date)\"", "\"quantiy\":2"]
            default: fields += ["\"item\":\"\(item.code)\"", "\"date\":\"\(date)\"", "\"customer\":{\"tier\":\"vip\"}"]
            }
        } else {
            fields += ["\"item\":\"\(item.code)\"", "\"date\":\"\(date)\""]
            if item.fee.needsAmount { fields.append("\"amount\":\"\(amounts(for: item, &rng))\"") } else if rng.below(4) == 0 { fields.append("\"quantity\":\(1 + rng.below(30))") }
            if rng.below(2) == 0 { fields.append("\"channel\":\"\(rng.pick(table.channels).id)\"") }
            if rng.below(3) == 0 { fields.append("\"reason\":\"\(rng.pick(table.reasons).id)\"") }
            if rng.below(4) == 0 { fields.append("\"branch\":\"\(rng.pick(bank.profile.branches).id)\"") }
            if rng.below(3) == 0 { fields.append("\"uses_in_period\":\(rng.below(8))") }
            var customer: [String] = []
            if rng.below(2) == 0 { customer.append("\"tier\":\"\(rng.pick(table.tiers).id)\"") }
            if rng.below(4) == 0 { customer.append("\"segments\":[\"\(rng.pick(table.segments).id)\"]") }
            if rng.below(3) == 0 { customer.append("\"age\":\(18 + rng.below(70))") }
            if !customer.isEmpty { fields.append("\"customer\":{\(customer.joined(separator: ","))}") }
            if rng.below(5) == 0 { fields.append("\"lang\":\"en\"") }
        }
        out.append(contentsOf: Array(("{" + fields.joined(separator: ",") + "}\n").utf8))
        if out.count > 1 << 22 {
            emit(out)
            out.removeAll(keepingCapacity: true)
        }
    }
    emit(out)
}

/// An amount a retail customer really moves: mostly tens to thousands, now and then tens of
/// thousands, rarely half a million (the batch generator's `amounts` covers every band edge instead).
func realisticAmount(_ rng: inout Rng) -> String {
    let pick = rng.below(100)
    let yuan = pick < 60 ? 10 + rng.below(2_000) : pick < 90 ? 2_000 + rng.below(48_000) : pick < 99 ? 50_000 + rng.below(150_000) : 200_000 + rng.below(300_000)
    return Money(minorUnits: Int128(yuan) * 100 + Int128(rng.below(100))).plainText(minorDigits: 2)
}

/// An opaque customer reference of one of several shapes a bank might use (never a name or an
/// account number): so that nothing downstream relies on one shape, such as `C<digits>`.
func customerRef(_ c: Int) -> String {
    switch c % 4 {
    case 0: return "C\(100_000 + c)"
    case 1: return "k" + String(UInt64(c) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
    case 2: return "客户-\(c)"
    default: return "acct/\(c % 97)-\(c)"
    }
}

/// Transactions for statements and impact: `customers` customers with `per` transactions each in
/// 2026, grouped by customer and in byte order of their refs (as a shuffle by key delivers them),
/// in date order within a customer.
func transactions(customers: Int, per: Int, seed: UInt64) {
    let bank = loadDemo().banks[0]
    var rng = Rng(state: seed)
    let start = CalendarDate("2026-01-01")!
    var out: [UInt8] = []
    out.reserveCapacity(1 << 22)
    var n = 0
    let refs = (0..<customers).map(customerRef).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for ref in refs {
        let tier = rng.below(3) == 0 ? ",\"customer\":{\"tier\":\"\(["gold", "platinum", "standard", "diamond"][rng.below(4)])\"}" : ""
        var day = rng.below(20)
        for _ in 0..<per {
            day += rng.below(max(1, 360 / per))
            let date = start.adding(days: min(day, 364))!
            let table = bank.version(on: date)!
            let item = rng.pick(table.items)
            var fields = ["\"id\":\(n)", "\"customer_ref\":\"\(ref)\"", "\"item\":\"\(item.code)\"", "\"date\":\"\(date)\""]
            if item.fee.needsAmount { fields.append("\"amount\":\"\(realisticAmount(&rng))\"") }
            if rng.below(3) == 0 { fields.append("\"reason\":\"\(rng.pick(table.reasons).id)\"") }
            out.append(contentsOf: Array(("{" + fields.joined(separator: ",") + tier + "}\n").utf8))
            n += 1
            if out.count > 1 << 22 { emit(out); out.removeAll(keepingCapacity: true) }
        }
    }
    emit(out)
}

/// Requests for the library benchmark: the generator's lines, decoded once, errors dropped.
func libraryRequests(_ count: Int) -> [QuoteRequest] {
    let catalogue = loadDemo()
    let bank = catalogue.banks[0]
    var rng = Rng(state: 42)
    var requests: [QuoteRequest] = []
    let days = bank.versions.map(\.effectiveFrom) + [CalendarDate("2026-11-23")!]
    while requests.count < count {
        let date = rng.pick(days)
        let table = bank.version(on: date)!
        let item = rng.pick(table.items)
        var r = QuoteRequest(item: item.code, date: date)
        if item.fee.needsAmount { r.amount = amounts(for: item, &rng) }
        if rng.below(2) == 0 { r.customer.tier = rng.pick(table.tiers).id }
        if rng.below(3) == 0 { r.customer.age = 18 + rng.below(70) }
        if rng.below(3) == 0 { r.reason = rng.pick(table.reasons).id }
        if rng.below(3) == 0 { r.usesInPeriod = rng.below(8) }
        requests.append(r)
    }
    return requests
}

/// Writes bytes to standard output with write(2): no shared stdio state.
func emit(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Quotes/s over `seconds` on `threads` threads; each thread has its own calculator and requests,
/// as a service would give each worker its own (shared objects make the cores fight over reference counts).
func measure(threads: Int, explain: Bool, seconds: Double) -> Double {
    let workers = (0..<threads).map { _ in (FeeCalculator(catalogue: loadDemo()), libraryRequests(20_000)) }
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: threads)
    counts.initialize(repeating: 0, count: threads)
    defer { counts.deallocate() }
    nonisolated(unsafe) let shared = counts
    let start = now()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        let (calculator, requests) = workers[t]
        var n = 0
        var sink = 0
        while now() - start < seconds {
            // Each request read in place by its index (`for r in requests` would copy it, strings and all).
            for k in requests.indices {
                // The hot path: the plain facts of a pre-built request; a `Quote` only to explain it.
                if case .success(let facts) = calculator.facts(for: requests[k]) {
                    sink &+= Int(truncatingIfNeeded: facts.net.minorUnits)
                    if explain { sink &+= Explanation(quote: calculator.quote(requests[k], facts: facts), calculator: calculator).steps.count }
                }
            }
            n += requests.count
        }
        shared[t] = n &+ (sink == 42 ? 1 : 0)
    }
    let elapsed = now() - start
    return Double((0..<threads).reduce(0) { $0 + counts[$1] }) / elapsed
}

func library(seconds: Double, modes: [Bool]) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    for explain in modes {
        let one = measure(threads: 1, explain: explain, seconds: seconds)
        let all = measure(threads: cores, explain: explain, seconds: seconds)
        print("library\(explain ? "+explain" : "")\t\(Int(one))\t\(Int(all))\t\(cores)")
    }
}

func branches(count: Int, directory: String) {
    let fm = FileManager.default
    let bankDir = directory + "/demo-bank"
    try? fm.createDirectory(atPath: bankDir, withIntermediateDirectories: true)
    for f in (try? fm.contentsOfDirectory(atPath: tables + "/demo-bank")) ?? [] where f != "bank.json" {
        try? fm.removeItem(atPath: bankDir + "/" + f)
        try? fm.copyItem(atPath: tables + "/demo-bank/" + f, toPath: bankDir + "/" + f)
    }
    var list: [String] = []
    for i in 0..<count {
        list.append("{\"id\":\"b\(i)\",\"name\":{\"zh-Hans\":\"第\(i)支行\",\"en\":\"Branch \(i)\"},\"address\":{\"zh-Hans\":\"示例路\(i)号\",\"en\":\"\(i) Example Road\"},\"phone\":\"+86 21 5000 \(i)\"}")
    }
    // The demo bank.json with the generated branches added after its own.
    guard let demo = try? String(contentsOfFile: tables + "/demo-bank/bank.json", encoding: .utf8),
          let at = demo.range(of: "\"branches\": [") else { print("no demo bank.json"); exit(2) }
    let bank = String(demo[..<at.upperBound]) + "\n" + list.joined(separator: ",\n") + "," + String(demo[at.upperBound...])
    _ = fm.createFile(atPath: bankDir + "/bank.json", contents: Data(bank.utf8))
}

/// Median wall-clock milliseconds of running a command `runs` times (posix_spawn, output to /dev/null).
func timeProcess(runs: Int, _ command: [String]) {
    var times: [Double] = []
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
    for _ in 0..<runs {
        var pid: pid_t = 0
        let start = now()
        guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { print("cannot run \(command[0])"); exit(2) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        times.append((now() - start) * 1000)
    }
    times.sort()
    print(String(format: "%.2f", times[times.count / 2]))
}

/// A bank with a long history, for measuring start-up and `fees check` on large catalogues.
func catalogue(items: Int, versions: Int, directory: String) {
    let fm = FileManager.default
    let bankDir = directory + "/history-bank"
    try? fm.removeItem(atPath: bankDir)
    try? fm.createDirectory(atPath: bankDir, withIntermediateDirectories: true)
    let bank = #"{"format":"fee-bank/1","id":"history-bank","name":{"zh-Hans":"历史银行","en":"History Bank"},"languages":["zh-Hans","en"],"notice_days":90,"contacts":{"hotline":"95500"},"branches":[{"id":"hq","name":{"zh-Hans":"总行","en":"Head office"},"address":{"zh-Hans":"一号路","en":"1 First Road"}}]}"#
    _ = fm.createFile(atPath: bankDir + "/bank.json", contents: Data(bank.utf8))
    var rng = Rng(state: 2026)
    var base = (0..<items).map { _ in 100 + rng.below(2_000) }   // minor units
    let start = CalendarDate("2020-01-01")!
    for v in 0..<versions {
        let effective = start.adding(days: v * 31)!
        let announced = effective.adding(days: -100)!
        var itemTexts: [String] = []
        for i in 0..<items {
            if v > 0 && rng.below(10) == 0 { base[i] = max(0, base[i] + rng.below(400) - 200) }
            let price = Money(minorUnits: Int128(base[i])).plainText(minorDigits: 2)
            let fee: String
            switch i % 4 {
            case 0: fee = #"{"flat":"\#(price)"}"#
            case 1: fee = #"{"rate":"0.00\#(1 + i % 9)","min":"\#(price)","max":"\#(Money(minorUnits: Int128(base[i] * 50)).plainText(minorDigits: 2))"}"#
            case 2: fee = #"{"bands":[{"up_to":"10000","flat":"\#(price)"},{"up_to":"100000","flat":"\#(Money(minorUnits: Int128(base[i] * 2)).plainText(minorDigits: 2))"},{"rate":"0.0001","max":"500"}]}"#
            default: fee = #"{"flat":"0"}"#
            }
            itemTexts.append(#"{"code":"g\#(i % 10).item-\#(i)","category":"c\#(i % 10)","name":{"zh-Hans":"项目\#(i)","en":"Item \#(i)"},"unit":{"zh-Hans":"笔","en":"transaction"},"pricing":"market","fee":\#(fee)}"#)
        }
        let categories = (0..<10).map { #"{"id":"c\#($0)","name":{"zh-Hans":"类别\#($0)","en":"Category \#($0)"}}"# }.joined(separator: ",")
        let text = #"{"format":"fee-table/1","version":"v\#(v)","announced_on":"\#(announced)","effective_from":"\#(effective)","currency":"CNY","categories":[\#(categories)],"tiers":[{"id":"standard","name":{"zh-Hans":"普通客户","en":"Standard"}},{"id":"gold","name":{"zh-Hans":"金卡客户","en":"Gold"}}],"items":[\#(itemTexts.joined(separator: ","))],"waivers":[{"id":"gold-half","name":{"zh-Hans":"金卡五折","en":"Gold: half price"},"applies_to":["g1.*"],"when":{"tiers":["gold"]},"percent_off":"50"}]}"#
        _ = fm.createFile(atPath: bankDir + "/v" + String(format: "%03d", v) + ".json", contents: Data(text.utf8))
    }
}

/// ROUNDS × 20,000 library quotes through `FeeCalculator.facts(for:)`, each request read in place
/// (locals, not top-level globals: a global would be copied for every call).
func quotes(rounds: Int) {
    let calculator = FeeCalculator(catalogue: loadDemo())
    let requests = libraryRequests(20_000)
    var sink = 0
    requests.withUnsafeBufferPointer { requests in
        for _ in 0..<rounds {
            for k in requests.indices { if case .success(let f) = calculator.facts(for: requests[k]) { sink &+= Int(truncatingIfNeeded: f.net.minorUnits) } }
        }
    }
    print("quotes\t\(sink)")
}

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "generate": generate(lines: Int(args[1]) ?? 1000, seed: UInt64(args.count > 2 ? args[2] : "1") ?? 1)
case "library":
    let modes: [Bool] = args.count > 2 ? [args[2] == "explain"] : [false, true]
    library(seconds: Double(args.count > 1 ? args[1] : "2") ?? 2, modes: modes)
case "quotes":
    // A fixed amount of work for valgrind: ROUNDS × 20,000 library quotes. The difference between
    // two round counts, divided by the quotes, is the cost (allocations, instructions) of one quote.
    quotes(rounds: Int(args.count > 1 ? args[1] : "1") ?? 1)
case "branches": branches(count: Int(args[1]) ?? 10_000, directory: args[2])
case "transactions": transactions(customers: Int(args[1]) ?? 1000, per: Int(args.count > 2 ? args[2] : "20") ?? 20, seed: 5)
case "time": timeProcess(runs: Int(args[1]) ?? 20, Array(args.dropFirst(2)))
case "catalogue": catalogue(items: Int(args[1]) ?? 400, versions: Int(args[2]) ?? 30, directory: args[3])
default:
    FileHandle.standardError.write(Data("usage: fees-bench generate LINES [SEED] | library [SECONDS] | branches COUNT DIR | transactions CUSTOMERS PER | time RUNS CMD… | catalogue ITEMS VERSIONS DIR\n".utf8))
    exit(2)
}
