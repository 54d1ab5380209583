import Plot

/// Escaping for HTML, byte by byte over UTF-8: text with nothing to escape (nearly all of it) is returned as it is.
/// Plot's own escaping walks Characters, comparing each with several strings (slow for Persian text, a third of the
/// dispatcher board's time), and leaves what already looks like an entity alone, so "&lt;" typed by someone
/// showed as "<"; this escapes every "&".
enum HTMLEscape {
    static func escape(_ s: String, quotes: Bool) -> String {
        let utf8 = s.utf8
        let needs = utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { special($0, quotes) } }
            ?? utf8.contains { special($0, quotes) }
        guard needs else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for b in utf8 {
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where quotes: out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'") where quotes: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func special(_ b: UInt8, _ quotes: Bool) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || (quotes && (b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")))
    }
}

extension Node {
    /// Element text, escaped here rather than by Plot (see `HTMLEscape`). Declared in this module, it is the
    /// `.text(_:)` every page of FleetCare uses.
    static func text(_ text: String) -> Node {
        .raw(HTMLEscape.escape(text, quotes: false))
    }
}

extension Node {
    /// An element that holds only text, with an optional class, written straight to text as Plot writes it. Plot
    /// builds and renders every element through generic nodes and closures, some microseconds each, and the busiest
    /// pages are mostly such elements: the dispatcher board's cards, the device list's cells.
    static func leaf(_ name: StaticString, class className: String? = nil, dir: StaticString? = nil, _ text: String) -> Node {
        var html = "<\(name)"
        if let className { html += " class=\"" + HTMLEscape.escape(className, quotes: true) + "\"" }
        if let dir { html += " dir=\"\(dir)\"" }
        html += ">" + HTMLEscape.escape(text, quotes: false) + "</\(name)>"
        return .raw(html)
    }
}

extension Node {
    /// Data shown inside a sentence or a cell: a model, a serial number, a part's name, what someone typed. `<bdi>`
    /// isolates its direction, so a Latin model name keeps its own order inside Persian text, and marks it as data
    /// for the page checker (a Persian page's own words are Persian; the names it shows are what they are).
    static func bdi(_ text: String) -> Node { .raw("<bdi>" + HTMLEscape.escape(text, quotes: false) + "</bdi>") }
}
