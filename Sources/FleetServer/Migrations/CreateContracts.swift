import FleetCore
import Fluent
import SQLKit

struct CreateContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .id()
            .field("code", .string, .required)
            .field("name_fa", .string, .required)
            .field("name_en", .string, .required)
            .field("built_in", .bool, .required)
            .field("terms", .json, .required)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("contracts")
            .id()
            .field("customer_id", .uuid, .required, .references("customers", "id", onDelete: .restrict))
            .field("plan_code", .string, .required)
            .field("plan_name_fa", .string, .required)
            .field("plan_name_en", .string, .required)
            .field("status", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("terms", .json, .required)
            .field("plan_terms", .json, .required)
            .field("overrides", .json, .required)
            .field("renewed_from_id", .uuid)
            .field("resident_technician_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("terminated_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("contract_devices")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("device_id", .uuid, .required, .references("devices", "id", onDelete: .restrict))
            .field("added_on", .string, .required)
            .field("removed_on", .string)
            .create()
        try await database.schema("contract_events")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("kind", .string, .required)
            .field("summary", .string, .required)
            .field("actor_name", .string)
            .create()
        try await database.schema("pm_schedule")
            .id()
            .field("contract_id", .uuid, .required, .references("contracts", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("contract_year", .int, .required)
            .field("number_in_year", .int, .required)
            .field("date", .string, .required)
            .field("second_of_period", .bool, .required)
            .field("done", .bool, .required)
            .field("visit_id", .uuid)
            .create()
        try await database.schema("holidays")
            .id()
            .field("month", .int)
            .field("day", .int)
            .field("date", .string)
            .field("name", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "contract_devices_device").on("contract_devices").column("device_id").run()
            try await sql.create(index: "contract_devices_contract").on("contract_devices").column("contract_id").run()
            try await sql.create(index: "contracts_customer").on("contracts").column("customer_id").run()
            try await sql.create(index: "pm_schedule_contract").on("pm_schedule").column("contract_id").column("date").run()
        }
        for plan in BuiltInPlans.all {
            try await Plan(code: plan.code, nameFa: plan.nameFa, nameEn: plan.nameEn, builtIn: true, terms: plan.terms).create(on: database)
        }
        for h in HolidayCalendar.iranFixed {
            try await Holiday(month: h.month, day: h.day, name: h.name).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["holidays", "pm_schedule", "contract_events", "contract_devices", "contracts", "plans"] {
            try await database.schema(table).delete()
        }
    }
}
