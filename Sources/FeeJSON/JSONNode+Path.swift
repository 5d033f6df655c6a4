extension JSONNode {
    /// The node at a path such as `items[2].fee` (first occurrence of each key), if present.
    public func node(at path: String) -> JSONNode? {
        var current = self
        var i = path.startIndex
        while i < path.endIndex {
            if path[i] == "." { i = path.index(after: i); continue }
            if path[i] == "[" {
                guard let close = path[i...].firstIndex(of: "]"), let n = Int(path[path.index(after: i)..<close]),
                      case .array(let elements) = current.value, n >= 0, n < elements.count else { return nil }
                current = elements[n]
                i = path.index(after: close)
                continue
            }
            let end = path[i...].firstIndex { $0 == "." || $0 == "[" } ?? path.endIndex
            let key = String(path[i..<end])
            guard case .object(let members) = current.value, let m = members.first(where: { $0.key == key }) else { return nil }
            current = m.value
            i = end
        }
        return current
    }
}
