import Testing
import FeeKit

/// The rules of spec §3 on the example catalogue, through the library API.
@Suite struct CalculatorTests {
    let calculator = FeeCalculator(catalogue: Fixtures.exampleCatalogue)

    private func quote(_ item: String, _ date: String = "2025-02-10", amount: String? = nil, quantity: Int = 1,
                       channel: String? = nil, reason: String? = nil, branch: String? = nil, uses: Int? = nil,
                       customer: Customer = Customer()) -> Result<Quote, QuoteError> {
        calculator.quote(QuoteRequest(item: item, date: CalendarDate(date)!, amount: amount, quantity: quantity, channel: channel,
                                      reason: reason, branch: branch, usesInPeriod: uses, customer: customer))
    }

    private func net(_ r: Result<Quote, QuoteError>) -> String? {
        (try? r.get()).map { $0.net.plainText(minorDigits: 2) }
    }

    private func gross(_ r: Result<Quote, QuoteError>) -> String? {
        (try? r.get()).map { $0.gross.plainText(minorDigits: 2) }
    }

    private func code(_ r: Result<Quote, QuoteError>) -> String? {
        if case .failure(let e) = r { return e.code.rawValue }
        return nil
    }

    @Test func bandEdgesAreInclusive() {
        let c = "transfer.other-bank.counter"
        #expect(gross(quote(c, amount: "0")) == "5.00")
        #expect(gross(quote(c, amount: "10000")) == "5.00")
        #expect(gross(quote(c, amount: "10000.01")) == "10.00")
        #expect(gross(quote(c, amount: "100000.00")) == "10.00")
        #expect(gross(quote(c, amount: "100000.01")) == "15.00")
        #expect(gross(quote(c, amount: "1000000.01")) == "20.00")
        #expect((try? quote(c, amount: "1000000.01").get())?.bandIndex == 4)
    }

    @Test func eachRoundingModeOnATie() {
        // remit.overseas: 80 + 0.1 % of 12,345 = 92.345 exactly.
        #expect(gross(quote("remit.overseas", "2024-12-31", amount: "12345")) == "92.35")  // half-up
        #expect(gross(quote("remit.overseas", amount: "12345")) == "92.34")                // half-even
        let q = try? quote("remit.overseas", amount: "12345").get()
        #expect(q?.exactFee == 923_450_000_000)
        #expect(RoundingMode.down.divide(923_450_000_000, by: Rate.one) == 9234)
        #expect(RoundingMode.up.divide(923_450_000_000, by: Rate.one) == 9235)
    }

    @Test func clampsToMinAndMaxAndReportsIt() {
        let low = try? quote("transfer.other-bank.online", amount: "100").get()
        #expect(low?.gross == Money(minorUnits: 200))
        #expect(low?.clamp == .raisedToMin)
        let high = try? quote("transfer.other-bank.online", amount: "100000").get()
        #expect(high?.gross == Money(minorUnits: 2_500))
        #expect(high?.clamp == .loweredToMax)
        #expect((try? quote("transfer.other-bank.online", amount: "10020").get())?.clamp == ClampOutcome.none)
    }

    @Test func quantityMultipliesFlatButNotMinOrMax() {
        #expect(gross(quote("cheque.leaf", quantity: 25)) == "10.00")
        #expect(gross(quote("cheque.leaf", quantity: 1_000_000)) == "400000.00")
        #expect(code(quote("cheque.leaf", quantity: 0)) == "invalid_quantity")
        #expect(code(quote("cheque.leaf", quantity: 1_000_001)) == "invalid_quantity")
        #expect(code(quote("transfer.other-bank.counter", amount: "5", quantity: 2)) == "invalid_quantity")
    }

    @Test func everyConditionHoldsAndFails() {
        let c = "transfer.other-bank.counter"
        #expect(net(quote(c, amount: "50000", customer: Customer(tier: "gold"))) == "5.00")             // tiers
        #expect(net(quote(c, amount: "50000", customer: Customer(tier: "standard"))) == "10.00")
        #expect(net(quote(c, amount: "50000", customer: Customer(tier: "diamond"))) == "0.00")          // tier_at_least
        #expect(net(quote(c, amount: "50000", customer: Customer(age: 60))) == "5.00")                  // min_age
        #expect(net(quote(c, amount: "50000", customer: Customer(age: 59))) == "10.00")
        #expect(net(quote("transfer.other-bank.online", amount: "1000", channel: "mobile")) == "0.00")  // channels
        #expect(net(quote("transfer.other-bank.online", amount: "1000", channel: "online")) == "2.00")
        #expect(net(quote("remit.overseas", "2025-03-10", amount: "100", branch: "sh-lujiazui")) == "64.08") // branches + window
        #expect(net(quote("remit.overseas", "2025-03-10", amount: "100", branch: "gz-tianhe")) == "80.10")
        #expect(net(quote("remit.overseas", "2025-02-28", amount: "100", branch: "sh-lujiazui")) == "80.10") // before from
        #expect(net(quote("card.reissue", reason: "defect")) == "0.00")                                  // no_fault
        #expect(net(quote("card.reissue", reason: "customer-request")) == "5.00")
        #expect(net(quote("card.reissue", reason: "lost", customer: Customer(tier: "platinum"))) == "2.50") // reasons + tier_at_least
        #expect(net(quote("card.reissue", reason: "expired", customer: Customer(tier: "gold"))) == "0.00")
        #expect(net(quote("cash.atm.other-bank", uses: 0)) == "0.00")                                   // free_uses
        #expect(net(quote("cash.atm.other-bank", uses: 3)) == "2.50")
        #expect(net(quote("deposit.certificate", customer: Customer(segments: ["student"]))) == "5.00") // segments
        #expect(net(quote("deposit.certificate", customer: Customer(segments: []))) == "20.00")
    }

