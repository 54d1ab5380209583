import FleetCore
import Fluent
import Vapor

/// One machine of a PM visit, as recorded so far (or still to do), with the parts past their rated life.
struct VisitDeviceDTO: Content {
    let deviceId: UUID
    let serialNumber: String
    let make: String
    let model: String
    let location: String
    /// `pending` until the technician records the machine as `done` or `skipped`.
    let outcome: String
    let skipReason: PMSkipReason?
    let note: String?
    let totalPages: Int64?
    let checklist: [String]?
    let recordedAt: Date?
    let recordedBy: String?
    let wornParts: [WornPart]
}

extension API {
    /// A PM visit machine by machine: `GET /api/v1/visits/{id}/devices`, `POST /api/v1/visits/{id}/devices/{deviceId}`.
    enum PMVisitController {
        /// Every machine of the visit in the order the technician walks them (site, floor, room), with its outcome.
        @Sendable static func devices(req: Request) async throws -> Page<VisitDeviceDTO> {
            let visit = try await ServiceController.findVisit(req)
            let items = try await devices(of: visit, req: req)
            return Page(items: items, total: items.count)
        }

        /// The visit's machines, or only `some` of them. `wear: false` leaves out the worn parts, the one costly part
        /// (every machine's readings), for a caller that needs only the order and the outcomes.
        static func devices(of visit: Visit, only some: [UUID]? = nil, wear: Bool = true, req: Request) async throws -> [VisitDeviceDTO] {
            let desk = ServiceDesk(db: req.db, actor: nil, timeZone: req.application.fleetConfiguration.timeZone)
            let devices = try await Device.query(on: req.db).filter(\.$id ~~ (some ?? visit.deviceIDs)).all()
            let views = try await DeviceViews(db: req.db).list(devices)
            let recorded = try await desk.recorded(visit)
            let worn = wear ? try await desk.wornParts(devices) : [:]
            return views.sorted { walkOrder($0).lexicographicallyPrecedes(walkOrder($1)) { $0.compare($1, options: .numeric) == .orderedAscending } }.map { d in
                let r = recorded[d.id]
                return VisitDeviceDTO(deviceId: d.id, serialNumber: d.serialNumber, make: d.make, model: d.model,
                                      location: DeviceRecordPage.locationLine(d), outcome: r?.outcome.rawValue ?? "pending",
                                      skipReason: r?.skipReason, note: r?.note, totalPages: r?.totalPages, checklist: r?.checklist,
                                      recordedAt: r?.recordedAt, recordedBy: r?.recordedBy, wornParts: worn[d.id] ?? [])
            }
        }

        /// Site, floor, room, then serial, numbers by value (floor 2 before floor 10): the order a technician walks a building in.
        static func walkOrder(_ d: DeviceDTO) -> [String] {
            [d.location.siteName ?? "", d.location.floor ?? "", d.location.room ?? "", d.serialNumber]
        }

        /// Records one machine: serviced (counter, parts, checklist) or passed over with the reason.
        @Sendable static func record(req: Request) async throws -> VisitDeviceDTO {
            let visit = try await ServiceController.findVisit(req)
            let viewer = try req.viewer
            try viewer.require(.admin, .dispatcher, .technician)
            if viewer.role == .technician, visit.technicianID != viewer.user.id {
                throw APIError(.forbidden, code: "not_your_visit", message: "this visit is another technician's")
            }
            let deviceID = try req.id("deviceID", "device")
            let work = try req.content.decode(PMDeviceWork.self)
            try await ServiceController.desk(req, viewer).record(visit, deviceID: deviceID, work)
            guard let dto = try await devices(of: visit, only: [deviceID], req: req).first else {
                throw APIError.notFound("device")
            }
            return dto
        }
    }
}
