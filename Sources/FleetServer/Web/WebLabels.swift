import FleetCore
import Fluent
import Vapor

/// Label sheets for signed-in users, and the fault page the labels open for anyone.
enum WebLabels {
    /// The fault page needs no account: it sits outside sessions (no cookie is set for a passer-by) and outside
    /// the form token, which guards only what a session may do. It is guarded by its limits instead.
    static func registerPublic(_ app: Application) {
        app.get(SiteURL.pattern(.faultReport("")), use: faultForm)
        app.on(.POST, SiteURL.pattern(.faultReport("")), body: .collect(maxSize: 16_384), use: sendFault)
    }

    static func register(_ routes: any RoutesBuilder) {
        routes.get(SiteURL.pattern(.labels), use: sheet)
        routes.post(SiteURL.pattern(.revokeLabel(UUID())), use: revoke)
    }

    // MARK: the public fault page

    /// The device behind the path's token, or a 404 that says nothing of why.
    static func labelled(_ req: Request) async throws -> (DeviceLabel, Device, FaultPage.Model) {
        guard let token = req.parameters.get("token"),
              let (label, device) = try await LabelDesk(db: req.db).device(token: token) else {
            throw APIError.notFound("page")
        }
        let site: Site? = if let id = device.$site.id { try await Site.find(id, on: req.db) } else { nil }
        let model = FaultPage.Model(token: token, device: "\(device.make) \(device.model)", assetTag: device.assetTag,
                                    place: device.placement(siteName: site?.name ?? "").placeLine,
                                    servicePhone: req.application.fleetConfiguration.servicePhone)
        return (label, device, model)
    }

    /// `GET /f/{token}`
    @Sendable static func faultForm(req: Request) async throws -> Response {
        let (_, _, model) = try await labelled(req)
        return Layout.response(FaultPage.render(model, req.pageContext(withSession: false)))
    }

    /// `POST /f/{token}`: a ticket (or a note on the open one), a page that says so; the form again with the reason
    /// when something is missing; 429 past the limits.
    @Sendable static func sendFault(req: Request) async throws -> Response {
        let (label, device, base) = try await labelled(req)
        let ctx = req.pageContext(withSession: false)
        let input = (try? req.content.decode(LabelDesk.Report.self)) ?? LabelDesk.Report()
        var model = base
        model.symptom = input.symptom
        model.description = input.description
        model.name = input.name
        model.phone = input.phone
        let config = req.application.fleetConfiguration
        let desk = LabelDesk(db: req.db, timeZone: config.timeZone)
        do {
            let outcome = try await desk.report(input, label: label, device: device, address: req.clientAddress,
                                                limits: .init(perAddressPerHour: config.faultReportsPerAddressPerHour,
                                                              perDevicePerHour: config.faultReportsPerDevicePerHour))
            model.state = .received(outcome)
            req.logger.info("fault report from label", metadata: ["device": .string(device.id!.uuidString), "outcome": .string("\(outcome)")])
            return Layout.response(FaultPage.render(model, ctx), status: .created)
        } catch let e as FieldError {
            model.error = e.message
            return Layout.response(FaultPage.render(model, ctx), status: .unprocessableEntity)
        } catch let e as APIError where e.status == .tooManyRequests {
            req.logger.notice("fault reports limited", metadata: ["address": .string(req.clientAddress)])
            model.state = .tooMany
            let r = Layout.response(FaultPage.render(model, ctx), status: .tooManyRequests)
            r.headers.replaceOrAdd(name: .retryAfter, value: "3600")
            return r
        }
    }

    // MARK: label sheets

    /// `GET /labels?customerId=&siteId=&deviceId=`: one device's label, or every working device of a customer (or site).
    @Sendable static func sheet(req: Request) async throws -> Response {
        let viewer = try req.viewer
        var devices: [Device]
        let heading: String
        if let deviceID = try req.queryID("deviceId") {
            guard let device = try await Device.find(deviceID, on: req.db), viewer.canSee(customerID: device.$customer.id) else {
                throw APIError.notFound("device")
            }
            devices = [device]
            heading = device.assetTag ?? device.serialNumber
        } else {
            var filter = DeviceFilter(customerID: try req.queryID("customerId"), siteID: try req.queryID("siteId"))
            guard case let .only(customerID) = viewer.customerScope(filter.customerID),
                  let customer = try await Customer.find(customerID, on: req.db) else {
                throw APIError(.unprocessableEntity, code: "invalid_query", message: "choose a customer or a device", field: "customerId")
            }
            filter.customerID = customerID
            filter.hideRetired = true
            devices = try await filter.query(on: req.db, viewer: viewer).all()
            heading = customer.name
        }
        let siteIDs = Set(devices.compactMap { $0.$site.id })
        let sites = siteIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await Site.query(on: req.db).filter(\.$id ~~ siteIDs).all().map { ($0.id!, $0.name) })
        devices.sort { a, b in
            let ka = [sites[a.$site.id ?? UUID()] ?? "", a.floor ?? "", a.room ?? "", a.assetTag ?? a.serialNumber]
            let kb = [sites[b.$site.id ?? UUID()] ?? "", b.floor ?? "", b.room ?? "", b.assetTag ?? b.serialNumber]
            return ka.lexicographicallyPrecedes(kb)
        }
        let labels = try await LabelDesk(db: req.db).labels(for: devices.map { $0.id! })
        let model = LabelSheetPage.Model(heading: heading, labels: devices.map { d in
            LabelSheetPage.Label(deviceID: d.id!, title: d.assetTag ?? d.serialNumber,
                                        device: "\(d.make) \(d.model) · \(d.serialNumber)",
                                        place: d.placement(siteName: d.$site.id.flatMap { sites[$0] } ?? "").placeLine,
                                        link: API.LabelsController.link(labels[d.id!]!.token, req))
        }, servicePhone: req.application.fleetConfiguration.servicePhone)
        return Layout.response(LabelSheetPage.render(model, req.pageContext()))
    }

    /// `POST /devices/{id}/label/revoke`
    @Sendable static func revoke(req: Request) async throws -> Response {
        let device = try await API.DevicesController.find(req)
        try req.viewer.require(.admin, .dispatcher, .client)
        try await LabelDesk(db: req.db).revoke(deviceID: device.id!)
        return req.redirect(to: SiteURL.device(device.id!).with([("labelRevoked", "1")]))
    }
}
