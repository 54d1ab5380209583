extension SNMPClient {
    /// Every row of several table columns at once: one GETBULK (v2c) or GETNEXT (v1) carries a cursor per
    /// column still going, so a printer's tables take a few round trips rather than one per column.
    /// Columns of different lengths are fine: a column is done when the agent's answer leaves it.
    public func walk(columns: [OID], from target: SNMPTarget, maxVarBinds: Int = 48, limit: Int = 2_000) async throws -> [OID: [VarBind]] {
        try await walk(cursors: columns.map { ($0, $0) }, from: target, maxVarBinds: maxVarBinds, limit: limit)
    }

    /// Walks on from where each cursor stands (`at`, inside its `column`).
    func walk(cursors start: [(column: OID, at: OID)], from target: SNMPTarget, maxVarBinds: Int = 48,
              limit: Int = 2_000) async throws -> [OID: [VarBind]] {
        var found: [OID: [VarBind]] = [:]
        var cursors = start
        var total = 0
        while !cursors.isEmpty, total < limit {
            let asked = cursors.map(\.at)
            let reps = max(1, maxVarBinds / asked.count)
            let binds = target.version == .v1
                ? try await send(.getNext, asked, to: target).varBinds
                : try await send(.getBulk, asked, to: target, maxRepetitions: reps).varBinds
            // GETBULK answers row by row: binding i belongs to cursor i % count. GETNEXT is the one-row case.
            var next: [(column: OID, at: OID)] = []
            var finished = Set<Int>()
            var latest = cursors.map(\.at)
            for (i, bind) in binds.enumerated() {
                let c = i % cursors.count
                guard !finished.contains(c) else { continue }
                let column = cursors[c].column
                guard bind.oid.hasPrefix(column), !bind.value.isException, bind.oid > latest[c] else {
                    finished.insert(c)
                    continue
                }
                found[column, default: []].append(bind)
                latest[c] = bind.oid
                total += 1
            }
            for (c, cursor) in cursors.enumerated() where !finished.contains(c) && latest[c] != cursor.at {
                next.append((cursor.column, latest[c]))
            }
            cursors = next
        }
        return found
    }

    /// A GET that tolerates objects the agent lacks: v2c marks them per binding; a v1 agent refuses the
    /// whole request with noSuchName (2) naming one, which is dropped and the rest asked again.
    public func getPresent(_ oids: [OID], from target: SNMPTarget) async throws -> [OID: SNMPValue] {
        var asking = oids
        while !asking.isEmpty {
            do {
                let binds = try await get(asking, from: target)
                var values: [OID: SNMPValue] = [:]
                for b in binds where !b.value.isException && b.value != .null { values[b.oid] = b.value }
                return values
            } catch let SNMPError.agentError(_, status, index) where status == 2 && index >= 1 && index <= asking.count {
                asking.remove(at: index - 1)
            }
        }
        return [:]
    }
}
