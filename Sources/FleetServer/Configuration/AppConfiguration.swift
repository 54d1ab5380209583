import FleetCore
import Foundation

/// Everything FleetCare reads from its environment, read once at start-up.
public struct AppConfiguration: Sendable {
    /// Where the data lives.
    public enum Storage: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    public var storage: Storage
    public var hostname: String
    public var port: Int
    public var adminEmail: String?
    public var adminPassword: String?
    public var autoMigrate: Bool
    public var timeZone: TimeZone
    public var maxBodyBytes: Int
    public var secureCookies: Bool
    /// bcrypt's work factor; tests lower it to keep the suite quick.
    public var bcryptCost: Int
    public var companyName: String
    public var servicePhone: String
    /// A toner at or under this level raises a low-toner alert.
    public var lowTonerPercent: Int = LowToner.defaultThresholdPercent
    /// How often the server reads the printers it can reach; nil: never (agents at the sites push instead).
    public var collectEvery: Duration? = nil
    /// The meter collector's SNMP manners: printers read at once, seconds per try, tries after the first.
    public var snmpConcurrency: Int = 64
    public var snmpTimeoutSeconds: Int = 2
    public var snmpRetries: Int = 1
    /// What a sheet of A4 costs the client, for the consumption report's paper figure.
    public var paperSheetRials: Int = AppConfiguration.defaultPaperSheetRials
    public static let defaultPaperSheetRials = 4_000
    /// Value added tax on invoices, in percent.
    public var vatPercent: Double = 10
    /// The labour charge of a repair visit the contract does not cover.
    public var visitFeeRials: Int = 15_000_000
    /// The seller on the official invoice form: the service company.
    public var seller = Party(name: "FleetCare", nationalId: nil, economicCode: nil, address: nil, phone: nil, postalCode: nil)
    /// The address people reach the server at, for the links printed on device labels; nil: this server's own
    /// host and port (fine on a LAN, wrong behind a proxy).
    public var publicURL: String? = nil
    /// Fault reports from device labels: how many one address may send, and one device may take, in an hour.
    public var faultReportsPerAddressPerHour = 5
    public var faultReportsPerDevicePerHour = 20
    /// Behind a reverse proxy the client's address is the last entry of X-Forwarded-For, which the proxy appends.
    public var trustForwardedFor = false
    /// The HTTP SMS gateway notifications are texted through; nil: no SMS (messages wait, then fail visibly).
    public var smsGateway: SMSGateway? = nil
    /// The mail server e-mail notifications leave through; nil: no e-mail (messages wait, then fail visibly).
    public var smtp: SMTPSettings? = nil
    /// How often `serve` sends the messages that are due; nil: never (tests send them by hand).
    public var deliverEvery: Duration? = .seconds(30)
    /// On SIGTERM, how long requests in flight may take to finish before the server stops anyway.
    public var shutdownGraceSeconds = 30
    /// SQLite's page cache per connection, in MiB (one connection per core). SQLite's own default is 2 MiB,
    /// which at 50,000 devices sends most page reads of a device page or a batch of readings to the kernel.
    /// One value per process: it is set through SQLite's global connection hook.
    public var sqliteCacheMiB = 32
    /// When a commit to the SQLite file waits for the disk (SQLite's `synchronous`).
    public enum SQLiteSync: String, Sendable, CaseIterable {
        /// A commit returns once it is in the write-ahead log. A killed server loses nothing it confirmed; the log is
        /// forced to the disk at each checkpoint, which `serve` runs every 200 ms, so a power cut or a kernel crash
        /// can lose the commits of that last fraction of a second, never the database's consistency. SQLite
        /// recommends it for WAL.
        case normal
        /// Every commit waits for the disk. On the benchmark machine a batch of 1,000 readings then took 15-18 ms to
        /// commit instead of 9, with the single writer held all that time.
        case full

        /// SQLite's number for it.
        var level: Int32 { self == .normal ? 1 : 2 }
    }
    public var sqliteSync = SQLiteSync.normal

