/// RFC 4180 CSV: fields separated by commas, records by CRLF or LF, quoted fields may hold
/// commas, quotes (doubled) and line breaks. Written for untrusted uploads: it never traps,
/// and reports an unterminated quote with the line it started on.
public enum CSVText {
    /// A whole CSV file as Excel wants it: a UTF-8 byte-order mark (so Persian text opens as Persian) and CRLF lines.
    public static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Quotes a cell when it holds a separator, a quote or a line break; a leading =, +, - or @
    /// is prefixed with ' so that spreadsheets do not run it as a formula.
    public static func cell(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Splits `text` into records of fields. A blank last line is not a record.
    public static func records(_ text: String) throws(ParseError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var quoteStartLine = 0
        var line = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?

        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }

        while let c = next() {
            if c == "\0" {
                throw ParseError(line: line, message: "a NUL character: this is not a text file, or it was saved as UTF-16")
            }
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                fallthrough
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
                afterQuote = false
                line += 1
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteStartLine = line
            default:
                if afterQuote {
                    throw ParseError(line: line, message: "text after a closing quote; a quote inside a quoted field is written twice (\"\")")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw ParseError(line: quoteStartLine, message: "a quoted field is never closed")
        }
        if !field.isEmpty || !record.isEmpty || afterQuote {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