    @Test func theBestSingleWaiverAppliesAndTiesGoToTheFirstListed() {
        let q = try? quote("transfer.other-bank.counter", amount: "50000", customer: Customer(tier: "gold", age: 65)).get()
        #expect(q?.eligible.map(\.id) == ["gold-transfers-half", "senior-counter-5-off"])
        #expect(q?.applied?.id == "gold-transfers-half")
        // At 8,000 the senior waiver (5 off a 5.00 fee) beats half price.
        let small = try? quote("transfer.other-bank.counter", amount: "8000", customer: Customer(tier: "gold", age: 65)).get()
        #expect(small?.applied?.id == "senior-counter-5-off")
        #expect(small?.net == .zero)
        #expect(small?.discount == Money(minorUnits: 500))
    }

    @Test func zeroGrossHasNoEligibleWaivers() {
        let q = try? quote("statement.print", customer: Customer(tier: "platinum")).get()
        #expect(q?.gross == .zero)
        #expect(q?.eligible.isEmpty == true)
        #expect(q?.applied == nil)
    }

    @Test func waiversThatSaveNothingAreEligibleButNotApplied() {
        // student-certificate is a fixed fee of 5 per copy; a platinum customer gets nothing better.
        let q = try? quote("deposit.certificate", quantity: 3, customer: Customer(segments: ["student"])).get()
        #expect(q?.net == Money(minorUnits: 1_500))
        #expect(q?.eligible.map(\.id) == ["student-certificate"])
    }

    @Test func versionSelectionByDate() {
        #expect((try? quote("card.annual", "2024-12-31").get())?.version.version == "2024-01")
        #expect((try? quote("card.annual", "2025-01-01").get())?.version.version == "2025-01")
        #expect((try? quote("card.annual", "2099-01-01").get())?.version.version == "2025-07")
        #expect(code(quote("card.annual", "2023-12-31")) == "no_table_in_effect")
    }

    @Test func exactForTheLargestAmountAndOverflowBeyond() {
        #expect(net(quote("remit.overseas", amount: "999999999999999.99")) == "1000000000080.00")
        #expect(gross(quote("transfer.other-bank.counter", amount: "999999999999999.99")) == "200.00")
        #expect(code(quote("remit.overseas", amount: "1000000000000000.00")) == "overflow")
        #expect(code(quote("remit.overseas", amount: String(repeating: "9", count: 40))) == "overflow")
    }

    @Test func everyErrorCodeWithAnActionableMessage() {
        let cases: [(Result<Quote, QuoteError>, String, String)] = [
            (quote("transfer.other-bank.countr", amount: "5"), "unknown_item", "transfer.other-bank.counter"),
            (quote("transfer.other-bank.counter"), "amount_required", "\"amount\""),
            (quote("transfer.other-bank.counter", amount: "1.234"), "invalid_amount", "2 fractional digits"),
            (quote("transfer.other-bank.counter", amount: "-5"), "invalid_amount", "not a decimal"),
            (quote("cheque.leaf", customer: Customer(tier: "vip")), "unknown_tier", "standard, gold, platinum, diamond"),
            (quote("cheque.leaf", customer: Customer(segments: ["senior"])), "unknown_segment", "student"),
            (quote("cheque.leaf", channel: "fax"), "unknown_channel", "counter, atm, online, mobile"),
            (quote("cheque.leaf", reason: "stolen"), "unknown_reason", "expired"),
            (quote("cheque.leaf", branch: "sh-pudong"), "unknown_branch", "sh-lujiazui"),
            (quote("cheque.leaf", customer: Customer(age: 151)), "invalid_age", "0 to 150"),
            (quote("cheque.leaf", uses: -1), "invalid_uses", "0 or more"),
            (quote("cheque.leaf", "2020-01-01"), "no_table_in_effect", "2024-01-01"),
        ]
        for (result, expectedCode, fragment) in cases {
            guard case .failure(let e) = result else { Issue.record("expected \(expectedCode)"); continue }
            #expect(e.code.rawValue == expectedCode)
            #expect(e.in(.english).message.contains(fragment), "\(e.in(.english).message)")
            // The demo bank reads Chinese first: its messages are Chinese unless asked otherwise.
            #expect(e.language == .chinese && e.message != e.in(.english).message, "\(e.message)")
        }
        let bank = calculator.quote(QuoteRequest(bank: "no-bank", item: "cheque.leaf", date: CalendarDate("2025-02-10")!))
        #expect(code(bank) == "unknown_bank")
        // A near miss names the nearest bank, the same error the teller's `--bank` gets (`unknownBank`).
        guard case .failure(let near) = calculator.quote(QuoteRequest(bank: "example-bnak", item: "cheque.leaf", date: CalendarDate("2025-02-10")!)) else {
            Issue.record("expected unknown_bank"); return
        }
        #expect(near.detail == .unknownBank(id: "example-bnak", nearest: "example-bank", banks: ["example-bank"]))
        #expect(near.detail == calculator.unknownBank("example-bnak").detail)
    }

