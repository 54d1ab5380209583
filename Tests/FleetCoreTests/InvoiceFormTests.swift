import FleetCore
import Testing

@Suite("The official invoice form's identifiers and amount in words")
struct InvoiceFormTests {
    @Test("national codes and company IDs are checked by their check digit")
    func nationalIds() throws {
        // Reference numbers published with the check-digit rules.
        #expect(try TaxIdentity.nationalId("0076229645") == "0076229645")
        #expect(try TaxIdentity.nationalId("1583250689") == "1583250689")
        #expect(try TaxIdentity.nationalId("10380284790") == "10380284790")
        #expect(try TaxIdentity.nationalId("۱۰۳۸۰-۲۸۴۷۹۰") == "10380284790")
        #expect(try TaxIdentity.nationalId("  ") == nil)
        #expect(TaxIdentity.isValidNationalCode("9999999999") == false)
        #expect(TaxIdentity.isValidNationalCode("0076229646") == false)
        #expect(TaxIdentity.isValidLegalId("10380284791") == false)
        #expect(TaxIdentity.isValidLegalId("10300000090") == false)
        for bad in ["10380284791", "12345", "0076A29645"] {
            #expect(throws: FieldError.self) { try TaxIdentity.nationalId(bad) }
        }
        let error = #expect(throws: FieldError.self) { try TaxIdentity.postalCode("12345", field: "buyer.postalCode") }
        #expect(error?.field == "buyer.postalCode")
        #expect(try TaxIdentity.economicCode("411-1111-1111") == "41111111111")
        #expect(throws: FieldError.self) { try TaxIdentity.economicCode("123") }
    }

    @Test("amounts are written out in Persian as an invoice reads them")
    func words() {
        #expect(PersianNumberWords.of(0) == "صفر")
        #expect(PersianNumberWords.of(7) == "هفت")
        #expect(PersianNumberWords.of(15) == "پانزده")
        #expect(PersianNumberWords.of(120) == "یکصد و بیست")
        #expect(PersianNumberWords.of(1_000) == "یک هزار")
        #expect(PersianNumberWords.of(1_234_567) == "یک میلیون و دویست و سی و چهار هزار و پانصد و شصت و هفت")
        #expect(PersianNumberWords.of(2_000_000_005) == "دو میلیارد و پنج")
        #expect(PersianNumberWords.of(-40) == "منفی چهل")
    }
}
