import Foundation

/// A page of hits that two threads build at once, each with its own `HitBuilder`: the
/// engine's, and the facet counter's once its count is done. Each thread takes the next
/// item nobody has taken, so a count that ends late leaves the page to the engine and one
/// that ends early shares it (a fixed half for each made the engine wait for the counter
/// on queries whose count is slow).
final class SharedPage: @unchecked Sendable {
    let items: [HitBuilder.Item]
    private let lock = NSLock()
    private var taken = 0
    private var built: [HitBuilder.Built?]

    init(_ items: [HitBuilder.Item]) {
        self.items = items
        built = Array(repeating: nil, count: items.count)
    }

    /// Builds the items no thread has taken yet, one at a time, until none is left.
    func build(with builder: HitBuilder, terms: Highlighter.Terms) throws {
        var slot = 0
        try builder.build(taking: {
            lock.withLock {
                guard taken < items.count else { return nil }
                slot = taken
                taken += 1
                return items[slot]
            }
        }, terms: terms) { hit in
            lock.withLock { built[slot] = hit }
        }
    }

    /// The hits in page order. Only once both threads' `build` returned without throwing:
    /// every item is built then.
    var hits: [HitBuilder.Built] {
        lock.withLock { built.map { $0! } }
    }
}