    @Test func quotingFromManyThreadsGivesTheSameAnswers() async {
        let requests = SpecExamplesTests.requests
        let quoter = BatchQuoter(calculator: calculator, explain: true)
        let single = requests.map { r -> [UInt8] in var o: [UInt8] = []; quoter.answer(line: Array(r.utf8), into: &o); return o }
        let parallel = await withTaskGroup(of: (Int, [UInt8]).self) { group in
            for (i, r) in requests.enumerated() {
                group.addTask { var o: [UInt8] = []; quoter.answer(line: Array(r.utf8), into: &o); return (i, o) }
            }
            var results = [[UInt8]](repeating: [], count: requests.count)
            for await (i, o) in group { results[i] = o }
            return results
        }
        #expect(parallel == single)
    }
}

/// Request decoding with the spec's error codes (§2, §4, §6).
@Suite struct BatchDecodingTests {
    let quoter = BatchQuoter(calculator: FeeCalculator(catalogue: Fixtures.exampleCatalogue), explain: false)

    private func answer(_ line: String) -> String {
        var out: [UInt8] = []
        quoter.answer(line: Array(line.utf8), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "amount": 1.5}"#, "invalid_amount"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "quantity": "2"}"#, "invalid_quantity"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "quantity": 2.5}"#, "invalid_quantity"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "quantity": 2e0}"#, "invalid_quantity"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "quantity": 99999999999999999999}"#, "invalid_quantity"),
        (#"{"item": 42, "date": "2025-02-10"}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "customer": "gold"}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "customer": {"segments": "student"}}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "customer": {"name": "Li Lei"}}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "branch": 7}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": 20250210}"#, "invalid_date"),
        (#"{"item": "cheque.leaf", "date": "2025-2-10"}"#, "invalid_date"),
        (#"{"item": "cheque.leaf"}"#, "invalid_request"),
        (#"{"date": "2025-02-10"}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "customer": {"age": "67"}}"#, "invalid_age"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "customer": {"age": 67.5}}"#, "invalid_age"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "uses_in_period": -1}"#, "invalid_uses"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "uses_in_period": "1"}"#, "invalid_uses"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "item": "card.reissue"}"#, "invalid_request"),
        (#"[1, 2]"#, "invalid_request"),
        (#"not json"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "id": true}"#, "invalid_request"),
        (#"{"item": "cheque.leaf", "date": "2025-02-10", "lang": 5}"#, "invalid_request"),
    ])
    func badFieldsGetTheirOwnCode(line: String, code: String) {
        #expect(answer(line).contains(#""ok":false,"error":{"code":"\#(code)""#), "\(answer(line))")
    }

    @Test func idIsEchoedExactlyAsWritten() {
        #expect(answer(#"{"id": 1.50, "item": "cheque.leaf", "date": "2025-02-10"}"#).hasPrefix(#"{"id":1.50,"ok":true"#))
        #expect(answer(#"{"id": "a\u0041", "item": "cheque.leaf", "date": "2025-02-10"}"#).hasPrefix(#"{"id":"a\u0041","ok":true"#))
        #expect(answer(#"{"item": "cheque.leaf", "date": "2025-02-10"}"#).hasPrefix(#"{"id":null,"ok":true"#))
        #expect(answer(#"{"id": null, "item": "cheque.leaf", "date": "2025-02-10"}"#).hasPrefix(#"{"id":null,"ok":true"#))
        #expect(answer("[]").hasPrefix(#"{"id":null,"ok":false"#))
    }

    @Test func nullMeansAbsent() {
        let a = answer(#"{"item": "card.reissue", "date": "2025-02-10", "reason": null, "customer": {"tier": null, "segments": null, "age": null}, "branch": null}"#)
        #expect(a.contains(#""net":"5.00""#))
        let b = answer(#"{"item": "card.reissue", "date": "2025-02-10", "customer": null}"#)
        #expect(b.contains(#""net":"5.00""#))
    }

    @Test func everyAnswerEndsWithOneNewline() {
        for line in [#"{"item": "cheque.leaf", "date": "2025-02-10"}"#, "{", #"{"id": "x\ny"}"#] {
            let a = answer(line)
            #expect(a.filter { $0 == "\n" }.count == 1)
            #expect(a.hasSuffix("}\n"))
        }
    }
}
