import Fluent

/// Fills the model catalog with machines service companies in Iran commonly maintain,
/// with the manufacturers' published duty cycles and speeds.
struct SeedDeviceModels: AsyncMigration {
    static let catalog: [(make: String, model: String, kind: String, color: Bool, duty: Int, ppm: Int)] = [
        ("HP", "LaserJet Pro M404dn", "printer", false, 80_000, 38),
        ("HP", "LaserJet Pro MFP M428fdw", "mfp", false, 80_000, 38),
        ("HP", "LaserJet Enterprise M507dn", "printer", false, 150_000, 43),
        ("HP", "Color LaserJet Pro M454dn", "printer", true, 50_000, 27),
        ("HP", "Color LaserJet Pro MFP M479fdw", "mfp", true, 50_000, 27),
        ("HP", "LaserJet Pro M402dn", "printer", false, 80_000, 38),
        ("Canon", "imageRUNNER 2425", "copier", false, 50_000, 25),
        ("Canon", "imageRUNNER ADVANCE DX C3826i", "mfp", true, 80_000, 26),
        ("Canon", "i-SENSYS MF445dw", "mfp", false, 80_000, 38),
        ("Kyocera", "ECOSYS M2540dn", "mfp", false, 50_000, 40),
        ("Kyocera", "ECOSYS P3145dn", "printer", false, 150_000, 45),
        ("Kyocera", "TASKalfa 2554ci", "copier", true, 100_000, 25),
        ("Xerox", "VersaLink C405", "mfp", true, 80_000, 35),
        ("Xerox", "WorkCentre 5335", "copier", false, 150_000, 35),
        ("Sharp", "MX-M3071", "copier", false, 100_000, 30),
        ("Sharp", "AR-6020", "copier", false, 20_000, 20),
        ("Ricoh", "MP 2555SP", "copier", false, 100_000, 25),
        ("Ricoh", "IM C3000", "mfp", true, 100_000, 30),
        ("Konica Minolta", "bizhub 287", "copier", false, 100_000, 28),
        ("Konica Minolta", "bizhub C258", "copier", true, 100_000, 25),
        ("Brother", "HL-L5100DN", "printer", false, 80_000, 40),
        ("Samsung", "ProXpress M4070FR", "mfp", false, 80_000, 40),
    ]

    func prepare(on database: any Database) async throws {
        for m in Self.catalog {
            try await DeviceModel(make: m.make, model: m.model, kind: m.kind, color: m.color,
                                  monthlyDutyPages: m.duty, pagesPerMinute: m.ppm).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await DeviceModel.query(on: database).delete()
    }
}
