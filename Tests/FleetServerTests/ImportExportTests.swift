import Fluent
import FleetCore
import Testing
import Vapor
import VaporTesting

@testable import FleetServer

@Suite("Device CSV import and export")
struct ImportExportTests {
    static let header = "customer,site,serialNumber,make,model,color,assetTag,floor,room,department,assignedUser,ipAddress,snmpPort,installedOn"

    @Test("All rows are imported, by customer and site name, with Solar Hijri dates")
    func imports() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let csv = """
            \(Self.header)
            Bank A,HQ,IMP-1,HP,LaserJet Pro M404dn,no,T-1,1,101,Finance,Ali Karimi,10.0.0.1,161,1405-09-03
            bank a,hq,IMP-2,Canon,imageRUNNER 2425,,T-2,1,102,"Legal, contracts",,,,2026-01-15
            \(f.customerB),\(f.siteB),IMP-3,Kyocera,ECOSYS M2540dn,0,,,,,,,,

            """
            let r = try await f.dispatcher.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.json["imported"] as? Int == 3)
            let d = try await f.admin.get("/api/v1/devices?q=IMP-2").items.first
            #expect((d?["location"] as? [String: Any])?["department"] as? String == "Legal, contracts")
            let first = try await f.admin.get("/api/v1/devices?q=IMP-1").items.first
            #expect(first?["installedOn"] as? String == "2026-11-24")
            let history = try await f.admin.get("/api/v1/devices/\(first!["id"]!)/history").items
            #expect(history.map { $0["kind"] as? String } == ["created"])
        }
    }

    @Test("One bad row imports nothing, and every bad row is reported with its line")
    func allOrNothing() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "TAKEN-1")
            let csv = """
            \(Self.header)
            Bank A,HQ,OK-1,HP,LaserJet Pro M404dn,,,,,,,,,
            Bank A,Nowhere,OK-2,HP,LaserJet Pro M404dn,,,,,,,,,
            Bank A,HQ,TAKEN-1,HP,LaserJet Pro M404dn,,,,,,,,,
            Bank A,HQ,OK-3,HP,LaserJet Pro M404dn,,,,,,,,port,
            Nobody Inc,HQ,OK-4,HP,LaserJet Pro M404dn,,,,,,,,,
            """
            let r = try await f.admin.request(.POST, "/api/v1/devices/import", body: csv, contentType: "text/csv")
            #expect(r.status == .unprocessableEntity)
            let error = r.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "invalid_rows")
            let rows = error?["rows"] as? [[String: Any]] ?? []
            try #require(rows.map { $0["line"] as? Int } == [3, 4, 5, 6], "\(r.text)")
            #expect(rows[0]["message"] as? String == "unknown site \"Nowhere\" for customer Bank A")
            #expect(rows[1]["message"] as? String == "serial number TAKEN-1 of HP is already registered")
            #expect(rows[2]["message"] as? String == "snmpPort \"port\" is not a number")
            #expect(rows[3]["message"] as? String == "unknown customer \"Nobody Inc\"")
            #expect(try await Device.query(on: app.db).count() == 1)
        }
    }

    @Test("Missing columns, non-UTF-8 bytes, a wrong content type and an empty file are clear errors")
    func badFiles() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            let missing = try await f.admin.request(.POST, "/api/v1/devices/import", body: "customer,site,make,model\nA,B,C,D\n",
                                                    contentType: "text/csv")
            #expect(missing.status == .unprocessableEntity)
            #expect(((missing.json["error"] as? [String: Any])?["rows"] as? [[String: Any]])?.first?["line"] as? Int == 1)

            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: f.admin.token!)
            headers.replaceOrAdd(name: .contentType, value: "text/csv")
            var latin1 = ByteBuffer(string: "customer,site,serialNumber,make,model\nCaf")
            latin1.writeBytes([0xE9, 0x0A])
            let notUTF8 = try await app.testing().performTest(request: TestingHTTPRequest(
                method: .POST, url: URI(path: "/api/v1/devices/import"), headers: headers, body: latin1))
            #expect(notUTF8.status == .unprocessableEntity)
            #expect(notUTF8.errorCode == "invalid_encoding")

            let json = try await f.admin.request(.POST, "/api/v1/devices/import", json: "{}")
            #expect(json.status == .unsupportedMediaType)
            let headerOnly = try await f.admin.request(.POST, "/api/v1/devices/import", body: "customer,site,serialNumber,make,model\n",
                                                       contentType: "text/csv")
            #expect(headerOnly.errorCode == "empty_import")
            #expect(try await Device.query(on: app.db).count() == 0)
        }
    }

    @Test("Export writes the import's columns, and the export imports again")
    func exportRoundTrip() async throws {
        try await withFleetApp { app in
            let f = try await Fixture.make(app)
            try await f.device(serial: "EXP-1", extra: #","assetTag":"=SUM(A1)","installedOn":"2026-11-24""#)
            let r = try await f.admin.get("/api/v1/devices/export?customerId=\(f.customerA)")
            #expect(r.status == .ok)
            #expect(r.headers.contentType?.subType == "csv")
            let lines = r.text.split(separator: "\r\n").map(String.init)
            #expect(lines[0] == "\u{FEFF}" + DeviceImportParser.allColumns.joined(separator: ","))
            #expect(lines[1] == "Bank A,HQ,EXP-1,HP,LaserJet Pro M404dn,false,'=SUM(A1),2,204,Finance,,,161,public,2026-11-24")
            // Re-import under another serial: the file's own columns are accepted as they are.
            let again = r.text.replacingOccurrences(of: "EXP-1", with: "EXP-2")
            let imported = try await f.admin.request(.POST, "/api/v1/devices/import", body: again, contentType: "text/csv")
            #expect(imported.json["imported"] as? Int == 1, "\(imported.text)")
        }
    }

    @Test("The command-line import writes the same way and reports progress")
    func commandLine() async throws {
        try await withFleetApp { app in
            _ = try await Fixture.make(app)
            let rows = (1...1200).map { "Bank A,HQ,CLI-\($0),HP,LaserJet Pro M404dn,,,,,,,,," }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID()).csv").path
            try (Self.header + "\n" + rows.joined(separator: "\n")).write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            var context = CommandContext(console: app.console, input: CommandInput(arguments: ["fleetcare", "devices", path]))
            context.application = app
            try await ImportCommand().run(using: &context)
            #expect(try await Device.query(on: app.db).count() == 1200)
        }
    }
}

