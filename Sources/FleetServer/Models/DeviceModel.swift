import Fluent
import Vapor

/// A make and model of machine, with the specs that fill a new device record.
final class DeviceModel: Model, @unchecked Sendable {
    static let schema = "device_models"

    @ID(key: .id) var id: UUID?
    @Field(key: "make") var make: String
    @Field(key: "model") var model: String
    @Field(key: "kind") var kind: String
    @Field(key: "color") var color: Bool
    @OptionalField(key: "monthly_duty_pages") var monthlyDutyPages: Int?
    @OptionalField(key: "pages_per_minute") var pagesPerMinute: Int?

    init() {}

    init(id: UUID? = nil, make: String, model: String, kind: String, color: Bool, monthlyDutyPages: Int?, pagesPerMinute: Int?) {
        self.id = id
        self.make = make
        self.model = model
        self.kind = kind
        self.color = color
        self.monthlyDutyPages = monthlyDutyPages
        self.pagesPerMinute = pagesPerMinute
    }
}
