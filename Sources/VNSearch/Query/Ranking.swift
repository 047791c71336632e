/// A ranked query, built so that Xapian 1.4.22 weighs every passage as the sum of what
/// it holds.
///
/// Some bonuses are checked at a passage rather than read from a posting list: an
/// adjacency phrase (positions), the title and lead prior read from the value stream.
/// Such a check can answer "not here"; Xapian's OR of several bonuses then keeps a
/// placeholder for that child and weighs the passages after it out of step, pruned or
/// not. A passage gains a bonus it does not hold (`bệnh nhân`, `quán dung`) or loses one
/// it holds. Each checked bonus on an AND_MAYBE of its own over the rest is weighed
/// right, and no slower.
struct Ranking {
    /// Every operand (with exclusions and filters), with the bonuses that are plain
    /// posting lists (exact syllables, optional words, the held prior) on one AND_MAYBE.
    /// A query of several alternatives has each one's levels inside (an OR keeps them
    /// apart) and no `checked` of its own.
    let base: Query
    /// The bonuses Xapian checks at a passage, innermost first.
    var checked: [Query] = []

    /// The query, restricted to `within` (a part of the docids, some articles) if given.
    /// The restriction goes under the levels: a FILTER over them would merge their
    /// bonuses back into one OR (Xapian flattens AND_MAYBE under an AND-like operator).
    func query(within: Query? = nil) throws -> Query {
        var query = base
        if let within { query = try Query.combine(.filter, [query, within]) }
        for bonus in checked { query = try Query.combine(.andMaybe, [query, bonus]) }
        return query
    }
}
