import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Where and how to reach one printer's agent.
public struct SNMPTarget: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var community: String
    public var version: SNMPVersion
    /// How long to wait for each try, and how many tries after the first.
    public var timeout: Duration
    public var retries: Int

    public init(host: String, port: Int = 161, community: String = "public", version: SNMPVersion = .v2c,
                timeout: Duration = .seconds(2), retries: Int = 1) {
        self.host = host
        self.port = port
        self.community = community
        self.version = version
        self.timeout = timeout
        self.retries = retries
    }

    public var name: String { "\(host):\(port)" }
}

/// Why a printer could not be read, in words that name it.
public enum SNMPError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No answer: the device is off or unreachable, nothing listens there, or the community is wrong
    /// (agents ignore a wrong community rather than refuse it).
    case timeout(target: String, tries: Int)
    case malformedReply(target: String, detail: String)
    case agentError(target: String, status: Int, index: Int)
    case badAddress(target: String)

    public var description: String {
        switch self {
        case let .timeout(t, tries):
            return "\(t): no answer after \(tries) tr\(tries == 1 ? "y" : "ies") (device off or unreachable, no SNMP agent, or wrong community)"
        case let .malformedReply(t, d): return "\(t): the reply is not SNMP FleetCare can read (\(d))"
        case let .agentError(t, s, i): return "\(t): the agent answered error \(s) for variable \(i)"
        case let .badAddress(t): return "\(t): not an address"
        }
    }
}

/// An SNMP v1/v2c client on one UDP socket: many requests to many agents can be in flight at once,
/// each matched to its reply by request id and sender.
public final class SNMPClient: Sendable {
    struct Pending {
        let continuation: CheckedContinuation<SNMPResponse, any Error>
        let address: SocketAddress
        var timer: Scheduled<Void>?
    }

    struct State {
        var pending: [Int32: Pending] = [:]
        var nextID: Int32 = 1
        var malformedFrom: [String: String] = [:]
        var sent = 0
        var peakInFlight = 0
    }

    let channel: any Channel
    let state: NIOLockedValueBox<State>

    init(channel: any Channel, state: NIOLockedValueBox<State>) {
        self.channel = channel
        self.state = state
    }

    /// Opens the socket on an ephemeral port.
    public static func make(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> SNMPClient {
        let state = NIOLockedValueBox(State())
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(ReplyHandler(state: state)) }
            }
            .bind(host: "0.0.0.0", port: 0)
            .get()
        return SNMPClient(channel: channel, state: state)
    }

    public func close() async throws {
        try await channel.close()
        let waiting = state.withLockedValue { s -> [Pending] in
            defer { s.pending = [:] }
            return Array(s.pending.values)
        }
        for p in waiting {
            p.timer?.cancel()
            p.continuation.resume(throwing: CancellationError())
        }
    }

    /// Datagrams sent so far, retries included: what a benchmark compares with the agent's own rate.
    public var requestsSent: Int { state.withLockedValue { $0.sent } }

    /// The most requests that were ever waiting for an answer at once.
    public var peakInFlight: Int { state.withLockedValue { $0.peakInFlight } }

    /// Sends a request and waits for its reply, trying again on silence.
    public func send(_ type: PDUType, _ oids: [OID], to target: SNMPTarget, nonRepeaters: Int = 0,
                     maxRepetitions: Int = 0) async throws -> SNMPResponse {
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: target.host, port: target.port)
        } catch {
            throw SNMPError.badAddress(target: target.name)
        }
        let id = state.withLockedValue { s -> Int32 in
            defer { s.nextID = s.nextID == Int32.max ? 1 : s.nextID + 1 }
            return s.nextID
        }
        let request = SNMPRequest(version: target.version, community: target.community, type: type, requestID: id, oids: oids,
                                  nonRepeaters: nonRepeaters, maxRepetitions: maxRepetitions)
        let bytes = try request.encoded()
        let tries = target.retries + 1
        for _ in 0..<tries {
            do {
                let response = try await attempt(id: id, bytes: bytes, address: address, timeout: target.timeout)
                guard response.errorStatus == 0 else {
                    throw SNMPError.agentError(target: target.name, status: response.errorStatus, index: response.errorIndex)
                }
                return response
            } catch is TimedOut {
                continue
            }
        }
        if let detail = state.withLockedValue({ $0.malformedFrom.removeValue(forKey: address.endpoint) }) {
            throw SNMPError.malformedReply(target: target.name, detail: detail)
        }
        throw SNMPError.timeout(target: target.name, tries: tries)
    }

    struct TimedOut: Error {}

    private func attempt(id: Int32, bytes: [UInt8], address: SocketAddress, timeout: Duration) async throws -> SNMPResponse {
        let loop = channel.eventLoop
        let nanos = Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return try await withCheckedThrowingContinuation { continuation in
            state.withLockedValue { s in
                s.pending[id] = Pending(continuation: continuation, address: address, timer: nil)
                s.sent += 1
                s.peakInFlight = max(s.peakInFlight, s.pending.count)
            }
            let timer = loop.scheduleTask(in: .nanoseconds(nanos)) { [state] in
                if let p = state.withLockedValue({ $0.pending.removeValue(forKey: id) }) {
                    p.continuation.resume(throwing: TimedOut())
                }
            }
            state.withLockedValue { s in s.pending[id]?.timer = timer }
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: buffer)).whenFailure { [state] error in
                if let p = state.withLockedValue({ $0.pending.removeValue(forKey: id) }) {
                    p.timer?.cancel()
                    p.continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Reads the given objects (GET).
    public func get(_ oids: [OID], from target: SNMPTarget) async throws -> [VarBind] {
        try await send(.get, oids, to: target).varBinds
    }

    /// Every object under `column`, in order: GETBULK in v2c, GETNEXT in v1.
    public func walk(_ column: OID, from target: SNMPTarget, maxRepetitions: Int = 20, limit: Int = 2_000) async throws -> [VarBind] {
        try await walk(columns: [column], from: target, maxVarBinds: maxRepetitions, limit: limit)[column] ?? []
    }
}

/// Hands each reply to the request waiting for it; a reply no one waits for (late, or a duplicate) is dropped.
final class ReplyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let state: NIOLockedValueBox<SNMPClient.State>

    init(state: NIOLockedValueBox<SNMPClient.State>) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        let response: SNMPResponse
        do {
            response = try SNMPResponse.decode(bytes)
        } catch {
            state.withLockedValue { $0.malformedFrom[envelope.remoteAddress.endpoint] = error.description }
            return
        }
        let pending = state.withLockedValue { s -> SNMPClient.Pending? in
            guard let p = s.pending[response.requestID], p.address.endpoint == envelope.remoteAddress.endpoint else { return nil }
            return s.pending.removeValue(forKey: response.requestID)
        }
        guard let pending else { return }
        pending.timer?.cancel()
        pending.continuation.resume(returning: response)
    }
}

extension SocketAddress {
    /// `127.0.10.1:16108`: the address and port alone (the description also carries a host name when one is known).
    var endpoint: String { "\(ipAddress ?? "?"):\(port ?? 0)" }
}
