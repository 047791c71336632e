// shim_query.cpp — the search side of vnshim.h: queries, enquire (with value-count
// match spies) and result sets over Xapian.
//
// Follows the rules in shim_internal.hpp: no exception escapes (guard/guard_quiet),
// malloc for everything returned, (pointer, length) inputs, *err only set on failure.

#include "shim_internal.hpp"

#include <algorithm>

#include <xapian.h>

#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace vnshim;

namespace {

// ------------------------------------------------------------------ query and mset helpers

Xapian::Query::op xapian_op(vn_query_op op) {
    switch (op) {
        case VN_OP_AND: return Xapian::Query::OP_AND;
        case VN_OP_OR: return Xapian::Query::OP_OR;
        case VN_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case VN_OP_XOR: return Xapian::Query::OP_XOR;
        case VN_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case VN_OP_FILTER: return Xapian::Query::OP_FILTER;
        case VN_OP_NEAR: return Xapian::Query::OP_NEAR;
        case VN_OP_PHRASE: return Xapian::Query::OP_PHRASE;
        case VN_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
        case VN_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
        case VN_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw ShimError(VN_ERR_INVALID_ARGUMENT, "unknown query operator " + std::to_string(op));
}

const vn_mset *need_item(const vn_mset *m, size_t i) {
    need(m, "mset");
    if (i >= m->mset.size())
        throw ShimError(VN_ERR_RANGE, "mset index " + std::to_string(i) + " out of range");
    return m;
}

// A posting source over an ascending list of docids held in memory: what DeletedDocuments
// and HeldWeightsSource share. The list belongs to the subclass (shared with its clones).
class DocidListSource : public Xapian::PostingSource {
    const std::vector<uint32_t> &ids;

  protected:
    size_t at = 0;
    bool started = false;

    explicit DocidListSource(const std::vector<uint32_t> &docids) : ids(docids) {}

  public:
    void init(const Xapian::Database &) override {
        at = 0;
        started = false;
    }
    void next(double) override {
        if (started) ++at;
        started = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started = true;
        if (at >= ids.size() || ids[at] >= did) return;
        // Xapian skips to each candidate in turn, mostly a few entries on: gallop from
        // here, then search the last step, rather than search all that is left.
        size_t below = at, step = 1;
        while (below + step < ids.size() && ids[below + step] < did) {
            below += step;
            step *= 2;
        }
        auto end = ids.begin() + std::ptrdiff_t(std::min(below + step + 1, ids.size()));
        at = size_t(std::lower_bound(ids.begin() + std::ptrdiff_t(below), end, did) - ids.begin());
    }
    bool at_end() const override { return started && at >= ids.size(); }
    Xapian::docid get_docid() const override { return ids[at]; }
};

// The documents a database without a termlist still holds but has deleted, as a posting
// list, so a search leaves them out with AND_NOT (and facet spies never see them). Not
// serialisable: a remote shard could not run it, but only a single local database has
// deletions (see Database.swift).
class DeletedDocuments : public DocidListSource {
    std::shared_ptr<const std::vector<uint32_t>> ids;
    Xapian::doccount documents = 0;

  public:
    explicit DeletedDocuments(std::shared_ptr<const std::vector<uint32_t>> docids)
        : DocidListSource(*docids), ids(std::move(docids)) {}

    void init(const Xapian::Database &db) override {
        DocidListSource::init(db);
        documents = db.get_doccount();
    }
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_max(); }
    Xapian::doccount get_termfreq_max() const override {
        return std::min<Xapian::doccount>(Xapian::doccount(ids->size()), documents);
    }
    Xapian::PostingSource *clone() const override { return new DeletedDocuments(ids); }
};

// Every docid from first to last, as a posting list: under FILTER it restricts a search
// to part of one database, so that two threads can each rank a part (see
// vn_query_docid_range). Not serialisable: for a single local database.
class DocidRange : public Xapian::PostingSource {
    Xapian::docid first, last, current = 0;
    bool started = false;

  public:
    DocidRange(Xapian::docid first, Xapian::docid last) : first(first), last(last) {}

