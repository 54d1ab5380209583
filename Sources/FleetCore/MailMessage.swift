import Foundation

/// An e-mail as SMTP carries it (RFC 5322 with MIME): UTF-8 text in base64, the subject as an encoded word, so
/// Persian arrives intact through any server.
public struct MailMessage: Sendable, Equatable {
    public var fromAddress: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String

    public init(fromAddress: String, fromName: String, to: String, subject: String, body: String, date: Date = Date(),
                messageID: String = UUID().uuidString.lowercased()) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// The message with CRLF line ends, ready for DATA (before dot-stuffing).
    public var rendered: String {
        let domain = fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let headers = [
            "From: \(Self.encodedWord(fromName)) <\(fromAddress)>",
            "To: <\(to)>",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        let encoded = Data(body.utf8).base64EncodedString()
        let lines = stride(from: 0, to: encoded.count, by: 76).map { start -> String in
            let s = encoded.index(encoded.startIndex, offsetBy: start)
            return String(encoded[s..<(encoded.index(s, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
        }
        return (headers + [""] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// ASCII text as it is; anything else as `=?UTF-8?B?…?=`.
    public static func encodedWord(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.allSatisfy({ $0.isASCII && !$0.isNewline }) { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }

    /// Lines that begin with a dot get another (RFC 5321 4.5.2), so the message cannot end early.
    public static func dotStuffed(_ rendered: String) -> String {
        rendered.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}
