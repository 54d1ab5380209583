import FleetCore

/// The words of invoices and the official sales invoice form, in Persian and English. Kept apart from
/// `L10n` so each area's text stays in one short switch.
enum BillingText: CaseIterable {
    case invoices, invoice, creditNote, draftInvoice, salesInvoiceTitle, creditNoteTitle, number, issuedOn, seller, buyer
    case nationalId, economicCode, postalCode, row, descriptionOfGoods, unitPriceRials, amountRials, subtotal, vat
    case payable, inWords, rials, attachedWorkReports, noWorkReports, pendingWorkReports, serviceCost, sellerSignature, buyerSignature, makeDraft, issue
    case deleteDraft, makeCreditNote, creditReason, credits, creditedBy, statusIssued, noInvoices, deviceMonths
    case includedPagesPooled, draftNotice, missingSellerDetails, missingBuyerDetails, print, periodOfService
    case taxIdentity

    func text(_ language: Language) -> String {
        let (fa, en) = pair
        return language == .fa ? fa : en
    }

    private var pair: (String, String) {
        switch self {
        case .invoices: ("صورتحساب‌ها", "Invoices")
        case .invoice: ("صورتحساب", "Invoice")
        case .creditNote: ("صورتحساب اصلاحی", "Credit note")
        case .draftInvoice: ("پیش‌نویس صورتحساب", "Draft invoice")
        case .salesInvoiceTitle: ("صورتحساب فروش کالا و خدمات", "Sales invoice for goods and services")
        case .creditNoteTitle: ("صورتحساب اصلاحی (برگشت از فروش)", "Credit note (return of sale)")
        case .number: ("شماره", "No.")
        case .issuedOn: ("تاریخ صدور", "Issued on")
        case .seller: ("مشخصات فروشنده", "Seller")
        case .buyer: ("مشخصات خریدار", "Buyer")
        case .nationalId: ("شناسه ملی / کد ملی", "National ID")
        case .economicCode: ("کد اقتصادی", "Economic code")
        case .postalCode: ("کد پستی", "Postal code")
        case .row: ("ردیف", "#")
        case .descriptionOfGoods: ("شرح کالا یا خدمات", "Goods or services")
        case .unitPriceRials: ("مبلغ واحد (ریال)", "Unit price (Rials)")
        case .amountRials: ("مبلغ کل (ریال)", "Amount (Rials)")
        case .subtotal: ("جمع مبلغ پیش از مالیات", "Subtotal")
        case .vat: ("مالیات و عوارض ارزش افزوده", "Value added tax")
        case .payable: ("مبلغ قابل پرداخت", "Total payable")
        case .inWords: ("مبلغ به حروف", "In words")
        case .rials: ("ریال", "Rials")
        case .attachedWorkReports: ("گزارش‌های کار پیوست", "Work reports attached")
        case .noWorkReports: ("در این دوره گزارش کار تأییدشده‌ای نیست.", "No approved work reports in this period.")
        case .serviceCost: ("هزینه خدمات: قرارداد و قطعات (ریال)", "Service: contract and parts billed (Rials)")
        case .pendingWorkReports: ("گزارش‌های کار در انتظار تأیید مشتری (پیوست نشده)", "Work reports awaiting the client's approval (not attached)")
        case .sellerSignature: ("مهر و امضای فروشنده", "Seller's stamp and signature")
        case .buyerSignature: ("مهر و امضای خریدار", "Buyer's stamp and signature")
        case .makeDraft: ("تهیه پیش‌نویس صورتحساب", "Make a draft invoice")
        case .issue: ("صدور صورتحساب", "Issue invoice")
        case .deleteDraft: ("حذف پیش‌نویس", "Delete draft")
        case .makeCreditNote: ("صدور صورتحساب اصلاحی", "Issue a credit note")
        case .creditReason: ("علت اصلاح", "Reason for the correction")
        case .credits: ("اصلاح صورتحساب شماره", "Corrects invoice no.")
        case .creditedBy: ("اصلاح‌شده با صورتحساب شماره", "Corrected by no.")
        case .statusIssued: ("صادرشده", "Issued")
        case .noInvoices: ("صورتحسابی نیست.", "No invoices.")
        case .deviceMonths: ("دستگاه-ماه", "Device-months")
        case .includedPagesPooled: ("صفحات رایگان قرارداد", "Pages included by the contract")
        case .draftNotice: ("پیش‌نویس: ارقام هنگام صدور دوباره محاسبه می‌شوند و شماره می‌گیرند.",
                            "Draft: the figures are worked out again and numbered when it is issued.")
        case .missingSellerDetails: ("شناسهٔ ملی، کد اقتصادی یا نشانی فروشنده تنظیم نشده است و صورتحساب صادر نمی‌شود (FLEETCARE_SELLER_NATIONAL_ID، FLEETCARE_SELLER_ECONOMIC_CODE، FLEETCARE_SELLER_ADDRESS).",
                                     "The seller's national ID, economic code or address is not set, so the invoice cannot be issued (FLEETCARE_SELLER_NATIONAL_ID, FLEETCARE_SELLER_ECONOMIC_CODE, FLEETCARE_SELLER_ADDRESS).")
        case .missingBuyerDetails: ("برای صدور، شناسه ملی یا کد اقتصادی خریدار را در مشخصات مشتری وارد کنید.",
                                    "To issue it, add the buyer's national ID or economic code to the customer.")
        case .print: ("چاپ", "Print")
        case .periodOfService: ("دوره خدمات", "Period of service")
        case .taxIdentity: ("مشخصات مالیاتی", "Tax identifiers")
        }
    }
}

extension PageContext {
    func t(_ key: BillingText) -> String { key.text(language) }
}
