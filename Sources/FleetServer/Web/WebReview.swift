import FleetCore
import Vapor

/// The work report page, where the client approves the work or disputes it.
enum WebReview {
    /// `GET /visits/{id}/report`
    static func page(_ req: Request, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let r = try await API.ServiceController.completedReport(req)
        let viewer = try req.viewer
        let canReview = r.approval == WorkReportApproval.pending.rawValue && [.client, .admin, .dispatcher].contains(viewer.role)
        return Layout.response(WorkReportPage.render(r, servicePhone: req.application.fleetConfiguration.servicePhone, req.pageContext(),
                                                     canReview: canReview, error: error), status: status)
    }

    /// `POST /visits/{id}/approve` and `/visits/{id}/dispute` with a `comment`.
    static func review(_ req: Request, approve: Bool) async throws -> Response {
        let visit = try await API.ServiceController.findVisit(req)
        let viewer = try req.viewer
        try viewer.require(.client, .admin, .dispatcher)
        let comment = try? req.content.get(String.self, at: "comment")
        let desk = API.ServiceController.desk(req, viewer)
        do {
            if approve { try await desk.approve(visit, comment: comment) } else { try await desk.dispute(visit, comment: comment) }
        } catch let e as FieldError {
            return try await page(req, error: e.message, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.workReport(visit.id!).path)
    }
}
