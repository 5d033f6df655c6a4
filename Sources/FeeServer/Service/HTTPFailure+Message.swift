import FeeKit

extension HTTPFailure {
    /// A refusal of the service, its words from the catalogue (`ServiceMessage`, FeeWords): the
    /// Chinese and the English of the one message, for the error page and the JSON body.
    init(_ status: HTTPStatus, _ code: String, message: ServiceMessage) {
        self.init(status, code, zh: message.text(.chinese), en: message.text(.english))
    }
}
