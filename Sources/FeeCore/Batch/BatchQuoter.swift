import FeeWords

/// Answers JSON Lines quote requests (spec §4): one answer line per request line, each depending
/// on that line and the tables alone.
public struct BatchQuoter: Sendable {
    /// The calculator every line is priced by.
    public let calculator: FeeCalculator
    /// Whether answers carry `"explanation"`.
    public let explain: Bool
    /// The one answer encoder, with this catalogue's constants rendered once.
    public let encoder: AnswerEncoder

    /// A quoter over `calculator`'s tables, with explanations when `explain`.
    public init(calculator: FeeCalculator, explain: Bool) {
        self.calculator = calculator
        self.explain = explain
        self.encoder = AnswerEncoder(catalogue: calculator.catalogue)
    }

    /// Appends the answer to one request line (without its newline) to `out`, newline included.
    /// Returns whether the line was quoted (false for an error answer).
    @discardableResult
    public func answer(line: [UInt8], into out: inout [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { answer(line: $0, into: &out) }
    }

    /// The longest request line answered; a longer one gets `invalid_request` without being parsed.
    public static let maxLineBytes = 1 << 20

    /// Appends the answer to one request line held in a buffer; see `answer(line:into:)`.
    @discardableResult
    public func answer(line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        if line.count > Self.maxLineBytes { return answer(overlongLine: line.count, into: &out) }
        var view = RequestView(line: line)
        var lineFacts = RequestDecoder.LineFacts()
        let refused = RequestDecoder.decode(line, mode: .batch, into: &view, facts: &lineFacts)
        let rawID = lineFacts.rawID.map { UnsafeBufferPointer(rebasing: line[$0]) }
        if let refused {
            // The line could not be read as a request: its error speaks the line's `lang`, else
            // its bank's first language, when the line says (the first bank's otherwise).
            encoder.appendAnswer(rawID: rawID, result: .failure(refused.in(calculator.messageLanguage(of: lineFacts.speaker(in: line)))), to: &out)
            return false
        }
        var found: QuoteFacts?
        if let error = calculator.price(view, into: &found) {
            encoder.appendAnswer(rawID: rawID, result: .failure(error), to: &out)
            return false
        }
        if explain {
            let quote = Quote(facts: found!, plan: calculator.plan, request: view.request())
            encoder.appendAnswer(rawID: rawID, result: .success(quote), explanation: Explanation(quote: quote, calculator: calculator), to: &out)
        } else {
            encoder.appendAnswer(rawID: rawID, facts: found!, to: &out)
        }
        return true
    }

    /// Appends the answer to a line too long to be read (`invalid_request`, id `null`).
    @discardableResult
    public func answer(overlongLine bytes: Int, into out: inout [UInt8]) -> Bool {
        let error = QuoteError(.invalidRequest, .lineTooLong(bytes: bytes, limit: Self.maxLineBytes), language: calculator.defaultLanguage)
        return write(rawID: nil, result: .failure(error), into: &out)
    }

    /// Appends the answer to one line as the line reader hands it over.
    @discardableResult
    public func answer(_ line: InputLine, into out: inout [UInt8]) -> Bool {
        switch line {
        case .text(let bytes): return answer(line: bytes, into: &out)
        case .overlong(let n): return answer(overlongLine: n, into: &out)
        }
    }

    /// Writes one answer line through the one encoder; whether the line was quoted.
    private func write(rawID: UnsafeBufferPointer<UInt8>?, result: Result<Quote, QuoteError>, into out: inout [UInt8]) -> Bool {
        encoder.appendAnswer(rawID: rawID, result: result, to: &out)
        if case .success = result { return true }
        return false
    }

    /// Answers a whole JSON Lines text: blank lines are skipped, CR before LF is tolerated.
    /// Returns the answers and whether every line was quoted.
    public func answerAll(_ input: [UInt8]) -> (output: [UInt8], allOK: Bool) {
        var out: [UInt8] = []
        var allOK = true
        LineReader.forEachLine(in: input) { if !answer($0, into: &out) { allOK = false } }
        return (out, allOK)
    }
}
