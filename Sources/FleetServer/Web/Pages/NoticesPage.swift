import FleetCore
import Plot

/// The signed-in user's notifications, newest first, unread ones in bold.
enum NoticesPage {
    struct Model {
        let notices: [NoticeDTO]
        let total: Int
    }

    static func render(_ m: Model, _ ctx: PageContext) -> HTML {
        let f = ctx.format
        return Layout.page(ctx.t(NoticeText.notifications), ctx,
            .h1(.text(ctx.t(NoticeText.notifications))),
            .if(m.notices.contains { $0.readAt == nil },
                .form(.class("actions"), .method(.post), .action(SiteURL.readAllNotices.path), Layout.csrf(ctx),
                      .button(.type(.submit), .class("link"), .text(ctx.t(NoticeText.markAllRead))))),
            .if(m.notices.isEmpty, .p(.class("hint"), .text(ctx.t(NoticeText.noNotices))), else:
                .ul(.class("notices card"), .forEach(m.notices) { n in
                    .li(.class(n.readAt == nil ? "unread" : "read"),
                        .a(.href(SiteURL.openNotice(n.id).path), .text(ctx.language == .fa ? n.textFa : n.textEn)),
                        .br(), .small(.class("hint"), .text(f.instant(n.createdAt))))
                }))
        )
    }
}

/// The words of notifications, in Persian and English.
enum NoticeText: CaseIterable {
    case notifications, markAllRead, noNotices

    func text(_ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch self {
        case .notifications: ("اعلان‌ها", "Notifications")
        case .markAllRead: ("همه را خوانده‌شده علامت بزن", "Mark all as read")
        case .noNotices: ("اعلانی نیست.", "No notifications.")
        }
        return language == .fa ? fa : en
    }
}

extension PageContext {
    func t(_ key: NoticeText) -> String { key.text(language) }
}