    void init(const Xapian::Database &) override {
        current = first;
        started = false;
    }
    void next(double) override {
        if (started) ++current;
        started = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started = true;
        current = std::max(current, did);
    }
    bool at_end() const override { return started && current > last; }
    Xapian::docid get_docid() const override { return current; }
    // Every docid of the range, whether or not the database still holds it: the
    // estimates only order an AND's operands (the word lists, shorter, lead).
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return last - first + 1; }
    Xapian::doccount get_termfreq_max() const override { return last - first + 1; }
    Xapian::PostingSource *clone() const override { return new DocidRange(first, last); }
};

// Given docids, ascending, as a posting list: under FILTER it keeps a search to a few
// articles' passages, read from their article terms' postings first (see
// vn_query_docid_list). Not serialisable: for a single local database.
class DocidSet : public DocidListSource {
    std::shared_ptr<const std::vector<uint32_t>> ids;

  public:
    explicit DocidSet(std::shared_ptr<const std::vector<uint32_t>> docids)
        : DocidListSource(*docids), ids(std::move(docids)) {}

    Xapian::doccount get_termfreq_min() const override { return Xapian::doccount(ids->size()); }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }
    Xapian::PostingSource *clone() const override { return new DocidSet(ids); }
};

// Weights by docid, ascending, read once from a value stream (see vn_value_weights_read).
struct HeldWeights {
    std::vector<uint32_t> docids;
    std::vector<double> weights;
    double max = 0;
};

// A posting source over HeldWeights: what Xapian's ValueMapPostingSource gives, without
// seeking in the value stream for every candidate (much of what the title and lead prior
// cost a search). Only for the local database it was read from: not serialisable, like
// DeletedDocuments.
class HeldWeightsSource : public DocidListSource {
    std::shared_ptr<const HeldWeights> held;

  public:
    explicit HeldWeightsSource(std::shared_ptr<const HeldWeights> weights)
        : DocidListSource(weights->docids), held(std::move(weights)) {
        set_maxweight(held->max);
    }

    Xapian::doccount get_termfreq_min() const override { return Xapian::doccount(held->docids.size()); }
    Xapian::doccount get_termfreq_est() const override { return get_termfreq_min(); }
    Xapian::doccount get_termfreq_max() const override { return get_termfreq_min(); }
    double get_weight() const override { return held->weights[at]; }
    Xapian::PostingSource *clone() const override { return new HeldWeightsSource(held); }
};

const FacetSpy &need_spy(vn_enquire *enq, int spy) {
    need(enq, "enquire");
    if (spy < 0 || static_cast<size_t>(spy) >= enq->spies.size())
        throw ShimError(VN_ERR_RANGE, "no match spy " + std::to_string(spy));
    return enq->spies[static_cast<size_t>(spy)];
}

}  // namespace

// ================================================================== C API

extern "C" {

// ------------------------------------------------------------------ queries

vn_query *vn_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos,
                        vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr),
                 [&] { return new vn_query{Xapian::Query(bytes(term, len), wqf, pos)}; });
}

vn_query *vn_query_combine(vn_query_op op, vn_query *const *subqueries, size_t count,
                           uint32_t parameter, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        Xapian::Query::op xop = xapian_op(op);
        if (count != 0) need(subqueries, "subqueries");
        std::vector<Xapian::Query> subs;
        subs.reserve(count);
        for (size_t i = 0; i < count; ++i) subs.push_back(need(subqueries[i], "subquery")->q);
        // Only NEAR/PHRASE (window; Xapian treats 0 as "number of subqueries") and
        // ELITE_SET (set size) use the parameter; Xapian rejects it for other ops.
        Xapian::termcount param = 0;
        if (op == VN_OP_NEAR || op == VN_OP_PHRASE || op == VN_OP_ELITE_SET) param = parameter;
        return new vn_query{Xapian::Query(xop, subs.begin(), subs.end(), param)};
    });
}

vn_query *vn_query_scale_weight(const vn_query *query, double factor, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        return new vn_query{
            Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, need(query, "query")->q, factor)};
    });
}

