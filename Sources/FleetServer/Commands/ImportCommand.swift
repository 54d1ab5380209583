import FleetCore
import Fluent
import Foundation
import Vapor

/// `fleetcare import devices FILE.csv`: the API's CSV import from the command line, with progress.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "What to import: devices")
        var what: String
        @Argument(name: "file", help: "The CSV file (UTF-8, header row)")
        var file: String
    }

    var help: String { "Imports devices from a CSV file: all rows or none" }

    func run(using context: CommandContext, signature: Signature) async throws {
        AuditActor.label(&context.application.logger, as: "cli:import")
        guard signature.what == "devices" else { throw CommandFailure("only `import devices FILE.csv` exists") }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("cannot read \(signature.file)")
        }
        let console = context.console
        var importer = DeviceImporter(db: context.application.db, actor: nil)
        importer.progress = { done, total in
            console.print("\u{1B}[2K\rwritten \(done) of \(total) devices", newLine: done == total)
        }
        let started = Date()
        do {
            let text = try DeviceImporter.text(from: Array(data))
            console.print("checking \(signature.file) …")
            let count = try await importer.importCSV(text)
            console.print(String(format: "imported %d devices in %.1f s", count, Date().timeIntervalSince(started)))
        } catch let e as APIError {
            for row in e.rows ?? [] { console.error("line \(row.line): \(row.message)") }
            throw CommandFailure(e.rows == nil ? e.message : "\(e.rows!.count) row(s) have errors; nothing was imported")
        }
    }
}
