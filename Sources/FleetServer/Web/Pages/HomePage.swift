import FleetCore
import Foundation
import Plot

/// The home page: the fleet in numbers and what moved lately.
enum HomePage {
    struct Move {
        let deviceID: UUID
        let device: String
        let at: Date
        let summary: String
    }

    struct Model {
        var customers: Int
        var devices: Int
        var active: Int
        var inRepair: Int
        var retired: Int
        var loaners: Int
        var moves: [Move]
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        func stat(_ n: Int, _ label: L10n) -> Node<HTML.BodyContext> {
            .div(.class("stat"), .element(named: "b", text: f.number(n)), .span(.text(ctx.t(label))))
        }
        return Layout.page(ctx.t(.home), ctx,
            .h1(.text(ctx.t(.fleetAtAGlance))),
            .div(.class("stats"),
                stat(m.customers, .customersCount), stat(m.devices, .devicesCount), stat(m.active, .activeCount),
                stat(m.inRepair, .inRepairCount), stat(m.retired, .retiredCount), stat(m.loaners, .loanersCount)
            ),
            .h2(.text(ctx.t(.recentlyMoved))),
            .if(m.moves.isEmpty, .p(.class("hint"), .text(ctx.t(.noneYet))), else:
                .div(.class("card"), .ol(.class("timeline"), .forEach(m.moves) { move in
                    .li(.class("moved"),
                        .span(.class("when"), .text(f.instant(move.at))),
                        .a(.href(SiteURL.device(move.deviceID).path), .bdi(move.device)),
                        .p(.text(move.summary)))
                }))
            )
        )
    }
}