vn_query *vn_query_fixed_weight(const vn_query *query, double weight, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        // The same weight on every document, AND the query weighing nothing: its matches
        // weigh `weight`, whatever its own terms' statistics.
        auto *source = new Xapian::FixedWeightPostingSource(weight);
        Xapian::Query fixed(source->release());
        Xapian::Query matched(Xapian::Query::OP_SCALE_WEIGHT, need(query, "query")->q, 0.0);
        return new vn_query{Xapian::Query(Xapian::Query::OP_AND, matched, fixed)};
    });
}

vn_query *vn_query_value_range(uint32_t slot, const char *low, size_t low_len, const char *high,
                               size_t high_len, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        std::string lo = bytes(low, low_len), hi = bytes(high, high_len);
        if (lo.empty() && hi.empty()) return new vn_query{Xapian::Query::MatchAll};
        if (lo.empty()) return new vn_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        if (hi.empty()) return new vn_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo)};
        return new vn_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
    });
}

vn_query *vn_query_value_map(uint32_t slot, const char *const *keys, const size_t *key_lens,
                             const double *weights, size_t count, double default_weight,
                             vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        auto *source = new Xapian::ValueMapPostingSource(slot);
        for (size_t i = 0; i < count; ++i) source->add_mapping(bytes(keys[i], key_lens[i]), weights[i]);
        source->set_default_weight(default_weight);
        // release(): the query owns the source from here on.
        return new vn_query{Xapian::Query(source->release())};
    });
}

struct vn_value_weights {
    std::shared_ptr<const HeldWeights> held;
};

vn_value_weights *vn_value_weights_read(vn_database *db, uint32_t slot,
                                        const char *const *keys, const size_t *key_lens,
                                        const double *weights, size_t count, vn_error **err) {
    return guard(err, static_cast<vn_value_weights *>(nullptr), [&]() -> vn_value_weights * {
        const Xapian::Database &d = need(db, "database")->db;
        // A stub's docids interleave its shards', and a source sees one shard at a time.
        if (d.size() != 1) return nullptr;
        std::map<std::string, double> table;
        for (size_t i = 0; i < count; ++i) table[bytes(keys[i], key_lens[i])] = weights[i];
        auto held = std::make_shared<HeldWeights>();
        for (auto it = d.valuestream_begin(slot); it != d.valuestream_end(slot); ++it) {
            // Every document with a value, 0 for one the table lacks: the documents
            // ValueMapPostingSource gives. Xapian's matcher narrows AND_MAYBE and OR by
            // them, and orders an OR's operands (and so the order weights are added in,
            // which decides equal scores' ties) by their count: the same set gives the
            // same answers.
            auto found = table.find(*it);
            double weight = found == table.end() ? 0 : found->second;
            held->docids.push_back(it.get_docid());
            held->weights.push_back(weight);
            held->max = std::max(held->max, weight);
        }
        return new vn_value_weights{std::move(held)};
    });
}

void vn_value_weights_free(vn_value_weights *weights) { delete weights; }

vn_query *vn_query_value_weights(const vn_value_weights *weights, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        auto *source = new HeldWeightsSource(need(weights, "value weights")->held);
        // release(): the query owns the source from here on.
        return new vn_query{Xapian::Query(source->release())};
    });
}

vn_query *vn_query_docid_range(uint32_t first, uint32_t last, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        if (first == 0 || first > last) throw ShimError(VN_ERR_INVALID_ARGUMENT, "docid range must be 1 <= first <= last");
        auto *source = new DocidRange(first, last);
        // release(): the query owns the source from here on.
        return new vn_query{Xapian::Query(source->release())};
    });
}

vn_query *vn_query_docid_list(const uint32_t *docids, size_t count, vn_error **err) {
    return guard(err, static_cast<vn_query *>(nullptr), [&] {
        if (count != 0) need(docids, "docids");
        auto ids = std::make_shared<std::vector<uint32_t>>(docids, docids + count);
        for (size_t i = 0; i < count; ++i) {
            if ((*ids)[i] == 0 || (i > 0 && (*ids)[i] <= (*ids)[i - 1]))
                throw ShimError(VN_ERR_INVALID_ARGUMENT, "docids must be ascending, each at least 1");
        }
        auto *source = new DocidSet(std::move(ids));
        // release(): the query owns the source from here on.
        return new vn_query{Xapian::Query(source->release())};
    });
}

