import FleetCore

/// Which catalog entry names a stored value.
extension L10n {
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

    static func priority(_ p: TicketPriority) -> L10n {
        switch p {
        case .urgent: .priorityUrgent
        case .normal: .priorityNormal
        case .low: .priorityLow
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

    static func recommendation(_ r: Recommendation) -> L10n {
        switch r { case .keep: .recommendKeep; case .watch: .recommendWatch; case .replace: .recommendReplace; case .relocate: .recommendRelocate }
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

    static func readingSource(_ raw: String) -> L10n {
        switch raw {
        case "snmp": .sourceSnmp
        case "visit": .sourceVisit
        case "import": .sourceImport
        default: .sourceManual
        }
    }

    static func power(_ p: PowerProtection) -> L10n {
        switch p { case .none: .powerNone; case .stabilizer: .powerStabilizer; case .ups: .powerUPS }
    }
}
