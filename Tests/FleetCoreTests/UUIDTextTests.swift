import FleetCore
import Foundation
import Testing

@Suite("UUID text")
struct UUIDTextTests {
    @Test("Written and read exactly as Foundation does, for random and edge ids")
    func sameAsFoundation() {
        var ids = (0..<2_000).map { _ in UUID() }
        ids.append(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        ids.append(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
        for id in ids {
            #expect(id.text == id.uuidString)
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
            #expect(UUID(text: ("{" + id.uuidString + "}").dropFirst().dropLast()) == id)
        }
    }

    @Test("Anything but the 8-4-4-4-12 hexadecimal form is refused, as Foundation refuses it", arguments: [
        "", "44455643-0000-4000-8000-000000004E2", "44455643-0000-4000-8000-000000004E211",
        "44455643_0000-4000-8000-000000004E21", "4445564-30000-4000-8000-000000004E21", "G4455643-0000-4000-8000-000000004E21",
        "44455643-0000-4000-8000-000000004E2 ", "{44455643-0000-4000-8000-000000004E21}", "44455643000040008000000000004E21",
        "44455643-0000-4000-8000-000000004E2١", "44455643-0000-4000-8000-000000004E21-",
    ])
    func refused(text: String) {
        #expect(UUID(text: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
