import FeeValues

extension CatalogueLoader {
    /// The first language of the first bank under `directory` that lists a valid one (banks in
    /// the loader's order, bank.json read as the loader reads it: the same language as
    /// `CatalogueLoadResult.defaultLanguage` when the tables load), without loading the versions:
    /// the language of a message written before the tables are loaded. Nil when there is none.
    package static func firstLanguage(directory: String) -> String? {
        for bank in bankFolders(directory) {
            let file = join(join(directory, bank), "bank.json")
            guard let bytes = readBytes(file) else { continue }
            var reader = TableReader(file: file, bytes: bytes, languages: [])
            _ = BankProfile.read(&reader, directoryName: bank)
            if let tag = reader.listedLanguages.first { return tag }
        }
        return nil
    }
}
