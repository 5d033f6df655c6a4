import Testing
import FeeKit

/// The compiled plan the calculator quotes from: ids found by their bytes, conditions as sets.
@Suite struct QuotePlanTests {
    @Test func everyDeclaredIDIsFoundByItsTextAndItsBytesAtItsFirstPosition() {
        var ids = (0..<5_000).map { "g\($0 % 7).item-\($0)" }
        ids += ["", "a", "长城卡.补卡", "abcdefgh", "abcdefghi", "g1.item-1"]  // empty, short, non-ASCII, word-sized, a repeat
        let index = IdentifierIndex(ids)
        #expect(index.count == ids.count)
        for (k, id) in ids.enumerated() {
            let first = ids.firstIndex(of: id)!
            #expect(index.index(of: id) == first, "\(id)")
            let bytes = Array(id.utf8)
            #expect(bytes.withUnsafeBufferPointer { index.index(of: $0) } == first, "\(id) by bytes")
            if k == ids.count - 1 { #expect(first == 1, "a repeated id keeps its first position") }
        }
    }

    @Test(arguments: ["g1.item-", "g1.item-10000", "G1.item-1", "g1.item-1 ", "abcdefg", "abcdefghij", "长城卡", "b"])
    func anIDNotDeclaredIsNotFound(text: String) {
        let index = IdentifierIndex((0..<200).map { "g\($0 % 7).item-\($0)" } + ["abcdefgh", "abcdefghi", "长城卡.补卡", "a"])
        #expect(index.index(of: text) == nil)
        #expect(Array(text.utf8).withUnsafeBufferPointer { index.index(of: $0) } == nil)
    }

    @Test func anEmptyIndexFindsNothing() {
        let index = IdentifierIndex([String]())
        #expect(index.index(of: "") == nil)
        #expect(index.index(of: "card.reissue") == nil)
    }

    @Test func masksHoldMembersBeyondOneWord() {
        var m = IndexMask()
        #expect(m.isEmpty)
        for i in [0, 63, 64, 127, 128, 1_000] { m.insert(i) }
        #expect(m.members == [0, 63, 64, 127, 128, 1_000])
        for i in [1, 62, 65, 126, 129, 999, 1_001, 5_000] { #expect(!m.contains(i), "\(i)") }
        var other = IndexMask()
        other.insert(999)
        #expect(!m.intersects(other))
        other.insert(1_000)
        #expect(m.intersects(other))
        #expect(other.intersects(m))
        var low = IndexMask()
        low.insert(5)
        #expect(!low.intersects(m))
        low.insert(63)
        #expect(low.intersects(m))
        var seen: [Int] = []
        m.forEach { seen.append($0) }
        #expect(seen == m.members)
    }

    /// A bank with more branches than one word of bits, and a waiver for the 101st: the condition
    /// holds there and nowhere else, through the one calculator.
    @Test func aBranchConditionBeyondTheSixtyFourthBranchHoldsForThatBranchOnly() throws {
        let demo = PublishingTests.demo.banks[0]
        let table = demo.versions[0]
        let base = FeeCalculator(catalogue: PublishingTests.demo)
        let item = try #require(table.items.first { item in
            !item.fee.needsAmount && ((try? base.quote(QuoteRequest(item: item.code, date: table.effectiveFrom)).get())?.net ?? .zero) > .zero
        })
        let far = try Waiver(id: "far-branch", name: LocalizedText([(tag: "en", text: "Far branch")]), basis: nil,
                             appliesTo: [#require(ItemPattern(item.code))], conditions: WaiverConditions(branches: ["b-100"]),
                         effect: .fixedFee(Money(minorUnits: 0)))
        let changed = try FeeTable(version: table.version, announcedOn: table.announcedOn, effectiveFrom: table.effectiveFrom,
                               currency: table.currency, rounding: table.rounding, categories: table.categories,
                               tiers: table.tiers, segments: table.segments, channels: table.channels, reasons: table.reasons,
                               items: table.items, waivers: table.waivers + [far], glossary: table.glossary,
                               fingerprint: table.fingerprint, fileName: table.fileName)
        let profile = try demo.profile.with(branches: (0..<130).map { try Branch(id: "b-\($0)", name: LocalizedText([(tag: "en", text: "B\($0)")]), address: LocalizedText([(tag: "en", text: "-")])) } + demo.profile.branches)
        let calculator = FeeCalculator(catalogue: try Catalogue(banks: [try Bank(profile: profile, versions: [changed])]))
        func quote(_ branch: String?) throws -> Quote {
            try calculator.quote(QuoteRequest(item: item.code, date: table.effectiveFrom, branch: branch)).get()
        }
        let plain = try quote(nil)
        #expect(plain.net > .zero)
        let there = try quote("b-100")
        #expect(there.applied?.id == "far-branch")
        #expect(there.net == .zero)
        #expect(there.eligible.map(\.id).contains("far-branch"))
        for other in ["b-99", "b-101", "b-36", "b-129"] {
            let q = try quote(other)
            #expect(!q.eligible.map(\.id).contains("far-branch"), "\(other)")
            #expect(q.net == plain.net, "\(other)")
        }
    }

    /// Messages for unknown ids are remembered per id and per kind: the same word as a tier and as
    /// a channel gets each its own message, and asking again gives the same one.
    @Test func rememberedMessagesAreKeyedByKindAndWord() throws {
        let calculator = FeeCalculator(catalogue: PublishingTests.demo)
        let table = PublishingTests.demo.banks[0].versions[0]
        let item = try #require(table.items.first { !$0.fee.needsAmount }).code
        func message(_ r: QuoteRequest) -> (QuoteErrorCode?, String?) {
            guard case .failure(let e) = calculator.quote(r) else { return (nil, nil) }
            return (e.code, e.in(.english).message)
        }
        let asTier = QuoteRequest(item: item, date: table.effectiveFrom, customer: Customer(tier: "goldd"))
        let asChannel = QuoteRequest(item: item, date: table.effectiveFrom, channel: "goldd")
        let other = QuoteRequest(item: item, date: table.effectiveFrom, customer: Customer(tier: "platinumm"))
        let first = message(asTier)
        #expect(first.0 == .unknownTier)
        // In the bank's first language unless the request asks for another.
        guard case .failure(let zh) = calculator.quote(asTier) else { Issue.record("goldd quoted"); return }
        #expect(zh.message.contains("客户等级 'goldd'") && zh.message.contains("是否要找 'gold'"), "\(zh.message)")
        var english = asTier
        english.lang = "en"
        guard case .failure(let en) = calculator.quote(english) else { Issue.record("goldd quoted"); return }
        #expect(en.message == first.1)
        #expect(first.1?.contains("tier 'goldd'") == true)
        #expect(first.1?.contains("did you mean 'gold'?") == true)
        #expect(message(asTier).1 == first.1)
        let channel = message(asChannel)
        #expect(channel.0 == .unknownChannel)
        #expect(channel.1?.contains("channel 'goldd'") == true)
        let third = message(other)
        #expect(third.1?.contains("tier 'platinumm'") == true)
        #expect(third.1?.contains("did you mean 'platinum'?") == true)
    }
}
