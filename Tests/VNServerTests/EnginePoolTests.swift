import Testing
import VNSearch
@testable import VNServer

/// The pool lends each request an engine of its own. A search alone may spend the second
/// core on a broad query's first pass; beside another search it may not (the cores are
/// taken, and the split is more work in all), nor in a process held to one core.
@Suite struct EnginePoolTests {
    @Test func onlyASearchAloneSharesItsFirstPass() throws {
        let fixture = try ServerFixture()
        let pool = EnginePool(databasePath: fixture.db, hasSpareCore: true)
        let (outer, inner) = try pool.withEngine { outer in
            (outer.sharesFirstPass, try pool.withEngine { $0.sharesFirstPass })
        }
        #expect(outer, "the first request is alone")
        #expect(!inner, "a request beside it is not")
        #expect(try pool.withEngine { $0.sharesFirstPass }, "once both ended, a request is alone again")
    }

    @Test func aSearchHeldToOneCoreNeverSharesItsFirstPass() throws {
        let fixture = try ServerFixture()
        let pool = EnginePool(databasePath: fixture.db, hasSpareCore: false)
        #expect(try !pool.withEngine { $0.sharesFirstPass })
    }
}
