import FleetCore
import Plot

/// The signed-in user's notifications, newest first, unread ones in bold.
enum NoticesPage {
    struct Model {
        let notices: [NoticeDTO]
        let total: Int
        var phone: String? = nil
        var notifySMS = false
        var notifyEmail = false
        var email = ""
        var error: String? = nil
        /// For admins: messages that could not be sent, with why.
        var failed: [API.NotificationsController.DeliveryDTO]? = nil
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
                })),
            .form(.class("card"), .method(.post), .action(SiteURL.noticeSettings.path),
                Layout.csrf(ctx),
                .h2(.text(ctx.t(NoticeText.bySMS))),
                Layout.errorBox(m.error),
                Layout.field(ctx.t(NoticeText.mobile), "phone", value: m.phone, type: .tel,
                             attributes: [.attribute(named: "dir", value: "ltr"), .attribute(named: "inputmode", value: "tel")]),
                .div(.class("field"), .label(
                    .input(.type(.checkbox), .name("notifySms"), .value("on"), .checked(m.notifySMS)),
                    .text(" " + ctx.t(NoticeText.sendSMS)))),
                .div(.class("field"), .label(
                    .input(.type(.checkbox), .name("notifyEmail"), .value("on"), .checked(m.notifyEmail)),
                    .text(" " + ctx.t(NoticeText.sendEmail) + " "), .span(.dir(.leftToRight), .text(m.email)))),
                .button(.type(.submit), .text(ctx.t(.save)))),
            .unwrap(m.failed) { failed in
                .div(.class("card"),
                    .h2(.text(ctx.t(NoticeText.undelivered))),
                    .if(failed.isEmpty, .p(.class("hint"), .text("—")), else:
                        .table(.tbody(.forEach(failed) { d in
                            .tr(.td(.text(f.instant(d.createdAt))), .td(.span(.dir(.leftToRight), .text("\(d.channel) · \(d.address)"))),
                                .td(.text(f.number(d.attempts))), .td(.small(.text(d.lastError ?? ""))))
                        }))))
            }
        )
    }
}

/// The words of notifications, in Persian and English.
enum NoticeText: CaseIterable {
    case notifications, markAllRead, noNotices, bySMS, mobile, sendSMS, sendEmail, undelivered

    func text(_ language: FleetCore.Language) -> String {
        let (fa, en): (String, String) = switch self {
        case .notifications: ("اعلان‌ها", "Notifications")
        case .markAllRead: ("همه را خوانده‌شده علامت بزن", "Mark all as read")
        case .noNotices: ("اعلانی نیست.", "No notifications.")
        case .bySMS: ("اعلان با پیامک و ایمیل", "Notifications by SMS and e-mail")
        case .sendEmail: ("اعلان‌ها برایم ایمیل شود به", "E-mail me my notifications at")
        case .mobile: ("شماره همراه", "Mobile number")
        case .sendSMS: ("اعلان‌ها برایم پیامک شود", "Text me my notifications")
        case .undelivered: ("پیام‌هایی که فرستاده نشد", "Messages that could not be sent")
        }
        return language == .fa ? fa : en
    }
}

extension PageContext {
    func t(_ key: NoticeText) -> String { key.text(language) }
}