    /// The base of links printed on labels, with no trailing slash.
    public var publicBaseURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return "http://\(hostname):\(port)"
    }

    public init(storage: Storage = .sqliteFile(path: "fleetcare.sqlite"), hostname: String = "127.0.0.1",
                port: Int = 8080, adminEmail: String? = nil, adminPassword: String? = nil,
                autoMigrate: Bool = true, timeZone: TimeZone = .tehran, maxBodyBytes: Int = 8 << 20,
                secureCookies: Bool = false, bcryptCost: Int = 12,
                companyName: String = "FleetCare", servicePhone: String = "") {
        self.storage = storage
        self.hostname = hostname
        self.port = port
        self.adminEmail = adminEmail
        self.adminPassword = adminPassword
        self.autoMigrate = autoMigrate
        self.timeZone = timeZone
        self.maxBodyBytes = maxBodyBytes
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.companyName = companyName
        self.servicePhone = servicePhone
    }

    /// A clean in-memory database and a cheap password hash: what each test starts from.
    public static func testing(storage: Storage = .sqliteMemory) -> AppConfiguration {
        var config = AppConfiguration(storage: storage, bcryptCost: 4)
        config.deliverEvery = nil
        config.seller = Party(name: "FleetCare Test", nationalId: "10380284790", economicCode: "10380284790", address: "تهران",
                              phone: nil, postalCode: nil)
        return config
    }

    /// Reads the `FLEETCARE_*` variables and `DATABASE_URL`; an invalid value names its variable.
    public static func fromEnvironment(_ env: [String: String]) throws(ConfigurationError) -> AppConfiguration {
        var config = AppConfiguration()
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func bool(_ name: String, default fallback: Bool) throws(ConfigurationError) -> Bool {
            guard let v = value(name) else { return fallback }
            guard let flag = DeviceFieldRules.flag(v) else {
                throw ConfigurationError(variable: name, message: "must be true or false, not \"\(v)\"")
            }
            return flag
        }
        func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let v = value(name) else { return fallback }
            guard let n = Int(v), range.contains(n) else {
                throw ConfigurationError(variable: name, message: "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(v)\"")
            }
            return n
        }

        if let url = value("DATABASE_URL") {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil else {
                throw ConfigurationError(variable: "DATABASE_URL", message: "must be a postgres://user:password@host:port/database URL")
            }
            config.storage = .postgres(url: url)
        } else if let path = value("FLEETCARE_DATABASE_PATH") {
            config.storage = path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
        }
        config.hostname = value("FLEETCARE_HOST") ?? config.hostname
        config.port = try int("FLEETCARE_PORT", default: config.port, range: 1...65_535)
        config.adminEmail = value("FLEETCARE_ADMIN_EMAIL")
        config.adminPassword = env["FLEETCARE_ADMIN_PASSWORD"]
        if let email = config.adminEmail, !NetworkAddress.isValidEmail(email) {
            throw ConfigurationError(variable: "FLEETCARE_ADMIN_EMAIL", message: "\"\(email)\" is not an e-mail address")
        }
        if config.adminEmail != nil {
            guard let password = config.adminPassword else {
                throw ConfigurationError(variable: "FLEETCARE_ADMIN_PASSWORD", message: "must be set when FLEETCARE_ADMIN_EMAIL is")
            }
            if let refusal = PasswordRule.refusal(password) {
                throw ConfigurationError(variable: "FLEETCARE_ADMIN_PASSWORD", message: "is refused: \(refusal.text(.en))")
            }
        }
        config.autoMigrate = try bool("FLEETCARE_AUTO_MIGRATE", default: true)
        if let zone = value("FLEETCARE_TIME_ZONE") {
            guard let tz = TimeZone(identifier: zone) else {
                throw ConfigurationError(variable: "FLEETCARE_TIME_ZONE", message: "\"\(zone)\" is not a time zone (e.g. Asia/Tehran)")
            }
            config.timeZone = tz
        }
        config.maxBodyBytes = try int("FLEETCARE_MAX_BODY_MB", default: 8, range: 1...512) << 20
        config.secureCookies = try bool("FLEETCARE_SECURE_COOKIES", default: false)
        config.bcryptCost = try int("FLEETCARE_BCRYPT_COST", default: 12, range: 4...31)
        config.companyName = value("FLEETCARE_COMPANY_NAME") ?? config.companyName
        config.servicePhone = value("FLEETCARE_SERVICE_PHONE") ?? config.servicePhone
        config.sqliteCacheMiB = try int("FLEETCARE_SQLITE_CACHE_MB", default: config.sqliteCacheMiB, range: 2...4_096)
        if let sync = value("FLEETCARE_SQLITE_SYNC") {
            guard let level = SQLiteSync(rawValue: sync.lowercased()) else {
                throw ConfigurationError(variable: "FLEETCARE_SQLITE_SYNC", message: "must be normal or full, not \"\(sync)\"")
            }
            config.sqliteSync = level
        }
        config.lowTonerPercent = try int("FLEETCARE_LOW_TONER_PERCENT", default: config.lowTonerPercent, range: 1...50)
        let hours = try int("FLEETCARE_COLLECT_EVERY_HOURS", default: 0, range: 0...168)
        config.collectEvery = hours == 0 ? nil : .seconds(hours * 3_600)
        config.snmpConcurrency = try int("FLEETCARE_SNMP_CONCURRENCY", default: config.snmpConcurrency, range: 1...1_024)
        config.snmpTimeoutSeconds = try int("FLEETCARE_SNMP_TIMEOUT_SECONDS", default: config.snmpTimeoutSeconds, range: 1...30)
        config.snmpRetries = try int("FLEETCARE_SNMP_RETRIES", default: config.snmpRetries, range: 0...5)
        config.paperSheetRials = try int("FLEETCARE_PAPER_SHEET_RIALS", default: config.paperSheetRials, range: 0...10_000_000)
        config.visitFeeRials = try int("FLEETCARE_VISIT_FEE_RIALS", default: config.visitFeeRials, range: 0...10_000_000_000)
        if let vat = value("FLEETCARE_VAT_PERCENT") {
            guard let rate = Double(vat), (0...100).contains(rate) else {
                throw ConfigurationError(variable: "FLEETCARE_VAT_PERCENT", message: "must be a percentage from 0 to 100, not \"\(vat)\"")
            }
            config.vatPercent = rate
        }
        /// The seller's identifiers are checked as a buyer's are: a typo would be printed on every invoice.
        func identifier(_ name: String, _ rule: (String?, String) throws(FieldError) -> String?) throws(ConfigurationError) -> String? {
            do { return try rule(value(name), name) } catch { throw ConfigurationError(variable: name, message: error.message) }
        }
        config.seller = Party(name: value("FLEETCARE_SELLER_NAME") ?? config.companyName,
                              nationalId: try identifier("FLEETCARE_SELLER_NATIONAL_ID", TaxIdentity.nationalId),
                              economicCode: try identifier("FLEETCARE_SELLER_ECONOMIC_CODE", TaxIdentity.economicCode),
                              address: value("FLEETCARE_SELLER_ADDRESS"), phone: value("FLEETCARE_SELLER_PHONE") ?? config.servicePhone,
                              postalCode: try identifier("FLEETCARE_SELLER_POSTAL_CODE", TaxIdentity.postalCode))
        if let url = value("FLEETCARE_PUBLIC_URL") {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.query == nil, parsed.fragment == nil else {
                throw ConfigurationError(variable: "FLEETCARE_PUBLIC_URL", message: "must be an http(s) address such as https://service.example.ir, not \"\(url)\"")
            }
            config.publicURL = url
        }
        config.faultReportsPerAddressPerHour = try int("FLEETCARE_FAULT_REPORTS_PER_ADDRESS", default: config.faultReportsPerAddressPerHour, range: 1...1_000)
        config.faultReportsPerDevicePerHour = try int("FLEETCARE_FAULT_REPORTS_PER_DEVICE", default: config.faultReportsPerDevicePerHour, range: 1...1_000)
        config.trustForwardedFor = try bool("FLEETCARE_TRUST_FORWARDED_FOR", default: false)
        if let url = value("FLEETCARE_SMS_URL") {
            let body = value("FLEETCARE_SMS_BODY")
            if let problem = SMSGateway.validate(urlTemplate: url, bodyTemplate: body) {
                throw ConfigurationError(variable: "FLEETCARE_SMS_URL", message: problem)
            }
            guard let method = SMSGateway.Method(rawValue: (value("FLEETCARE_SMS_METHOD") ?? "GET").uppercased()) else {
                throw ConfigurationError(variable: "FLEETCARE_SMS_METHOD", message: "must be GET or POST")
            }
            guard let kind = SMSGateway.BodyKind(rawValue: (value("FLEETCARE_SMS_BODY_KIND") ?? "json").lowercased()) else {
                throw ConfigurationError(variable: "FLEETCARE_SMS_BODY_KIND", message: "must be json or form")
            }
            config.smsGateway = SMSGateway(urlTemplate: url, method: method, bodyTemplate: body, bodyKind: kind,
                                           apiKey: env["FLEETCARE_SMS_API_KEY"] ?? "", sender: value("FLEETCARE_SMS_SENDER") ?? "")
        }
        if let host = value("FLEETCARE_SMTP_HOST") {
            let tls = try bool("FLEETCARE_SMTP_TLS", default: false)
            guard let from = value("FLEETCARE_SMTP_FROM"), NetworkAddress.isValidEmail(from) else {
                throw ConfigurationError(variable: "FLEETCARE_SMTP_FROM", message: "must be the sender's e-mail address when FLEETCARE_SMTP_HOST is set")
            }
            let user = value("FLEETCARE_SMTP_USERNAME")
            if user != nil, env["FLEETCARE_SMTP_PASSWORD"]?.isEmpty ?? true {
                throw ConfigurationError(variable: "FLEETCARE_SMTP_PASSWORD", message: "must be set when FLEETCARE_SMTP_USERNAME is")
            }
            config.smtp = SMTPSettings(host: host, port: try int("FLEETCARE_SMTP_PORT", default: tls ? 465 : 25, range: 1...65_535),
                                       from: from, fromName: value("FLEETCARE_SMTP_FROM_NAME") ?? config.companyName,
                                       username: user, password: user == nil ? nil : env["FLEETCARE_SMTP_PASSWORD"], tls: tls)
        }
        let every = try int("FLEETCARE_DELIVERY_EVERY_SECONDS", default: 30, range: 0...3_600)
        config.deliverEvery = every == 0 ? nil : .seconds(every)
        config.shutdownGraceSeconds = try int("FLEETCARE_SHUTDOWN_GRACE_SECONDS", default: 30, range: 1...3_600)
        return config
    }
}

/// A seller or buyer as Iran's official sales invoice names them.
public struct Party: Sendable, Equatable, Codable {
    public var name: String
    public var nationalId: String?
    public var economicCode: String?
    public var address: String?
    public var phone: String?
    public var postalCode: String?
}

/// A configuration value FleetCare cannot start with.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let variable: String
    public let message: String

    public var description: String { "\(variable) \(message)" }
}

