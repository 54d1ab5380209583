@testable import FleetCore
import Testing

@Suite("Device records")
struct DeviceRulesTests {
    @Test("A change of room or of assigned user is a move; a change of IP is not")
    func moves() {
        let before = DevicePlacement(siteName: "HQ", floor: "2", room: "204", department: "Finance", userName: "Ali Karimi")
        var otherRoom = before
        otherRoom.room = "310"
        var otherUser = before
        otherUser.userName = "Sara Ahmadi"
        #expect(before.isMove(to: otherRoom))
        #expect(before.isMove(to: otherUser))
        #expect(!before.isMove(to: before))
        #expect(before.locationLine == "HQ / 2 / 204 / Finance")
    }

    @Test("Changed fields are listed with before and after; empty and missing are the same")
    func changes() {
        let changes = FieldChange.between(
            [("room", "204"), ("ipAddress", "10.0.0.5"), ("assetTag", ""), ("floor", "2")],
            [("room", "310"), ("ipAddress", "10.0.0.5"), ("assetTag", nil), ("floor", nil)])
        #expect(changes == [FieldChange(field: "room", from: "204", to: "310"), FieldChange(field: "floor", from: "2", to: nil)])
    }

    @Test("Addresses", arguments: [("10.1.2.3", true), ("255.255.255.255", true), ("256.1.1.1", false), ("10.1.2", false),
                                   ("fe80::1", true), ("2001:db8:0:0:0:0:2:1", true), ("1::2::3", false), ("printer.local", false),
                                   ("10.1.2.3; DROP TABLE", false)])
    func addresses(text: String, valid: Bool) {
        #expect(NetworkAddress.isValidIP(text) == valid)
    }

    @Test("Conditions outside what an office can be are refused with the field's path")
    func conditions() {
        #expect(throws: FieldError(field: "conditions.humidityPercent", message: "humidity must be between 0 and 100 %")) {
            try DeviceConditions(humidityPercent: 140).validate()
        }
        #expect(throws: Never.self) { try DeviceConditions(temperatureC: 31, humidityPercent: 55, dust: .high).validate() }
    }

    @Test("Serial numbers are trimmed and upper-cased; the SNMP port defaults to 161")
    func fieldRules() throws {
        #expect(try DeviceFieldRules.serial("  phbqj12345 ") == "PHBQJ12345")
        #expect(try DeviceFieldRules.snmpPort(nil) == 161)
        #expect(throws: FieldError.self) { try DeviceFieldRules.snmpPort(70_000) }
        #expect(throws: FieldError.self) { try DeviceFieldRules.required("   ", field: "make") }
        #expect(DeviceFieldRules.flag("Yes") == true)
        #expect(DeviceFieldRules.flag("0") == false)
        #expect(DeviceFieldRules.flag("maybe") == nil)
    }
}

@Suite("Device CSV rows")
struct DeviceImportParserTests {
    let header = ["customer", "site", "serialNumber", "make", "model", "color", "installedOn", "snmpPort"]

    @Test("Valid rows become typed rows; columns may come in any order and case")
    func validRows() throws {
        let records = [["Site", "CUSTOMER", "serialnumber", "make", "model", "color", "installedOn"],
                       ["HQ", "Bank", "ab123", "HP", "M404dn", "yes", "1405-09-03"]]
        let rows = try DeviceImportParser.parse(records).get()
        #expect(rows.count == 1)
        #expect(rows[0].serialNumber == "AB123")
        #expect(rows[0].customer == "Bank")
        #expect(rows[0].site == "HQ")
        #expect(rows[0].color == true)
        #expect(rows[0].installedOn == CalendarDay(year: 2026, month: 11, day: 24))
        #expect(rows[0].snmpPort == 161)
    }

    @Test("Every bad row is reported with its line, not just the first")
    func badRows() {
        let records = [header,
                       ["Bank", "HQ", "A1", "HP", "M404dn", "true", "", ""],
                       ["Bank", "HQ", "", "HP", "M404dn", "", "", ""],
                       ["Bank", "HQ", "A2", "HP", "M404dn", "sometimes", "", ""],
                       ["Bank", "HQ", "A3", "HP", "M404dn", "", "1405-13-01", ""],
                       ["Bank", "HQ", "A4", "HP", "M404dn", "", "", "port"],
                       ["Bank", "HQ", "a1", "hp", "M404dn", "", "", ""]]
        guard case let .failure(errors) = DeviceImportParser.parse(records) else {
            Issue.record("expected errors")
            return
        }
        #expect(errors.rows.map(\.line) == [3, 4, 5, 6, 7])
        #expect(errors.rows[0].message == "serialNumber is required")
        #expect(errors.rows[1].message.contains("sometimes"))
        #expect(errors.rows[4].message == "duplicate serial number A1 for hp: also on line 2")
    }

    @Test("A row with more fields than the header is an error on its line, not cut to fit; empty padding is let through")
    func extraFields() {
        let records = [header,
                       ["Bank", "HQ", "A1", "HP", "M404dn", "", "", "", ""],
                       ["Bank", "HQ", "A2", "HP", "M404dn", "", "", "", "Floor 2"],
                       ["Bank", "HQ", "A3", "HP", "M404dn", "", "", "", "", " "]]
        guard case let .failure(errors) = DeviceImportParser.parse(records) else {
            Issue.record("expected errors")
            return
        }
        #expect(errors.rows.map(\.line) == [3])
        #expect(errors.rows[0].message.contains("9 fields but the header has 8 columns"))
    }

    @Test("A missing required column is reported on line 1")
    func missingColumn() {
        guard case let .failure(errors) = DeviceImportParser.parse([["customer", "site", "make", "model"]]) else {
            Issue.record("expected errors")
            return
        }
        #expect(errors.rows == [ImportRowError(line: 1, message: "missing column \"serialNumber\"")])
    }
}

@Suite("CSV text")
struct CSVTextTests {
    @Test("Quoted commas, doubled quotes, line breaks in quotes, CRLF and a missing final newline")
    func records() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3"
        #expect(try CSVText.records(text) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
    }

    @Test("Ragged rows and a trailing blank line are kept as they are")
    func ragged() throws {
        #expect(try CSVText.records("a,b\n1\n1,2,3\n") == [["a", "b"], ["1"], ["1", "2", "3"]])
        #expect(try CSVText.records("") == [])
    }

    @Test("An unterminated quote is reported on the line where it opened")
    func unterminated() {
        #expect(throws: CSVText.ParseError(line: 2, message: "a quoted field is never closed")) {
            try CSVText.records("a,b\n\"open,2\n3,4\n")
        }
        #expect(throws: CSVText.ParseError.self) { try CSVText.records("\"a\"b,c\n") }
    }

    @Test("Persian text passes through untouched")
    func persian() throws {
        #expect(try CSVText.records("مشتری,ساختمان\nبانک پارس‌نوین,\"ساختمان مرکزی، طبقه ۲\"") ==
            [["مشتری", "ساختمان"], ["بانک پارس‌نوین", "ساختمان مرکزی، طبقه ۲"]])
    }
}
