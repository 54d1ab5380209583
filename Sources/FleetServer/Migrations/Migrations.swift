import Fluent
import Vapor

/// Every migration, in the order it landed. Never edit one that has landed: add another.
enum FleetMigrations {
    static func register(on app: Application) {
        // The one exception to the order: the audit log comes first, because later migrations seed audited
        // records (the built-in plans). An existing database simply gets it as its next migration.
        app.migrations.add(CreateAuditLog())
        app.migrations.add(CreateCustomers())
        app.migrations.add(CreateUsers())
        app.migrations.add(SessionRecord.migration)
        app.migrations.add(CreateDeviceModels())
        app.migrations.add(CreateDevices())
        app.migrations.add(SeedDeviceModels())
        app.migrations.add(CreateContracts())
        app.migrations.add(CreateService())
        app.migrations.add(CreateLoansAndAlerts())
        app.migrations.add(CreateMeterReadings())
        app.migrations.add(UpdatePartLinesAddCounter())
        app.migrations.add(UpdateMeterReadingsAddDuplex())
        app.migrations.add(CreateMeterMonths(timeZone: app.fleetConfiguration.timeZone))
        app.migrations.add(CreateInvoices())
        app.migrations.add(CreateIssuedReports())
        app.migrations.add(CreateDeviceLabels())
        app.migrations.add(UpdateVisitsAddApproval())
        app.migrations.add(CreateNotifications())
        app.migrations.add(CreateDeliveries())
        app.migrations.add(CreateLoginAttempts())
        app.migrations.add(CreateDeviceListIndex())
        app.migrations.add(CreateDeviceSearch())
        app.migrations.add(DropDuplicateReadingIndex())
        app.migrations.add(CreateReadingLedger())
        app.migrations.add(CountNewDevices())
        app.migrations.add(CreateDeviceTrigramSearch())
        app.migrations.add(CreateDeviceStatusIndex())
        app.migrations.add(CreateKnownBrowsers())
        app.migrations.add(UpdateTicketsAddCallerAndCoverage())
        app.migrations.add(CreateTriageAttempts())
        app.migrations.add(CreateVisitDevices())
        app.migrations.add(UpdateEventsAddContractChange())
        app.migrations.add(UpdateInvoicesAddPendingReports())
        app.migrations.add(UpdatePartLinesAddSerial())
    }
}
