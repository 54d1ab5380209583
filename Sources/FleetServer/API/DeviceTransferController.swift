import FleetCore
import Fluent
import Vapor

extension API {
    /// Devices in and out as CSV.
    enum DeviceTransferController {
        struct ImportResult: Content {
            let imported: Int
        }

        /// `POST /api/v1/devices/import` (text/csv): all rows or none.
        @Sendable static func importCSV(req: Request) async throws -> ImportResult {
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher)
            guard let type = req.headers.contentType, type.type == "text", type.subType == "csv" else {
                throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the file as Content-Type: text/csv")
            }
            guard let body = req.body.data else {
                throw APIError(.unprocessableEntity, code: "empty_import", message: "the body is empty: send the CSV file")
            }
            let text = try DeviceImporter.text(from: Array(buffer: body))
            let imported = try await DeviceImporter(db: req.db, actor: viewer.user).importCSV(text)
            return ImportResult(imported: imported)
        }

        /// `GET /api/v1/devices/export?customerId=`: the import's columns, UTF-8 with BOM.
        @Sendable static func export(req: Request) async throws -> Response {
            let filter = try DeviceFilter(req)
            let devices = try await filter.query(on: req.db, viewer: try req.viewer).all()
            let csv = try await csv(devices, db: req.db)
            let response = Response(status: .ok, body: .init(string: csv))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            response.headers.contentDisposition = .init(.attachment, filename: "devices.csv")
            return response
        }

        static func csv(_ devices: [Device], db: any Database) async throws -> String {
            let customers = Dictionary(uniqueKeysWithValues: try await Customer.query(on: db).all().map { ($0.id!, $0.name) })
            let siteIDs = Set(devices.compactMap { $0.$site.id })
            var sites: [UUID: String] = [:]
            for chunk in Array(siteIDs).chunked(into: 500) {
                for s in try await Site.query(on: db).filter(\.$id ~~ Array(chunk)).all() { sites[s.id!] = s.name }
            }
            return DeviceExporter.csv(devices, customers: customers, sites: sites)
        }
    }

    /// The catalog of makes and models.
    enum DeviceModelsController {
        /// `GET /api/v1/device-models?q=`
        @Sendable static func list(req: Request) async throws -> Page<DeviceModelDTO> {
            _ = try req.viewer
            let query = DeviceModel.query(on: req.db).sort(\.$make).sort(\.$model)
            if let q = req.query[String.self, at: "q"], !q.isEmpty {
                query.filter(TextSearch.matching(q, columns: [("device_models", "make"), ("device_models", "model")]))
            }
            let (items, total) = try await query.page(try Paging(req))
            return Page(items: items.map(DeviceModelDTO.init), total: total)
        }

        /// `POST /api/v1/device-models` (admin)
        @Sendable static func create(req: Request) async throws -> Response {
            try req.viewer.require(.admin)
            let input = try req.content.decode(DeviceModelInput.self)
            let make = try DeviceFieldRules.required(input.make, field: "make")
            let model = try DeviceFieldRules.required(input.model, field: "model")
            guard ["printer", "copier", "mfp"].contains(input.kind) else {
                throw FieldError(field: "kind", message: "kind must be printer, copier or mfp")
            }
            for (value, field) in [(input.monthlyDutyPages, "monthlyDutyPages"), (input.pagesPerMinute, "pagesPerMinute")] {
                if let v = value, !(1...10_000_000).contains(v) {
                    throw FieldError(field: field, message: "\(field) must be a positive whole number")
                }
            }
            if try await CatalogLookup(db: req.db).find(make: make, model: model) != nil {
                throw APIError.conflict(code: "duplicate_model", "\(make) \(model) is already in the catalog", field: "model")
            }
            let m = DeviceModel(make: make, model: model, kind: input.kind, color: input.color,
                                monthlyDutyPages: input.monthlyDutyPages, pagesPerMinute: input.pagesPerMinute)
            try await m.create(on: req.db)
            return try await DeviceModelDTO(m).encodeResponse(status: .created, for: req)
        }
    }
}
