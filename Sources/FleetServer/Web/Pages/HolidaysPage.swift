import FleetCore
import Plot

/// The holiday list PM visits avoid, for the admin to keep up to date.
enum HolidaysPage {
    struct Model {
        var holidays: [API.HolidaysController.HolidayDTO]
        var canEdit: Bool
        var error: String?
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(.holidays), ctx,
            .h1(.text(ctx.t(.holidays))),
            Layout.errorBox(m.error),
            .table(.tbody(.forEach(m.holidays) { h in
                .tr(.td(.text(h.name)),
                    .td(.text(when(h, f, ctx))),
                    .td(.if(m.canEdit, .form(.class("inline"), .method(.post), .action(SiteURL.deleteHoliday(h.id).path),
                                             Layout.csrf(ctx), .button(.type(.submit), .class("link"), .text(ctx.t(.delete)))))))
            })),
            .if(m.canEdit, .form(.class("card"), .method(.post), .action(SiteURL.holidays.path),
                Layout.csrf(ctx),
                .h2(.text(ctx.t(.add))),
                .p(.class("hint"), .text(ctx.t(.holidayHint))),
                Layout.field(ctx.t(.name), "name", value: nil, required: true),
                .div(.class("grid2"),
                    Layout.select(ctx.t(.month), "month", selected: nil,
                                  options: (1...12).map { (String($0), f.monthName($0)) }, empty: "—"),
                    Layout.field(ctx.t(.day), "day", value: nil, attributes: [.attribute(named: "inputmode", value: "numeric")])),
                Layout.field(ctx.t(.date), "date", value: nil, hint: ctx.t(.dateHint)),
                .button(.type(.submit), .text(ctx.t(.add)))))
        )
    }

    static func when(_ h: API.HolidaysController.HolidayDTO, _ f: DisplayFormat, _ ctx: PageContext) -> String {
        if let m = h.month, let d = h.day { return "\(f.number(d)) \(f.monthName(m)) · \(ctx.t(.everyYear))" }
        return h.date.flatMap(CalendarDay.init(iso:)).map { "\(f.day($0)) · \(ctx.t(.onceOn))" } ?? ""
    }
}
