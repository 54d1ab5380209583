import FleetCore
import Testing

@Suite("Phone numbers")
struct PhoneNumberTests {
    @Test("Typed with Persian digits, spaces and dashes, a number keeps its digits")
    func typed() throws {
        #expect(try PhoneNumber("۰۹۱۲ ۳۴۵-۶۷۸۹").digits == "09123456789")
        #expect(try PhoneNumber(" (021) 8800-1234 ").digits == "02188001234")
        #expect(try PhoneNumber("+98 912 345 6789").digits == "+989123456789")
    }

    @Test("Letters, a + inside, and too few or too many digits are refused naming the field")
    func refused() {
        #expect(throws: FieldError(field: "phone", message: "phone may hold only digits, spaces, dashes and a leading +")) { try PhoneNumber("0912abc") }
        #expect(throws: FieldError(field: "phone", message: "phone may hold only digits, spaces, dashes and a leading +")) { try PhoneNumber("0912+345") }
        #expect(throws: FieldError(field: "phone", message: "phone must have 7 to 15 digits")) { try PhoneNumber("12345") }
        #expect(throws: FieldError(field: "phone", message: "phone is required")) { try PhoneNumber("  ") }
        #expect(throws: FieldError(field: "reporterPhone", message: "reporterPhone must have 7 to 15 digits")) {
            try PhoneNumber("1234567890123456", field: "reporterPhone")
        }
    }

    @Test("An Iranian mobile is recognised in every spelling; a landline or a foreign number is not one")
    func mobiles() throws {
        for typed in ["09123456789", "9123456789", "+989123456789", "00989123456789", "989123456789", "۰۹۱۲۳۴۵۶۷۸۹"] {
            #expect(try PhoneNumber(typed).iranianMobile == "09123456789", "\(typed)")
        }
        #expect(try PhoneNumber("02188001234").iranianMobile == nil)
        #expect(try PhoneNumber("+4915123456789").iranianMobile == nil)
        #expect(try PhoneNumber("+19123456789").iranianMobile == nil)
    }
}
