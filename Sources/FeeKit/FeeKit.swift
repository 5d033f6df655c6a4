// FeeKit is the library a service links: one import for every layer below, so a caller writes
// `import FeeKit` and sees the public API listed in Docs/PUBLIC-API.md. It holds no code.
@_exported import FeeValues
@_exported import FeeJSON
@_exported import FeeWords
@_exported import FeeCore
@_exported import FeeCatalogue
@_exported import FeePublishing
@_exported import FeeReports
