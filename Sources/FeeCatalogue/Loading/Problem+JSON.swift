import FeeJSON

extension Problem {
    /// Writes the problem as a JSON object (`fees check --json`).
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("severity", severity.rawValue)
        w.field("code", code)
        w.field("file", file)
        if let p = position {
            w.field("line", p.line)
            w.field("column", p.column)
        } else {
            w.key("line"); w.null()
            w.key("column"); w.null()
        }
        w.field("path", path)
        w.field("message", message)
        w.endObject()
    }
}
