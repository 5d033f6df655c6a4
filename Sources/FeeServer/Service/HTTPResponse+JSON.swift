import FeeKit

extension HTTPResponse {
    /// The JSON error answer of a failure: `{"error":{"code":…,"message":…}}`, by FeeKit's one
    /// JSON writer.
    public static func failure(_ f: HTTPFailure, extraHeaders: [(name: String, value: String)] = []) -> HTTPResponse {
        var w = JSONWriter()
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.field("code", f.code)
        w.field("message", f.message)
        w.endObject()
        w.endObject()
        var r = HTTPResponse(status: f.status, contentType: .json, headers: extraHeaders, body: w.bytes + [0x0A])
        r.closes = f.closes
        return r
    }

    /// A JSON document answer, ending with a newline.
    static func json(_ w: JSONWriter, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: .json, body: w.bytes + [0x0A])
    }
}
