import Foundation

/// The HTTP request an SMS provider expects, described by templates so any Iranian gateway fits without code:
/// `{to}`, `{text}`, `{from}` and `{apiKey}` are filled in, each encoded for where it stands (percent-encoded in
/// the URL, JSON-escaped in a JSON body, form-encoded in a form body).
public struct SMSGateway: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable { case get = "GET", post = "POST" }
    public enum BodyKind: String, Sendable, CaseIterable { case json, form }

    public var urlTemplate: String
    public var method: Method
    /// The body of a POST; nil sends none.
    public var bodyTemplate: String?
    public var bodyKind: BodyKind
    public var apiKey: String
    public var sender: String

    public init(urlTemplate: String, method: Method = .get, bodyTemplate: String? = nil, bodyKind: BodyKind = .json,
                apiKey: String = "", sender: String = "") {
        self.urlTemplate = urlTemplate
        self.method = method
        self.bodyTemplate = bodyTemplate
        self.bodyKind = bodyKind
        self.apiKey = apiKey
        self.sender = sender
    }

    public struct Request: Sendable, Equatable {
        public let method: Method
        public let url: String
        public let body: String?
        public let contentType: String?
    }

    public static let placeholders = ["{to}", "{text}", "{from}", "{apiKey}"]

    /// The request that sends `text` to `to`.
    public func request(to: String, text: String) -> Request {
        let values = ["{to}": to, "{text}": text, "{from}": sender, "{apiKey}": apiKey]
        let url = Self.fill(urlTemplate, values, Self.percentEncoded)
        guard method == .post, let bodyTemplate else { return Request(method: method, url: url, body: nil, contentType: nil) }
        switch bodyKind {
        case .json:
            return Request(method: method, url: url, body: Self.fill(bodyTemplate, values, JSONText.escaped), contentType: "application/json")
        case .form:
            return Request(method: method, url: url, body: Self.fill(bodyTemplate, values, Self.percentEncoded),
                           contentType: "application/x-www-form-urlencoded")
        }
    }

    /// Checks a configured template: an http(s) URL that says where the number and the text go.
    public static func validate(urlTemplate: String, bodyTemplate: String?) -> String? {
        let sample = fill(urlTemplate, ["{to}": "0", "{text}": "t", "{from}": "f", "{apiKey}": "k"], percentEncoded)
        guard let url = URL(string: sample), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            return "must be an http(s) URL with {to}, {text} and optionally {from} and {apiKey} placeholders"
        }
        let everything = urlTemplate + (bodyTemplate ?? "")
        guard everything.contains("{to}"), everything.contains("{text}") else {
            return "must place {to} and {text} in the URL or the body"
        }
        return nil
    }

    static func fill(_ template: String, _ values: [String: String], _ encode: (String) -> String) -> String {
        var out = template
        for (key, value) in values { out = out.replacingOccurrences(of: key, with: encode(value)) }
        return out
    }

    static func percentEncoded(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// When a message that could not be sent is tried again: sooner at first, then less often, then never.
public enum DeliveryRetry {
    /// Seconds to wait after the n-th failed attempt (1-based); nil once the attempts are used up.
    public static func delay(afterAttempt n: Int) -> TimeInterval? {
        let schedule: [TimeInterval] = [60, 300, 1_800, 7_200, 21_600]
        return n >= 1 && n <= schedule.count ? schedule[n - 1] : nil
    }

    public static var maxAttempts: Int { 6 }
}
