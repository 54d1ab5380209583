import FleetCore
import Fluent
import Vapor

/// The link printed on a device's label, and the fault reports that arrived through labels.
struct LabelDTO: Content {
    let deviceId: UUID
    let token: String
    let url: String
    let createdAt: Date
}

/// A fault report sent from a label: who to call back, and what they saw.
struct FaultReportDTO: Content {
    let id: UUID
    let deviceId: UUID
    let ticketId: UUID
    let name: String
    let phone: String
    let symptom: String?
    let description: String
    let at: Date
}

extension API {
    enum LabelsController {
        /// `GET /api/v1/devices/{id}/label`: the device's label link, made on first asking.
        @Sendable static func label(req: Request) async throws -> LabelDTO {
            let device = try await DevicesController.find(req)
            let label = try await LabelDesk(db: req.db).label(for: device.id!)
            return dto(label, req)
        }

        struct Revoked: Content { let revoked: Int }

        /// `POST /api/v1/devices/{id}/label/revoke`: the printed link stops working (404); the next label is a new one.
        @Sendable static func revoke(req: Request) async throws -> Revoked {
            let device = try await DevicesController.find(req)
            try req.viewer.require(.admin, .dispatcher, .client)
            return Revoked(revoked: try await LabelDesk(db: req.db).revoke(deviceID: device.id!))
        }

        /// `GET /api/v1/tickets/{id}/fault-reports`: the people who reported the fault from the label, newest first.
        @Sendable static func faultReports(req: Request) async throws -> Page<FaultReportDTO> {
            let reports = try await faultReports(of: try await ServiceController.findTicket(req), on: req.db)
            return Page(items: reports, total: reports.count)
        }

        /// A ticket's label reports, newest first: for the API and the ticket page, which has the ticket already.
        static func faultReports(of ticket: Ticket, on db: any Database) async throws -> [FaultReportDTO] {
            try await FaultReport.query(on: db).filter(\.$ticketID == ticket.id!).sort(\.$createdAt, .descending).all()
                .map(FaultReportDTO.init)
        }

        static func dto(_ label: DeviceLabel, _ req: Request) -> LabelDTO {
            LabelDTO(deviceId: label.deviceID, token: label.token, url: link(label.token, req), createdAt: label.createdAt)
        }

        /// The address the label's QR code carries.
        static func link(_ token: String, _ req: Request) -> String {
            req.application.fleetConfiguration.publicBaseURL + SiteURL.faultReport(token).path
        }
    }
}

extension FaultReportDTO {
    init(_ r: FaultReport) {
        self.init(id: r.id!, deviceId: r.deviceID, ticketId: r.ticketID, name: r.reporterName, phone: r.reporterPhone,
                  symptom: r.symptom, description: r.description, at: r.createdAt)
    }
}
