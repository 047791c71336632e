import Foundation
import Hummingbird
import VNSearch

/// What the routes share: the engines that answer searches, the archive that takes
/// archivists' writes, and how a failure of either becomes an HTTP status.
struct Backend: Sendable {
    let engines: EnginePool
    let archive: ArticleArchive
    /// Nil when the server was started without `--token-file`: writes are off.
    let token: BearerToken?
    let timeoutSeconds: Double
    /// What `GET /metrics` reports (this server's own registry).
    let metrics = ServerMetrics()

    struct Failure: Error {
        let status: HTTPResponse.Status
        let message: String
        var headers: HTTPFields = [:]
    }

    /// Runs blocking index work off the event loop and maps its failures: the user's
    /// mistakes are 400, an index that cannot answer (missing, busy, too slow) 503.
    func perform<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> Result<T, Failure> {
        do {
            return .success(try await BlockingWork.run(within: timeoutSeconds, work))
        } catch let error as SearchError where error.isUsage {
            return .failure(Failure(status: .badRequest, message: error.description))
        } catch let error as ArchiveError {
            if case .missingCorpus = error { return .failure(Failure(status: .serviceUnavailable, message: error.description)) }
            return .failure(Failure(status: .badRequest, message: error.description))
        } catch let error as IndexError {
            return .failure(Failure(status: .serviceUnavailable, message: error.description, headers: [.retryAfter: "5"]))
        } catch let error as BlockingWork.TimedOut {
            return .failure(Failure(status: .serviceUnavailable, message: "\(error); try a narrower query"))
        } catch {
            return .failure(Failure(status: .serviceUnavailable, message: "index unavailable: \(error)"))
        }
    }

    /// `perform`, with a failure answered as JSON.
    func answer(_ work: @escaping @Sendable () throws -> Response) async -> Response {
        switch await perform(work) {
        case .success(let response): response
        case .failure(let failure): JSONResponse.failure(failure.status, failure.message, headers: failure.headers)
        }
    }
}
