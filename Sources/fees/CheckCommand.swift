import FeeKit

/// `fees check`: validates a tables directory (spec §5).
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "Check every bank's tables: format, ids, languages, bands, and the notice period for raised fees."
    static let usage = "fees check [--tables DIR] [--json]"
    static let options = [
        tablesOption,
        OptionSpec(name: "json", valueName: nil, help: "Print the report as one JSON object."),
    ]
    static let examples = [
        "fees check --tables FeeTables",
        "fees check --tables FeeTables --json",
    ]

    static func run(_ args: Arguments) -> Int32 {
        if let refused = refusePositionals(args) { return refused }
        let directory = tablesDirectory(args)
        let result = CatalogueLoader.load(directory: directory)
        let errors = result.errors.count, warnings = result.warnings.count
        if args.flag("json") {
            var w = JSONWriter()
            w.beginObject()
            w.field("ok", errors == 0)
            w.field("errors", errors)
            w.field("warnings", warnings)
            w.key("banks")
            w.beginArray()
            for bank in result.catalogue?.banks ?? [] {
                w.beginObject()
                w.field("id", bank.id)
                w.key("versions")
                w.beginArray()
                for v in bank.versions { w.string(v.version) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("problems")
            w.beginArray()
            for p in result.problems { p.write(to: &w) }
            w.endArray()
            w.endObject()
            Console.out(w.text + "\n")
        } else {
            for p in result.problems { Console.out(p.description + "\n") }
            if let catalogue = result.catalogue {
                for bank in catalogue.banks {
                    let items = Set(bank.versions.flatMap { $0.items.map(\.code) }).count
                    Console.out("\(bank.id): \(bank.versions.count) version\(bank.versions.count == 1 ? "" : "s"), \(items) item codes: ok\n")
                }
            }
            Console.out("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        }
        return errors == 0 ? ExitCode.success : ExitCode.failure
    }
}
