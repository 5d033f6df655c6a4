/// XHTML escaping for text that a caller splices into a published page (the server's links and
/// calculator form, as `DocBlock.rendered`): the page renderer's own rules, so one escaper serves both.
public enum HTMLEscaping {
    /// `s` escaped for XHTML text and attribute values (`&`, `<`, `>`, quotes; controls replaced).
    public static func escape(_ s: String) -> String { HTMLRenderer.escape(s) }
}
