import FleetCore

/// A refused form said in Persian: the field by the label a person sees, never the API's name for it.
enum FieldText {
    /// The field's label as the forms show it, by the API's field name (its last part: `signOff.signerName`,
    /// `readings.0.totalPages`, `o_responseHours`). Unknown names get no label.
    static func label(_ field: String) -> String? {
        let key = field.split(separator: ".").last.map(String.init) ?? field
        let name = key.hasPrefix("o_") ? String(key.dropFirst(2)) : key
        if let label = labels[name] { return label }
        if name.hasPrefix("meter_") || name == "totalPages" { return "کنتور" }
        if name.hasPrefix("qty") || name == "quantity" { return "تعداد" }
        if name.hasPrefix("part") { return "قطعه" }
        return nil
    }

    static func refused(field: String) -> String {
        guard let label = label(field) else { return "مقداری که وارد شد پذیرفته نشد؛ فرم را بررسی کنید." }
        return "«\(label)» پذیرفته نشد؛ آن را بررسی و دوباره ثبت کنید."
    }

    /// A refused action that names no field: a conflict with the record's state, by its code.
    /// Refusals whose code says more than the field it names.
    static let explainedByCode: Set<String> = ["seller_identity_missing", "buyer_identity_missing", "insufficient_stock"]

    static func refusedAction(code: String) -> String {
        switch code {
        case "wrong_stage": "این کار در مرحلهٔ فعلی درخواست ممکن نیست؛ صفحه را تازه کنید."
        case "insufficient_stock": "موجودی انبار برای این کار کافی نیست."
        case "seller_identity_missing":
            "صدور صورتحساب رسمی شناسهٔ ملی، کد اقتصادی و نشانی فروشنده را می‌خواهد. مدیر سرور آن‌ها را در پیکربندی تنظیم می‌کند: FLEETCARE_SELLER_NATIONAL_ID و FLEETCARE_SELLER_ECONOMIC_CODE و FLEETCARE_SELLER_ADDRESS."
        case "buyer_identity_missing": "برای صدور، شناسهٔ ملی یا کد اقتصادی خریدار را در صفحهٔ مشتری وارد کنید."
        case "loaner_out", "loaner_busy": "این دستگاه امانی اکنون نزد مشتری دیگری است."
        case "duplicate", "conflict": "رکوردی با همین مشخصات از پیش ثبت شده است."
        default: "این کار انجام نشد: وضعیت فعلی اجازه نمی‌دهد. صفحه را تازه کنید و دوباره امتحان کنید."
        }
    }

    private static let labels: [String: String] = [
        "name": "نام", "nameFa": "نام فارسی", "nameEn": "نام انگلیسی", "customerId": "مشتری", "customer": "مشتری",
        "to": "تا تاریخ", "from": "از تاریخ", "code": "کد", "status": "وضعیت", "model": "مدل", "make": "سازنده",
        "snmpPort": "درگاه SNMP", "phone": "تلفن", "siteId": "ساختمان", "site": "ساختمان", "loanerDeviceId": "دستگاه امانی",
        "installedOn": "تاریخ نصب", "deviceIds": "دستگاه‌ها", "deviceId": "دستگاه", "address": "نشانی", "symptom": "نشانهٔ خرابی",
        "room": "اتاق", "floor": "طبقه", "department": "واحد", "kind": "نوع", "finishedAt": "پایان", "startedAt": "شروع",
        "endsOn": "تاریخ پایان", "startsOn": "تاریخ شروع", "email": "ایمیل", "description": "شرح", "comment": "نظر",
        "assetTag": "برچسب اموال", "technicianId": "تکنسین", "residentTechnicianId": "تکنسین مقیم", "serialNumber": "شماره سریال",
        "forSerial": "شماره سریال دستگاه مشتری", "purchasePriceRials": "قیمت خرید", "priceRials": "قیمت", "minutes": "مدت (دقیقه)",
        "ipAddress": "نشانی IP", "dueOn": "موعد بازگشت", "date": "تاریخ", "day": "روز", "on": "تاریخ", "contractId": "قرارداد",
        "temperatureC": "دما", "humidityPercent": "رطوبت", "notes": "یادداشت", "note": "یادداشت", "color": "رنگ",
        "tried": "چه کارهایی انجام شد", "method": "روش", "toLocationId": "مقصد", "ticketId": "درخواست", "scheduledAt": "زمان مراجعه",
        "signerName": "نام تأییدکننده", "signature": "امضا", "satisfaction": "رضایت", "reason": "دلیل", "ratedLifePages": "عمر اسمی (صفحه)",
        "priority": "اولویت", "planCode": "نوع قرارداد", "password": "گذرواژه", "partsUsed": "قطعات", "nationalId": "شناسهٔ ملی",
        "monoPages": "صفحات تک‌رنگ", "colorPages": "صفحات رنگی", "duplexPages": "صفحات دورو", "findings": "شرح کار و یافته‌ها",
        "checklist": "فهرست بازبینی", "channel": "راه تماس", "callerPhone": "تلفن تماس‌گیرنده", "callerName": "نام تماس‌گیرنده",
        "user": "کاربر", "role": "نقش", "economicCode": "کد اقتصادی", "postalCode": "کد پستی", "responseHours": "مهلت پاسخ (ساعت)",
        "pmVisitsPerYear": "سرویس دوره‌ای در سال", "monthlyFeeRials": "مبلغ ماهانه", "community": "کامیونیتی SNMP",
        "partWarrantyMonths": "گارانتی قطعه (ماه)", "loanerDevices": "دستگاه امانی هم‌زمان", "partsCoverage": "پوشش قطعات",
        "tonerIncluded": "تونر", "remoteSupport": "پشتیبانی از راه دور", "residentTechnician": "تکنسین مقیم",
        "monthlyFeePerDeviceRials": "مبلغ ماهانهٔ هر دستگاه", "includedPagesPerDevice": "صفحات رایگان هر دستگاه",
        "monoPageRials": "بهای صفحهٔ تک‌رنگ", "colorPageRials": "بهای صفحهٔ رنگی",
        "skipReason": "دلیل انجام‌نشدن سرویس", "outcome": "نتیجه", "reading": "کنتور", "devices": "دستگاه‌ها",
    ]
}
