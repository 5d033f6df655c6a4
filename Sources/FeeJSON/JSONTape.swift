import FeeValues

/// One value of a parsed JSON text on its tape: what it is and where it stands, nothing built.
/// A container is followed by everything inside it, in document order; `next` is the entry just
/// past its subtree, so members are walked without a pointer per value.
package struct JSONTapeEntry {
    package var kind: JSONKind
    /// A string value with escapes: its text must be decoded (otherwise the bytes are the text).
    var escaped = false
    /// The member's key holds escapes.
    var keyEscaped = false
    /// Byte offset of the value's first byte.
    package var offset: Int
    /// Byte offset just past the value.
    var end = 0
    /// Byte offset of the member's key's opening quote, or -1 for an array element or the root.
    package var keyOffset: Int
    /// Byte offset just past the key's closing quote.
    var keyEnd: Int
    /// The entry just past this value's subtree.
    package var next = 0
    /// Members of an object, elements of an array.
    package var count = 0

    init(kind: JSONKind, offset: Int, key: (offset: Int, end: Int, escaped: Bool)) {
        self.kind = kind
        self.offset = offset
        keyOffset = key.offset
        keyEnd = key.end
        keyEscaped = key.escaped
    }
}

/// A parsed JSON text as a flat tape over its bytes (`JSONParser.tape`): the same grammar,
/// duplicate keys and literals as `JSONNode`, without a heap object, `String` or array per value.
/// Keys are compared as bytes; texts are made only for the values a reader asks for.
package struct JSONTape {
    let bytes: [UInt8]
    package let entries: [JSONTapeEntry]

    package subscript(i: Int) -> JSONTapeEntry { entries[i] }

    /// The entries of the members or elements of the container at `i`, in order.
    package func children(_ i: Int) -> [Int] {
        let e = entries[i]
        var out: [Int] = []
        out.reserveCapacity(e.count)
        var j = i + 1
        while j < e.next {
            out.append(j)
            j = entries[j].next
        }
        return out
    }

    /// Calls `body` with each member or element of the container at `i`, in order.
    @inline(__always)
    package func forEachChild(_ i: Int, _ body: (Int) -> Void) {
        let end = entries[i].next
        var j = i + 1
        while j < end {
            body(j)
            j = entries[j].next
        }
    }

    /// The text of the string value at `i`.
    package func string(_ i: Int) -> String {
        let e = entries[i]
        return text(quoteAt: e.offset, end: e.end, escaped: e.escaped)
    }

    /// The key of the member at `i`, decoded.
    package func key(_ i: Int) -> String {
        let e = entries[i]
        return text(quoteAt: e.keyOffset, end: e.keyEnd, escaped: e.keyEscaped)
    }

    /// A number's literal as written.
    package func literal(_ i: Int) -> String {
        let e = entries[i]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[e.offset..<e.end]), as: UTF8.self) }
    }

    /// Whether the member at `i` has the key `name` (compared as bytes, escapes decoded).
    @inline(__always)
    package func keyEquals(_ i: Int, _ name: StaticString) -> Bool {
        let e = entries[i]
        if e.keyEscaped { return key(i).utf8.elementsEqual(name.bytes) }
        let n = e.keyEnd - e.keyOffset - 2
        guard n == name.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { b in
            memcmpBytes(b.baseAddress! + e.keyOffset + 1, name.utf8Start, n)
        }
    }

    /// Whether the keys of the members at `i` and `j` are the same text.
    func sameKey(_ i: Int, _ j: Int) -> Bool {
        let a = entries[i], b = entries[j]
        if a.keyEscaped || b.keyEscaped { return key(i) == key(j) }
        let n = a.keyEnd - a.keyOffset
        guard n == b.keyEnd - b.keyOffset else { return false }
        return bytes.withUnsafeBufferPointer { p in memcmpBytes(p.baseAddress! + a.keyOffset, p.baseAddress! + b.keyOffset, n) }
    }

    private func text(quoteAt open: Int, end: Int, escaped: Bool) -> String {
        bytes.withUnsafeBufferPointer { b in
            if escaped { return JSONParser(bytes: b, maxDepth: 0).decodeString(at: open) }
            return String(decoding: UnsafeBufferPointer(rebasing: b[(open + 1)..<(end - 1)]), as: UTF8.self)
        }
    }

    /// The entry at a path such as `items[2].fee` (first occurrence of each key), if present.
    package func entry(at path: String) -> Int? {
        var current = 0
        var i = path.startIndex
        while i < path.endIndex {
            if path[i] == "." { i = path.index(after: i); continue }
            if path[i] == "[" {
                guard let close = path[i...].firstIndex(of: "]"), let n = Int(path[path.index(after: i)..<close]),
                      entries[current].kind == .array, n >= 0, n < entries[current].count else { return nil }
                current = children(current)[n]
                i = path.index(after: close)
                continue
            }
            let end = path[i...].firstIndex { $0 == "." || $0 == "[" } ?? path.endIndex
            let name = String(path[i..<end])
            guard entries[current].kind == .object, let m = children(current).first(where: { key($0) == name }) else { return nil }
            current = m
            i = end
        }
        return current
    }

    /// The value at entry `i` as a generic tree (for callers that walk any JSON).
    static func node(_ tape: [JSONTapeEntry], _ i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONNode {
        let e = tape[i]
        func text(_ open: Int, _ end: Int, _ escaped: Bool) -> String {
            if escaped { return JSONParser(bytes: bytes, maxDepth: 0).decodeString(at: open) }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<(end - 1)]), as: UTF8.self)
        }
        let value: JSONValue
        switch e.kind {
        case .object:
            var members: [JSONMember] = []
            members.reserveCapacity(e.count)
            var j = i + 1
            while j < e.next {
                let m = tape[j]
                members.append(JSONMember(key: text(m.keyOffset, m.keyEnd, m.keyEscaped), keyOffset: m.keyOffset, value: node(tape, j, in: bytes)))
                j = m.next
            }
            value = .object(members)
        case .array:
            var elements: [JSONNode] = []
            elements.reserveCapacity(e.count)
            var j = i + 1
            while j < e.next {
                elements.append(node(tape, j, in: bytes))
                j = tape[j].next
            }
            value = .array(elements)
        case .string: value = .string(text(e.offset, e.end, e.escaped))
        case .number: value = .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[e.offset..<e.end]), as: UTF8.self))
        case .bool: value = .bool(bytes[e.offset] == UInt8(ascii: "t"))
        case .null: value = .null
        }
        return JSONNode(value: value, offset: e.offset, end: e.end)
    }
}

