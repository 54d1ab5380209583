import FleetCore
import Testing

@Suite("SMS gateway requests and retries")
struct SMSGatewayTests {
    @Test("A GET gateway gets the number and the Persian text percent-encoded in its URL")
    func get() {
        let g = SMSGateway(urlTemplate: "https://sms.example.ir/v1/{apiKey}/send?receptor={to}&message={text}&sender={from}",
                           apiKey: "K-1/2", sender: "10004346")
        let r = g.request(to: "09123456789", text: "درخواست #۱۲ اعزام شد & ok")
        #expect(r.method == .get)
        #expect(r.url == "https://sms.example.ir/v1/K-1%2F2/send?receptor=09123456789&message=%D8%AF%D8%B1%D8%AE%D9%88%D8%A7%D8%B3%D8%AA%20%23%DB%B1%DB%B2%20%D8%A7%D8%B9%D8%B2%D8%A7%D9%85%20%D8%B4%D8%AF%20%26%20ok&sender=10004346")
        #expect(r.body == nil)
    }

    @Test("A POST gateway gets a JSON body with the text escaped, or a form body encoded")
    func post() {
        var g = SMSGateway(urlTemplate: "https://gw.example.ir/send", method: .post,
                           bodyTemplate: #"{"to":"{to}","text":"{text}","key":"{apiKey}"}"#, bodyKind: .json, apiKey: "abc")
        let json = g.request(to: "09120000000", text: "line \"one\"\nline two")
        #expect(json.body == #"{"to":"09120000000","text":"line \"one\"\nline two","key":"abc"}"#)
        #expect(json.contentType == "application/json")
        g.bodyKind = .form
        g.bodyTemplate = "to={to}&text={text}"
        let form = g.request(to: "09120000000", text: "a b&c")
        #expect(form.body == "to=09120000000&text=a%20b%26c")
        #expect(form.contentType == "application/x-www-form-urlencoded")
    }

    @Test("A template must be an http(s) URL placing the number and the text somewhere")
    func validation() {
        #expect(SMSGateway.validate(urlTemplate: "https://gw.example.ir/send?to={to}&m={text}", bodyTemplate: nil) == nil)
        #expect(SMSGateway.validate(urlTemplate: "https://gw.example.ir/send", bodyTemplate: #"{"to":"{to}","m":"{text}"}"#) == nil)
        #expect(SMSGateway.validate(urlTemplate: "ftp://gw.example.ir/{to}/{text}", bodyTemplate: nil) != nil)
        #expect(SMSGateway.validate(urlTemplate: "https://gw.example.ir/send?to={to}", bodyTemplate: nil)
                == "must place {to} and {text} in the URL or the body")
    }

    @Test("Retries wait 1, 5, 30 minutes, 2 and 6 hours; the sixth failure is final")
    func retries() {
        #expect((1...5).map { DeliveryRetry.delay(afterAttempt: $0) } == [60, 300, 1_800, 7_200, 21_600])
        #expect(DeliveryRetry.delay(afterAttempt: 6) == nil)
        #expect(DeliveryRetry.maxAttempts == 6)
    }
}
