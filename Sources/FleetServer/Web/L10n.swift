import FleetCore

/// Every string a page shows, in Persian and English. The switch is exhaustive, so a key
/// without both translations does not compile.
enum L10n: CaseIterable {
    case appName, signIn, signOut, email, password, wrongCredentials, home, customers, devices, loanerPool
    case language, switchLanguage, fleetAtAGlance, customersCount, devicesCount, activeCount, inRepairCount
    case retiredCount, loanersCount, recentlyMoved, noneYet, name, phone, address, sites, site, newCustomer
    case editCustomer, save, cancel, addSite, siteName, newDevice, editDevice, search, searchHint, filter
    case allCustomers, allSites, allDepartments, allStatuses, status, statusActive, statusInRepair, statusRetired
    case serialNumber, make, model, color, colorDevice, monoDevice, assetTag, floor, room, department
    case assignedUser, userEmail, userDepartment, ipAddress, snmpPort, snmpCommunity, conditions, temperature
    case humidity, dust, dustLow, dustMedium, dustHigh, power, powerNone, powerStabilizer, powerUPS, notes
    case installedOn, purchasePrice, history, specs, kind, monthlyDuty, speed, pagesPerMinuteUnit, location
    case deviceRecord, customer, exportCSV, previous, next, showing, of, noDevices, dateHint, edit, devicesAtSite
    case errorTitle, notFound, forbidden, badInput, backHome, eventCreated, eventEdited, eventMoved, eventReading
    case eventTicket, eventVisit, eventPartReplaced, eventLoan, by, from, to, lastReading, openTickets, unknown
    case yes, no, choose, pages, required, editSite, sitesCount, customerDevices, toman
    case registeredAt, changed, kindPrinter, kindCopier, kindMFP
    case plans, plan, contracts, contract, newContract, newPlan, editPlan, planCode, nameFa, nameEn, builtIn
    case pmVisitsPerYear, responseHours, partsCoverage, partsNone, partsWear, partsAll, tonerIncluded, remoteSupport
    case residentTechnician, loanerDevices, partWarrantyMonths, billing, billingFixed, billingPerPage, billingHybrid
    case monthlyFee, includedPages, monoPagePrice, colorPagePrice, startsOn, endsOn, period, terms, effectiveTerms
    case overrides, overridesHint, planValue, preview, schedule, pmVisit, secondPM, done, planned, renew, terminate
    case activate, warnings, statusDraft, statusExpired, statusTerminated, devicesInContract, selectAll, hours, months
    case noContracts, contractHistory, removeSelected, addDevices, weekdaysShort, holiday, friday, customerContracts
    case allDevicesOfCustomer, perMonth, perPage
    case holidays, everyYear, onceOn, month, day, date, add, delete, holidayHint
    case workReport, technician, workDone, chargeContract, chargeWarranty, chargeBillable, unitPrice, billed, total
    case signedBy, satisfaction, visitPM, visitRepair, visitInstall, started, finished, ticketNumber, quantity
    case warrantyUntil, signature, clientConfirmation, partsUsed, noParts, charge
    case board, tickets, ticket, newTicket, stageRemoteTriage, stageAwaitingDispatch, stageDispatched, stageOnSite
    case stageResolved, stageConfirmed, stageClosed, slaLeft, slaOverdue, covered, notCovered, likelyParts, channel
    case channelPhone, channelPortal, channelLabel, channelEmail, channelAgent, symptom, descriptionLabel, open
    case resolveRemotely, remoteNotes, dispatch, scheduledAt, myDay, noVisitsToday, completeVisit, findings
    case partNumber, signerName, comment, clearSignature, signHere, viewReport, residentQueue, hoursShort, minutesShort
    case noTickets, openTicketForDevice, visitFor, reportFault
    case parts, stock, ratedLife, price, compatibleModels, kindConsumable, kindWear, kindSpare, loans, lend, loaner
    case forDevice, dueOn, returned, returnLoaner, overdue, counter, newPart, receiveStock, warehouse, van
    case arrived, onSiteSince, pmChecklist

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .appName: ("فلیت‌کر", "FleetCare")
        case .signIn: ("ورود", "Sign in")
        case .signOut: ("خروج", "Sign out")
        case .email: ("ایمیل", "E-mail")
        case .password: ("گذرواژه", "Password")
        case .wrongCredentials: ("ایمیل یا گذرواژه نادرست است.", "Wrong e-mail or password.")
        case .home: ("خانه", "Home")
        case .customers: ("مشتریان", "Customers")
        case .devices: ("دستگاه‌ها", "Devices")
        case .loanerPool: ("دستگاه‌های جایگزین", "Loaner pool")
        case .language: ("زبان", "Language")
        case .switchLanguage: ("English", "فارسی")
        case .fleetAtAGlance: ("نمای کلی ناوگان", "The fleet at a glance")
        case .customersCount: ("مشتری", "customers")
        case .devicesCount: ("دستگاه", "devices")
        case .activeCount: ("فعال", "active")
        case .inRepairCount: ("در تعمیر", "in repair")
        case .retiredCount: ("از رده خارج", "retired")
        case .loanersCount: ("جایگزین", "loaners")
        case .recentlyMoved: ("جابه‌جایی‌های اخیر", "Recent moves")
        case .noneYet: ("هنوز چیزی ثبت نشده است.", "Nothing yet.")
        case .name: ("نام", "Name")
        case .phone: ("تلفن", "Phone")
        case .address: ("نشانی", "Address")
        case .sites: ("ساختمان‌ها", "Sites")
        case .site: ("ساختمان", "Site")
        case .newCustomer: ("مشتری جدید", "New customer")
        case .editCustomer: ("ویرایش مشتری", "Edit customer")
        case .save: ("ذخیره", "Save")
        case .cancel: ("انصراف", "Cancel")
        case .addSite: ("افزودن ساختمان", "Add a site")
        case .siteName: ("نام ساختمان", "Site name")
        case .newDevice: ("دستگاه جدید", "New device")
        case .editDevice: ("ویرایش دستگاه", "Edit device")
        case .search: ("جستجو", "Search")
        case .searchHint: ("سریال، برچسب اموال، مدل، کاربر، IP", "Serial, asset tag, model, user, IP")
        case .filter: ("اعمال", "Apply")
        case .allCustomers: ("همه مشتریان", "All customers")
        case .allSites: ("همه ساختمان‌ها", "All sites")
        case .allDepartments: ("همه واحدها", "All departments")
        case .allStatuses: ("همه وضعیت‌ها", "Any status")
        case .status: ("وضعیت", "Status")
        case .statusActive: ("فعال", "Active")
        case .statusInRepair: ("در تعمیر", "In repair")
        case .statusRetired: ("از رده خارج", "Retired")
        case .serialNumber: ("شماره سریال", "Serial number")
        case .make: ("سازنده", "Make")
        case .model: ("مدل", "Model")
        case .color: ("رنگ", "Colour")
        case .colorDevice: ("رنگی", "Colour")
        case .monoDevice: ("تک‌رنگ", "Mono")
        case .assetTag: ("برچسب اموال", "Asset tag")
        case .floor: ("طبقه", "Floor")
        case .room: ("اتاق", "Room")
        case .department: ("واحد", "Department")
        case .assignedUser: ("کاربر دستگاه", "Assigned user")
        case .userEmail: ("ایمیل کاربر", "User's e-mail")
        case .userDepartment: ("واحد کاربر", "User's department")
        case .ipAddress: ("نشانی IP", "IP address")
        case .snmpPort: ("درگاه SNMP", "SNMP port")
        case .snmpCommunity: ("کامیونیتی SNMP", "SNMP community")
        case .conditions: ("شرایط محیطی", "Physical conditions")
        case .temperature: ("دما (°C)", "Temperature (°C)")
        case .humidity: ("رطوبت (٪)", "Humidity (%)")
        case .dust: ("گرد و غبار", "Dust")
        case .dustLow: ("کم", "Low")
        case .dustMedium: ("متوسط", "Medium")
        case .dustHigh: ("زیاد", "High")
        case .power: ("حفاظت برق", "Power protection")
        case .powerNone: ("ندارد", "None")
        case .powerStabilizer: ("استابلایزر", "Stabilizer")
        case .powerUPS: ("یو‌پی‌اس", "UPS")
        case .notes: ("یادداشت", "Notes")
        case .installedOn: ("تاریخ نصب", "Installed on")
        case .purchasePrice: ("قیمت خرید (ریال)", "Purchase price (Rials)")
        case .history: ("تاریخچه", "History")
        case .specs: ("مشخصات", "Specifications")
        case .kind: ("نوع", "Kind")
        case .monthlyDuty: ("ظرفیت ماهانه (صفحه)", "Monthly duty (pages)")
        case .speed: ("سرعت", "Speed")
        case .pagesPerMinuteUnit: ("صفحه در دقیقه", "pages per minute")
        case .location: ("محل", "Location")
        case .deviceRecord: ("شناسنامه دستگاه", "Device record")
        case .customer: ("مشتری", "Customer")
        case .exportCSV: ("خروجی CSV", "Export CSV")
        case .previous: ("قبلی", "Previous")
        case .next: ("بعدی", "Next")
        case .showing: ("نمایش", "Showing")
        case .of: ("از", "of")
        case .noDevices: ("دستگاهی یافت نشد.", "No devices found.")
        case .dateHint: ("مثلاً ۱۴۰۵-۰۹-۰۳", "e.g. 2026-11-24 or 1405-09-03")
        case .edit: ("ویرایش", "Edit")
        case .devicesAtSite: ("دستگاه‌ها", "Devices")
        case .errorTitle: ("خطا", "Error")
        case .notFound: ("پیدا نشد.", "Not found.")
        case .forbidden: ("اجازه این کار را ندارید.", "You may not do this.")
        case .badInput: ("ورودی نادرست است", "The input is not valid")
        case .backHome: ("بازگشت به خانه", "Back home")
        case .eventCreated: ("ثبت دستگاه", "Registered")
        case .eventEdited: ("ویرایش", "Edited")
        case .eventMoved: ("جابه‌جایی", "Moved")
        case .eventReading: ("کنتور", "Meter reading")
        case .eventTicket: ("درخواست خدمت", "Ticket")
        case .eventVisit: ("بازدید", "Visit")
        case .eventPartReplaced: ("تعویض قطعه", "Part replaced")
        case .eventLoan: ("دستگاه جایگزین", "Loan")
        case .by: ("توسط", "by")
        case .from: ("از", "from")
        case .to: ("به", "to")
        case .lastReading: ("آخرین کنتور", "Last meter reading")
        case .openTickets: ("درخواست‌های باز", "Open tickets")
        case .unknown: ("نامشخص", "Unknown")
        case .yes: ("بله", "Yes")
        case .no: ("خیر", "No")
        case .choose: ("انتخاب کنید", "Choose")
        case .pages: ("صفحه", "pages")
        case .required: ("الزامی", "required")
        case .editSite: ("ویرایش ساختمان", "Edit site")
        case .sitesCount: ("ساختمان", "sites")
        case .customerDevices: ("دستگاه‌های مشتری", "The customer's devices")
        case .toman: ("تومان", "Toman")
        case .registeredAt: ("ثبت در", "Registered at")
        case .changed: ("تغییر", "Changed")
        case .kindPrinter: ("چاپگر", "Printer")
        case .kindCopier: ("دستگاه کپی", "Copier")
        case .kindMFP: ("چندکاره", "Multifunction")
        case .plans: ("انواع قرارداد", "Plans")
        case .plan: ("نوع قرارداد", "Plan")
        case .contracts: ("قراردادها", "Contracts")
        case .contract: ("قرارداد", "Contract")
        case .newContract: ("قرارداد جدید", "New contract")
        case .newPlan: ("نوع قرارداد جدید", "New plan")
        case .editPlan: ("ویرایش نوع قرارداد", "Edit plan")
        case .planCode: ("کد", "Code")
        case .nameFa: ("نام فارسی", "Persian name")
        case .nameEn: ("نام انگلیسی", "English name")
        case .builtIn: ("پیش‌فرض", "Built-in")
        case .pmVisitsPerYear: ("سرویس دوره‌ای در سال", "PM visits a year")
        case .responseHours: ("زمان پاسخ (ساعت)", "Response time (hours)")
        case .partsCoverage: ("پوشش قطعات", "Parts covered")
        case .partsNone: ("بدون قطعه", "None")
        case .partsWear: ("قطعات مصرفی-استهلاکی", "Wear parts")
        case .partsAll: ("همه قطعات", "All parts")
        case .tonerIncluded: ("تونر شامل است", "Toner included")
        case .remoteSupport: ("خدمات راه دور", "Remote support")
        case .residentTechnician: ("نیروی مقیم", "Resident technician")
        case .loanerDevices: ("دستگاه جایگزین (تعداد)", "Loaner devices")
        case .partWarrantyMonths: ("گارانتی قطعات (ماه)", "Part warranty (months)")
        case .billing: ("نحوه صورتحساب", "Billing")
        case .billingFixed: ("مبلغ ثابت", "Fixed fee")
        case .billingPerPage: ("به ازای صفحه", "Per page")
        case .billingHybrid: ("ثابت و صفحه‌ای", "Fee and pages")
        case .monthlyFee: ("مبلغ ماهانه هر دستگاه (ریال)", "Monthly fee per device (Rials)")
        case .includedPages: ("صفحات رایگان هر دستگاه", "Pages included per device")
        case .monoPagePrice: ("هر صفحه تک‌رنگ (ریال)", "Mono page (Rials)")
        case .colorPagePrice: ("هر صفحه رنگی (ریال)", "Colour page (Rials)")
        case .startsOn: ("تاریخ شروع", "Starts on")
        case .endsOn: ("تاریخ پایان", "Ends on")
        case .period: ("دوره", "Period")
        case .terms: ("شرایط", "Terms")
        case .effectiveTerms: ("شرایط نهایی قرارداد", "Effective terms")
        case .overrides: ("تغییر شرایط برای این مشتری", "Customise for this client")
        case .overridesHint: ("خالی بگذارید تا شرط نوع قرارداد بماند.", "Leave empty to keep the plan's term.")
        case .planValue: ("نوع قرارداد", "Plan")
        case .preview: ("پیش‌نمایش شرایط", "Preview terms")
        case .schedule: ("برنامه سرویس دوره‌ای", "PM schedule")
        case .pmVisit: ("سرویس دوره‌ای", "PM visit")
        case .secondPM: ("دومین سرویس دوره (گزارش مصرف)", "Second PM of the period (consumption report)")
        case .done: ("انجام شده", "Done")
        case .planned: ("برنامه‌ریزی شده", "Planned")
        case .renew: ("تمدید", "Renew")
        case .terminate: ("فسخ", "Terminate")
        case .activate: ("فعال‌سازی", "Activate")
        case .warnings: ("هشدارها", "Warnings")
        case .statusDraft: ("پیش‌نویس", "Draft")
        case .statusExpired: ("منقضی", "Expired")
        case .statusTerminated: ("فسخ شده", "Terminated")
        case .devicesInContract: ("دستگاه‌های قرارداد", "Devices in the contract")
        case .selectAll: ("انتخاب همه", "Select all")
        case .hours: ("ساعت", "hours")
        case .months: ("ماه", "months")
        case .noContracts: ("قراردادی نیست.", "No contracts.")
        case .contractHistory: ("سابقه قرارداد", "Contract history")
        case .removeSelected: ("حذف دستگاه‌های انتخاب‌شده از قرارداد", "Remove the selected devices")
        case .addDevices: ("افزودن دستگاه‌های انتخاب‌شده", "Add the selected devices")
        case .weekdaysShort: ("ش ی د س چ پ ج", "Sa Su Mo Tu We Th Fr")
        case .holiday: ("تعطیل", "Holiday")
        case .friday: ("جمعه", "Friday")
        case .customerContracts: ("قراردادهای مشتری", "The customer's contracts")
        case .allDevicesOfCustomer: ("همه دستگاه‌های مشتری", "All of the customer's devices")
        case .perMonth: ("در ماه", "a month")
        case .perPage: ("هر صفحه", "a page")
        case .holidays: ("تعطیلات", "Holidays")
        case .everyYear: ("هر سال", "every year")
        case .onceOn: ("یک‌بار", "once")
        case .month: ("ماه", "Month")
        case .day: ("روز", "Day")
        case .date: ("تاریخ", "Date")
        case .add: ("افزودن", "Add")
        case .delete: ("حذف", "Delete")
        case .workReport: ("گزارش کار", "Work report")
        case .technician: ("تکنسین", "Technician")
        case .workDone: ("شرح کار انجام‌شده", "Work done")
        case .chargeContract: ("تحت قرارداد", "Contract")
        case .chargeWarranty: ("گارانتی", "Warranty")
        case .chargeBillable: ("قابل پرداخت", "Billable")
        case .unitPrice: ("قیمت واحد", "Unit price")
        case .billed: ("مبلغ قابل پرداخت", "Billed")
        case .total: ("جمع", "Total")
        case .signedBy: ("تأیید کننده", "Signed by")
        case .satisfaction: ("رضایت", "Satisfaction")
        case .visitPM: ("سرویس دوره‌ای", "Preventive maintenance")
        case .visitRepair: ("تعمیر", "Repair")
        case .visitInstall: ("نصب", "Installation")
        case .started: ("شروع", "Started")
        case .finished: ("پایان", "Finished")
        case .ticketNumber: ("شماره درخواست", "Ticket no.")
        case .quantity: ("تعداد", "Qty")
        case .warrantyUntil: ("گارانتی تا", "Warranty until")
        case .signature: ("امضا", "Signature")
        case .clientConfirmation: ("تأیید مشتری", "Client's confirmation")
        case .partsUsed: ("قطعات تعویض‌شده", "Parts replaced")
        case .noParts: ("قطعه‌ای تعویض نشد.", "No parts were replaced.")
        case .charge: ("پرداخت", "Charged to")
        case .board: ("میز توزیع", "Dispatch board")
        case .tickets: ("درخواست‌ها", "Tickets")
        case .ticket: ("درخواست خدمت", "Ticket")
        case .newTicket: ("ثبت درخواست خدمت", "New ticket")
        case .stageRemoteTriage: ("بررسی از راه دور", "Remote triage")
        case .stageAwaitingDispatch: ("در انتظار اعزام", "Awaiting dispatch")
        case .stageDispatched: ("اعزام شده", "Dispatched")
        case .stageOnSite: ("در محل", "On site")
        case .stageResolved: ("رفع شده", "Resolved")
        case .stageConfirmed: ("تأیید مشتری", "Confirmed")
        case .stageClosed: ("بسته", "Closed")
        case .slaLeft: ("مانده تا مهلت پاسخ", "left to respond")
        case .slaOverdue: ("از مهلت پاسخ گذشته", "past the response time")
        case .covered: ("تحت پوشش قرارداد", "Covered")
        case .notCovered: ("خارج از قرارداد", "Not covered")
        case .likelyParts: ("قطعات محتمل خرابی", "Likely faulty parts")
        case .channel: ("راه تماس", "Channel")
        case .channelPhone: ("تلفن", "Phone")
        case .channelPortal: ("پرتال", "Portal")
        case .channelLabel: ("برچسب دستگاه", "Device label")
        case .channelEmail: ("ایمیل", "E-mail")
        case .channelAgent: ("عامل جمع‌آوری", "Collector")
        case .symptom: ("نشانه خرابی", "Symptom")
        case .descriptionLabel: ("شرح مشکل", "What is wrong")
        case .open: ("باز", "Open")
        case .resolveRemotely: ("رفع از راه دور", "Resolve remotely")
        case .remoteNotes: ("شرح رفع از راه دور", "What was done remotely")
        case .dispatch: ("اعزام تکنسین", "Dispatch a technician")
        case .scheduledAt: ("زمان مراجعه", "Scheduled for")
        case .myDay: ("کارهای امروز", "My day")
        case .noVisitsToday: ("امروز بازدیدی ندارید.", "No visits today.")
        case .completeVisit: ("ثبت پایان کار", "Complete the visit")
        case .findings: ("شرح کار و یافته‌ها", "Work done and findings")
        case .partNumber: ("شماره قطعه", "Part number")
        case .signerName: ("نام تأییدکننده", "Signer's name")
        case .comment: ("نظر مشتری", "Client's comment")
        case .clearSignature: ("پاک کردن امضا", "Clear the signature")
        case .signHere: ("اینجا امضا کنید", "Sign here")
        case .viewReport: ("مشاهده گزارش کار", "View the work report")
        case .residentQueue: ("نیروی مقیم", "Resident technician")
        case .hoursShort: ("ساعت", "h")
        case .minutesShort: ("دقیقه", "min")
        case .noTickets: ("درخواست بازی نیست.", "No open tickets.")
        case .openTicketForDevice: ("ثبت درخواست خدمت برای این دستگاه", "Open a ticket for this device")
        case .visitFor: ("بازدید", "Visit")
        case .reportFault: ("گزارش خرابی", "Report a fault")
        case .parts: ("قطعات و انبار", "Parts and stock")
        case .stock: ("موجودی", "Stock")
        case .ratedLife: ("عمر اسمی (صفحه)", "Rated life (pages)")
        case .price: ("قیمت (ریال)", "Price (Rials)")
        case .compatibleModels: ("مدل‌های سازگار", "Fits models")
        case .kindConsumable: ("مصرفی", "Consumable")
        case .kindWear: ("استهلاکی", "Wear part")
        case .kindSpare: ("یدکی", "Spare part")
        case .loans: ("دستگاه‌های امانی", "Loans")
        case .lend: ("امانت دادن", "Lend")
        case .loaner: ("دستگاه جایگزین", "Loaner")
        case .forDevice: ("به جای دستگاه", "For device")
        case .dueOn: ("موعد بازگشت", "Due back")
        case .returned: ("بازگشته", "Returned")
        case .returnLoaner: ("ثبت بازگشت", "Record the return")
        case .overdue: ("دیرکرد", "Overdue")
        case .counter: ("کنتور", "Counter")
        case .newPart: ("قطعه جدید", "New part")
        case .receiveStock: ("ورود به انبار", "Receive stock")
        case .warehouse: ("انبار مرکزی", "Main warehouse")
        case .van: ("خودروی تکنسین", "Technician's van")
        case .arrived: ("رسیدم", "I have arrived")
        case .onSiteSince: ("در محل از", "On site since")
        case .pmChecklist: ("چک‌لیست سرویس دوره‌ای", "PM checklist")
        case .holidayHint: ("تعطیلی ثابت: ماه و روز خورشیدی. تعطیلی قمری امسال: فقط تاریخ.", "A fixed holiday: Solar Hijri month and day. This year's lunar holiday: a date only.")
        }
    }

    static func contractStatus(_ raw: String) -> L10n {
        switch raw {
        case "draft": .statusDraft
        case "expired": .statusExpired
        case "terminated": .statusTerminated
        default: .statusActive
        }
    }

    static func parts(_ p: PartsCoverage) -> L10n {
        switch p { case .none: .partsNone; case .wear: .partsWear; case .all: .partsAll }
    }

    static func billing(_ b: BillingModel) -> L10n {
        switch b { case .fixed: .billingFixed; case .perPage: .billingPerPage; case .hybrid: .billingHybrid }
    }

    static func status(_ raw: String) -> L10n {
        switch raw {
        case "inRepair": .statusInRepair
        case "retired": .statusRetired
        default: .statusActive
        }
    }

    static func event(_ raw: String) -> L10n {
        switch raw {
        case "created": .eventCreated
        case "moved": .eventMoved
        case "reading": .eventReading
        case "ticket": .eventTicket
        case "visit": .eventVisit
        case "partReplaced": .eventPartReplaced
        case "loan": .eventLoan
        default: .eventEdited
        }
    }

    static func stage(_ raw: String) -> L10n {
        switch raw {
        case "remoteTriage": .stageRemoteTriage
        case "awaitingDispatch": .stageAwaitingDispatch
        case "dispatched": .stageDispatched
        case "onSite": .stageOnSite
        case "resolved": .stageResolved
        case "confirmed": .stageConfirmed
        default: .stageClosed
        }
    }

    static func channel(_ raw: String) -> L10n {
        switch raw {
        case "portal": .channelPortal
        case "label": .channelLabel
        case "email": .channelEmail
        case "agent": .channelAgent
        default: .channelPhone
        }
    }

    static func charge(_ raw: String) -> L10n {
        switch raw {
        case "contract": .chargeContract
        case "warranty": .chargeWarranty
        default: .chargeBillable
        }
    }

    static func visit(_ raw: String) -> L10n {
        switch raw {
        case "pm": .visitPM
        case "install": .visitInstall
        default: .visitRepair
        }
    }

    static func partKind(_ k: PartKind) -> L10n {
        switch k { case .consumable: .kindConsumable; case .wear: .kindWear; case .spare: .kindSpare }
    }

    static func kind(_ raw: String) -> L10n {
        switch raw {
        case "copier": .kindCopier
        case "mfp": .kindMFP
        default: .kindPrinter
        }
    }

    /// The label of a device field as the history names it, or nil for a field with no label.
    static func field(_ key: String) -> L10n? {
        let labels: [String: L10n] = [
            "serialNumber": .serialNumber, "make": .make, "model": .model, "color": .color, "status": .status,
            "assetTag": .assetTag, "site": .site, "floor": .floor, "room": .room, "department": .department,
            "assignedUser.name": .assignedUser, "assignedUser.email": .userEmail, "assignedUser.department": .userDepartment,
            "ipAddress": .ipAddress, "snmpPort": .snmpPort, "snmpCommunity": .snmpCommunity,
            "conditions.temperatureC": .temperature, "conditions.humidityPercent": .humidity, "conditions.dust": .dust,
            "conditions.powerProtection": .power, "conditions.notes": .notes, "installedOn": .installedOn,
            "purchasePriceRials": .purchasePrice,
        ]
        return labels[key]
    }

    static func dust(_ d: DustLevel) -> L10n {
        switch d { case .low: .dustLow; case .medium: .dustMedium; case .high: .dustHigh }
    }

    static func power(_ p: PowerProtection) -> L10n {
        switch p { case .none: .powerNone; case .stabilizer: .powerStabilizer; case .ups: .powerUPS }
    }
}
