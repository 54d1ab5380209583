import FleetCore
import Foundation
import Testing

@Suite("E-mail messages")
struct MailMessageTests {
    @Test("A Persian notice becomes a MIME message: encoded-word subject, base64 UTF-8 body, CRLF lines")
    func rendered() {
        let m = MailMessage(fromAddress: "noreply@service.example.ir", fromName: "پارس سرویس", to: "it@bank.example",
                            subject: "درخواست #۱۲: اعزام شده", body: "درخواست #۱۲: اعزام شده\nhttps://service.example.ir/tickets/1",
                            date: Date(timeIntervalSince1970: 1_764_057_600), messageID: "abc")
        let text = m.rendered
        #expect(text.hasPrefix("From: =?UTF-8?B?2b7Yp9ix2LMg2LPYsdmI24zYsw==?= <noreply@service.example.ir>\r\nTo: <it@bank.example>\r\n"))
        #expect(text.contains("\r\nSubject: =?UTF-8?B?\(Data("درخواست #۱۲: اعزام شده".utf8).base64EncodedString())?=\r\n"))
        #expect(text.contains("\r\nDate: Tue, 25 Nov 2025 08:00:00 +0000\r\n"))
        #expect(text.contains("\r\nMessage-ID: <abc@service.example.ir>\r\n"))
        let body = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(data: Data(base64Encoded: body)!, encoding: .utf8) == "درخواست #۱۲: اعزام شده\nhttps://service.example.ir/tickets/1")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 998 })
    }

    @Test("ASCII stays readable; a header cannot be split by a newline; a leading dot is doubled")
    func safety() {
        #expect(MailMessage.encodedWord("Ticket #12") == "Ticket #12")
        #expect(MailMessage.encodedWord("a\r\nBcc: x@y") == "a  Bcc: x@y")
        #expect(MailMessage.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n")
    }
}
