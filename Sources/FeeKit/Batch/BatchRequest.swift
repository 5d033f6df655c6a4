/// One line of the JSON Lines batch (spec §4), decoded: the id exactly as written, and either a
/// request or the error that the line gets.
public struct BatchLine: Sendable {
    /// The request's `id` as raw JSON bytes, or nil (answered as `null`).
    public var rawID: [UInt8]?
    public var request: Result<QuoteRequest, QuoteError>
}

/// Decodes batch request lines with the spec's error codes (§2, §4, §6).
public enum BatchRequestDecoder {
    static let requestKeys = ["id", "bank", "item", "date", "amount", "quantity", "channel", "reason", "branch",
                              "uses_in_period", "customer", "lang"]
    static let customerKeys = ["tier", "segments", "age"]

    /// Decodes one non-blank line.
    public static func decode(_ line: [UInt8]) -> BatchLine {
        let root: JSONNode
        do {
            root = try JSONParser.parse(line, maxDepth: 64)
        } catch {
            let column = SourcePosition(offset: error.offset, in: line).column
            return BatchLine(rawID: nil, request: .failure(QuoteError(.invalidRequest, "the line is not JSON (column \(column)): \(error.message)")))
        }
        guard case .object(let members) = root.value else {
            return BatchLine(rawID: nil, request: .failure(QuoteError(.invalidRequest, "the line is \(root.value.typeName), not a JSON object")))
        }
        var rawID: [UInt8]?
        if let idNode = members.first(where: { $0.key == "id" })?.value {
            switch idNode.value {
            case .null: rawID = nil
            default: rawID = Array(line[idNode.offset..<idNode.end])
            }
        }
        return BatchLine(rawID: rawID, request: decodeRequest(members))
    }

    private static func fail(_ code: QuoteErrorCode, _ message: String) -> Result<QuoteRequest, QuoteError> {
        .failure(QuoteError(code, message))
    }

    static func decodeRequest(_ members: [JSONMember]) -> Result<QuoteRequest, QuoteError> {
        var fields: [String: JSONNode] = [:]
        var seen: Set<String> = []
        for m in members {
            guard requestKeys.contains(m.key) else {
                let hint = closestMatches(to: m.key, in: requestKeys, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                return fail(.invalidRequest, "unknown key '\(m.key)'\(hint): a misspelt key must not silently change a price")
            }
            // Spec §6: a repeated key is an error whatever its values, null included.
            guard seen.insert(m.key).inserted else { return fail(.invalidRequest, "the key '\(m.key)' appears twice; give it once") }
            if case .null = m.value.value { continue }
            fields[m.key] = m.value
        }
        if let id = fields["id"] {
            switch id.value {
            case .string, .number: break
            default: return fail(.invalidRequest, "\"id\" must be a string or a number, not \(id.value.typeName)")
            }
        }
        var bank: String?
        if let n = fields["bank"] {
            guard case .string(let s) = n.value else { return fail(.invalidRequest, "\"bank\" must be a string, not \(n.value.typeName)") }
            bank = s
        }
        guard let itemNode = fields["item"] else { return fail(.invalidRequest, "\"item\" is missing: give the item code, such as \"card.reissue\"") }
        guard case .string(let item) = itemNode.value else { return fail(.invalidRequest, "\"item\" must be a string, not \(itemNode.value.typeName)") }
        guard let dateNode = fields["date"] else { return fail(.invalidRequest, "\"date\" is missing: give the transaction date as YYYY-MM-DD") }
        guard case .string(let dateText) = dateNode.value else {
            return fail(.invalidDate, "\"date\" must be a string YYYY-MM-DD, not \(dateNode.value.typeName)")
        }
        guard let date = CalendarDate(dateText) else {
            return fail(.invalidDate, "'\(dateText)' is not a date: give an existing day as YYYY-MM-DD")
        }
        var request = QuoteRequest(bank: bank, item: item, date: date)
        if let n = fields["amount"] {
            guard case .string(let s) = n.value else {
                if case .number(let literal) = n.value {
                    return fail(.invalidAmount, "amount \(literal) is a JSON number; money is always a string such as \"\(literal)\"")
                }
                return fail(.invalidAmount, "\"amount\" must be a decimal string such as \"500.00\", not \(n.value.typeName)")
            }
            request.amount = s
        }
        if let n = fields["quantity"] {
            guard let q = integerLiteral(n) else {
                return fail(.invalidQuantity, "\"quantity\" must be a whole number (a JSON integer) from 1 to 1,000,000")
            }
            guard (1...FeeCalculator.maxQuantity).contains(q) else {
                return fail(.invalidQuantity, "quantity \(q) is out of range: give a whole number from 1 to 1,000,000")
            }
            request.quantity = q
        }
        for key in ["channel", "reason", "branch"] {
            guard let n = fields[key] else { continue }
            guard case .string(let s) = n.value else { return fail(.invalidRequest, "\"\(key)\" must be a string id, not \(n.value.typeName)") }
            switch key {
            case "channel": request.channel = s
            case "reason": request.reason = s
            default: request.branch = s
            }
        }
        if let n = fields["uses_in_period"] {
            guard let u = integerLiteral(n), u >= 0 else {
                return fail(.invalidUses, "\"uses_in_period\" must be a whole number (a JSON integer), 0 or more")
            }
            request.usesInPeriod = u
        }
        if let n = fields["customer"] {
            guard case .object(let cm) = n.value else { return fail(.invalidRequest, "\"customer\" must be an object, not \(n.value.typeName)") }
            var customer = Customer()
            var seen: Set<String> = []
            for m in cm {
                guard customerKeys.contains(m.key) else {
                    let hint = closestMatches(to: m.key, in: customerKeys, limit: 1).first.map { " (did you mean '\($0)'?)" } ?? ""
                    return fail(.invalidRequest, "unknown customer key '\(m.key)'\(hint); a customer is described by tier, segments and age only")
                }
                guard !seen.contains(m.key) else { return fail(.invalidRequest, "the customer key '\(m.key)' appears twice") }
                seen.insert(m.key)
                if case .null = m.value.value { continue }
                switch m.key {
                case "tier":
                    guard case .string(let s) = m.value.value else { return fail(.invalidRequest, "\"customer.tier\" must be a string id, not \(m.value.value.typeName)") }
                    customer.tier = s
                case "segments":
                    guard case .array(let elements) = m.value.value else {
                        return fail(.invalidRequest, "\"customer.segments\" must be an array of segment ids, not \(m.value.value.typeName)")
                    }
                    for e in elements {
                        guard case .string(let s) = e.value else { return fail(.invalidRequest, "\"customer.segments\" must hold strings, not \(e.value.typeName)") }
                        customer.segments.append(s)
                    }
                default:
                    guard let age = integerLiteral(m.value), (0...150).contains(age) else {
                        return fail(.invalidAge, "\"customer.age\" must be a whole number (a JSON integer) from 0 to 150")
                    }
                    customer.age = age
                }
            }
            request.customer = customer
        }
        if let n = fields["lang"] {
            guard case .string(let s) = n.value else { return fail(.invalidRequest, "\"lang\" must be a language tag string, not \(n.value.typeName)") }
            request.lang = s
        }
        return .success(request)
    }

    /// The value of a JSON integer literal (no fraction, no exponent) that fits in an Int.
    static func integerLiteral(_ node: JSONNode) -> Int? {
        guard case .number(let literal) = node.value,
              !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        return Int(literal)
    }
}