vn_query *vn_query_match_all(void) {
    return guard_quiet(static_cast<vn_query *>(nullptr),
                       [] { return new vn_query{Xapian::Query::MatchAll}; });
}

vn_query *vn_query_match_nothing(void) {
    return guard_quiet(static_cast<vn_query *>(nullptr),
                       [] { return new vn_query{Xapian::Query::MatchNothing}; });
}

int vn_query_is_empty(const vn_query *query) {
    return guard_quiet(1, [&] { return query == nullptr || query->q.empty() ? 1 : 0; });
}

char *vn_query_description(const vn_query *query, size_t *out_len) {
    return guard_quiet(static_cast<char *>(nullptr), [&] {
        return to_c(need(query, "query")->q.get_description(), out_len);
    });
}

void vn_query_free(vn_query *query) { delete query; }

// ------------------------------------------------------------------ enquire

vn_enquire *vn_enquire_new(vn_database *db, vn_error **err) {
    return guard(err, static_cast<vn_enquire *>(nullptr),
                 [&] { return new vn_enquire(*need(db, "database")); });
}

void vn_enquire_free(vn_enquire *enq) {
    guard_quiet(0, [&] { delete enq; return 0; });
}

int vn_enquire_set_query(vn_enquire *enq, const vn_query *query, vn_error **err) {
    return guard(err, 0, [&] {
        const Xapian::Query &q = need(query, "query")->q;
        need(enq, "enquire");
        if (enq->deleted) {
            // release(): the query owns the source and frees it with the last copy.
            Xapian::Query without(Xapian::Query::OP_AND_NOT, q,
                                  Xapian::Query((new DeletedDocuments(enq->deleted))->release()));
            enq->enquire.set_query(without);
        } else {
            enq->enquire.set_query(q);
        }
        return 1;
    });
}

int vn_enquire_set_bm25(vn_enquire *enq, double k1, double k2, double k3, double b,
                        double min_normlen, vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_weighting_scheme(
            Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
        return 1;
    });
}

int vn_enquire_set_bool_weight(vn_enquire *enq, vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_weighting_scheme(Xapian::BoolWeight());
        return 1;
    });
}

int vn_enquire_set_collapse_key(vn_enquire *enq, uint32_t slot, uint32_t collapse_max,
                                vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_collapse_key(slot, collapse_max);
        return 1;
    });
}

int vn_enquire_set_ties_by_value(vn_enquire *enq, uint32_t slot, vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_sort_by_relevance_then_value(slot, false);
        return 1;
    });
}

static int add_spy(vn_enquire *enq, uint32_t slot, int separator) {
    need(enq, "enquire");
    FacetSpy spy(slot, separator);
    // Reserve first so that once Enquire holds the spy the push_back cannot throw.
    enq->spies.reserve(enq->spies.size() + 1);
    enq->enquire.add_matchspy(spy.spy.get());  // not released: we own it, Enquire only points
    enq->spies.push_back(std::move(spy));
    return static_cast<int>(enq->spies.size() - 1);
}

int vn_enquire_add_value_spy(vn_enquire *enq, uint32_t slot, vn_error **err) {
    return guard(err, -1, [&] { return add_spy(enq, slot, -1); });
}

int vn_enquire_add_list_spy(vn_enquire *enq, uint32_t slot, char separator, vn_error **err) {
    return guard(err, -1, [&] { return add_spy(enq, slot, static_cast<unsigned char>(separator)); });
}

