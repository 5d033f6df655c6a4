import Foundation
import FeeJSON

extension CatalogueLoader {
    /// The first language of the first bank under `directory` (`languages[0]` of its bank.json,
    /// banks in the loader's order), read without loading the tables: the language of a message
    /// written before the tables are loaded, or when they cannot be. Nil when there is none to read.
    package static func firstLanguage(directory: String) -> String? {
        for bank in bankFolders(directory) {
            guard let data = FileManager.default.contents(atPath: join(join(directory, bank), "bank.json")),
                  let node = try? JSONParser.parse([UInt8](data)) else { continue }
            guard case .string(let tag)? = node.node(at: "languages[0]")?.value else { return nil }
            return tag
        }
        return nil
    }
}