vn_mset *vn_enquire_get_mset(vn_enquire *enq, uint32_t first, uint32_t max_items,
                             uint32_t check_at_least, vn_error **err) {
    return guard(err, static_cast<vn_mset *>(nullptr), [&] {
        need(enq, "enquire");
        // Xapian's spies accumulate over every get_mset; the API promises counts for
        // this search only, so swap in fresh spies (same indices, same slots).
        if (!enq->spies.empty()) {
            std::vector<FacetSpy> fresh;
            fresh.reserve(enq->spies.size());
            for (const auto &spy : enq->spies) fresh.emplace_back(spy.slot, spy.separator);
            enq->enquire.clear_matchspies();
            enq->spies.swap(fresh);
            for (auto &spy : enq->spies) enq->enquire.add_matchspy(spy.spy.get());
        }
        return new vn_mset{enq->enquire.get_mset(first, max_items, check_at_least)};
    });
}

vn_strings *vn_enquire_matching_terms(vn_enquire *enq, uint32_t docid, vn_error **err) {
    return guard(err, static_cast<vn_strings *>(nullptr), [&] {
        Xapian::Enquire &e = need(enq, "enquire")->enquire;
        return collect(e.get_matching_terms_begin(docid), e.get_matching_terms_end(docid));
    });
}

uint64_t vn_enquire_spy_total(vn_enquire *enq, int spy, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need_spy(enq, spy).spy->get_total()); });
}

int64_t vn_enquire_spy_values(vn_enquire *enq, int spy, vn_strings **values,
                              uint64_t **frequencies, vn_error **err) {
    return guard(err, int64_t(-1), [&] {
        const std::map<std::string, Xapian::doccount> counts = need_spy(enq, spy).counts();
        need(values, "values");
        need(frequencies, "frequencies");
        // Descending frequency, then value order: stable output for equal counts.
        std::vector<std::pair<std::string, Xapian::doccount>> sorted(counts.begin(), counts.end());
        std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second : a.first < b.first;
        });
        std::unique_ptr<vn_strings> list(new vn_strings);
        std::vector<uint64_t> freqs;
        for (const auto &entry : sorted) {
            list->items.push_back(entry.first);
            freqs.push_back(entry.second);
        }
        uint64_t *freq_array = to_c_array(freqs);
        *frequencies = freq_array;
        *values = list.release();
        return static_cast<int64_t>(freqs.size());
    });
}

// ------------------------------------------------------------------ mset

void vn_mset_free(vn_mset *mset) {
    guard_quiet(0, [&] { delete mset; return 0; });
}

size_t vn_mset_size(const vn_mset *mset) {
    return guard_quiet(size_t(0), [&] { return size_t(need(mset, "mset")->mset.size()); });
}

uint64_t vn_mset_matches_estimated(const vn_mset *mset) {
    return guard_quiet(uint64_t(0),
                       [&] { return uint64_t(need(mset, "mset")->mset.get_matches_estimated()); });
}

uint64_t vn_mset_matches_lower_bound(const vn_mset *mset) {
    return guard_quiet(uint64_t(0), [&] {
        return uint64_t(need(mset, "mset")->mset.get_matches_lower_bound());
    });
}

uint64_t vn_mset_matches_upper_bound(const vn_mset *mset) {
    return guard_quiet(uint64_t(0), [&] {
        return uint64_t(need(mset, "mset")->mset.get_matches_upper_bound());
    });
}

uint32_t vn_mset_docid(const vn_mset *mset, size_t i) {
    return guard_quiet(uint32_t(0),
                       [&] { return uint32_t(*need_item(mset, i)->mset[Xapian::doccount(i)]); });
}

double vn_mset_weight(const vn_mset *mset, size_t i) {
    return guard_quiet(0.0,
                       [&] { return need_item(mset, i)->mset[Xapian::doccount(i)].get_weight(); });
}

uint64_t vn_mset_collapse_count(const vn_mset *mset, size_t i) {
    return guard_quiet(uint64_t(0), [&] {
        return uint64_t(need_item(mset, i)->mset[Xapian::doccount(i)].get_collapse_count());
    });
}

char *vn_mset_collapse_key(const vn_mset *mset, size_t i, size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(need_item(mset, i)->mset[Xapian::doccount(i)].get_collapse_key(), out_len);
    });
}

}  // extern "C"
