// shim_database.cpp — the storage side of vnshim.h: documents, read-only databases
// and writable databases over Xapian.
//
// Follows the rules in shim_internal.hpp: no exception escapes (guard/guard_quiet),
// malloc for everything returned, (pointer, length) inputs, *err only set on failure.

#include "shim_internal.hpp"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace vnshim;

namespace {

// ------------------------------------------------------------------ shared database reads

char *get_metadata(const Xapian::Database &db, const char *key, size_t key_len,
                   size_t *out_len) {
    return to_c(db.get_metadata(bytes(key, key_len)), out_len);
}

vn_strings *metadata_keys(const Xapian::Database &db, const char *prefix, size_t len) {
    std::string p = bytes(prefix, len);
    return collect(db.metadata_keys_begin(p), db.metadata_keys_end(p));
}

int64_t postings(const Xapian::Database &db, const char *term, size_t len, uint32_t **out) {
    need(out, "out");
    std::string t = bytes(term, len);
    std::vector<uint32_t> ids;
    for (Xapian::PostingIterator it = db.postlist_begin(t); it != db.postlist_end(t); ++it)
        ids.push_back(*it);
    *out = to_c_array(ids);
    return static_cast<int64_t>(ids.size());
}

// A document by id, for reading one field. Without DOC_ASSUME_VALID Xapian first looks
// the document's length up to check that it exists: one more B-tree leaf per call, and a
// hit reads three or four fields. A docid that does not exist may read as empty fields
// (a local database) instead of failing.
Xapian::Document document(const Xapian::Database &db, uint32_t docid) {
    return db.get_document(docid, Xapian::DOC_ASSUME_VALID);
}

// ------------------------------------------------------------------ block size

// Glass's B-tree block for every database we create or compact (its default is 8 KB).
// Xapian 1.4 keeps no block cache across cursors: each leaf a search or a hit needs is a
// pread out of the page cache, and copying those blocks is much of query time. With
// 16 KB blocks a posting list, a run of values or of document data spans half as many
// blocks, so searches are faster with the same answers; larger blocks gain nothing more,
// smaller ones lose. Indexing is a little faster too (fewer, larger writes).
constexpr unsigned block_size = 16384;

}  // namespace

// ================================================================== C API

extern "C" {

// ------------------------------------------------------------------ documents

vn_document *vn_document_new(void) {
    return guard_quiet(static_cast<vn_document *>(nullptr), [] { return new vn_document; });
}

void vn_document_free(vn_document *doc) { delete doc; }

int vn_document_add_terms(vn_document *doc, const char *text, size_t text_len,
                          const vn_term_entry *entries, size_t count, vn_error **err) {
    return guard(err, 0, [&] {
        Xapian::Document &document = need(doc, "document")->doc;
        if (count > 0) need(entries, "term entries");
        if (text_len > 0) need(text, "term bytes");
        std::string term;
        size_t start = 0;
        for (size_t i = 0; i < count; ++i) {
            const vn_term_entry &entry = entries[i];
            if (entry.end < start || entry.end > text_len)
                throw ShimError(VN_ERR_INVALID_ARGUMENT, "term entry " + std::to_string(i) +
                                                             " ends outside the batch's bytes");
            term.assign(text + start, entry.end - start);
            if (entry.position == 0) {
                document.add_term(term, entry.wdf_inc);
            } else {
                document.add_posting(term, entry.position, entry.wdf_inc);
            }
            start = entry.end;
        }
        return 1;
    });
}

int vn_document_add_boolean_term(vn_document *doc, const char *term, size_t len,
                                 vn_error **err) {
    return guard(err, 0, [&] {
        need(doc, "document")->doc.add_boolean_term(bytes(term, len));
        return 1;
    });
}

int vn_document_set_value(vn_document *doc, uint32_t slot, const char *value, size_t len,
                          vn_error **err) {
    return guard(err, 0, [&] {
        need(doc, "document")->doc.add_value(slot, bytes(value, len));
        return 1;
    });
}

int vn_document_set_data(vn_document *doc, const char *data, size_t len, vn_error **err) {
    return guard(err, 0, [&] {
        need(doc, "document")->doc.set_data(bytes(data, len));
        return 1;
    });
}

// ------------------------------------------------------------------ read-only databases

vn_database *vn_database_open(const char *path, vn_error **err) {
    return guard(err, static_cast<vn_database *>(nullptr), [&] {
        // The generic constructor auto-detects directories, stub files and stub dirs.
        return new vn_database{Xapian::Database(need(path, "path"))};
    });
}

void vn_database_free(vn_database *db) {
    guard_quiet(0, [&] { delete db; return 0; });
}

int vn_database_reopen(vn_database *db, vn_error **err) {
    return guard(err, -1, [&] { return need(db, "database")->db.reopen() ? 1 : 0; });
}

uint64_t vn_database_doc_count(vn_database *db, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need(db, "database")->db.get_doccount()); });
}

uint32_t vn_database_last_docid(vn_database *db, vn_error **err) {
    return guard(err, uint32_t(0), [&] { return uint32_t(need(db, "database")->db.get_lastdocid()); });
}

uint64_t vn_database_revision(vn_database *db, vn_error **err) {
    return guard(err, uint64_t(0), [&]() -> uint64_t {
        Xapian::Database &d = need(db, "database")->db;
        try {
            return d.get_revision();
        } catch (const Xapian::InvalidOperationError &) {
            // Xapian has no revision for zero or several shards: documented as 0.
            return 0;
        } catch (const Xapian::UnimplementedError &) {
            // Nor for a remote database (a stub over one remote shard).
            return 0;
        }
    });
}

char *vn_database_document_data(vn_database *db, uint32_t docid, size_t *out_len,
                                vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(document(need(db, "database")->db, docid).get_data(), out_len);
    });
}

char *vn_database_document_value(vn_database *db, uint32_t docid, uint32_t slot,
                                 size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(document(need(db, "database")->db, docid).get_value(slot), out_len);
    });
}

char *vn_database_get_metadata(vn_database *db, const char *key, size_t key_len,
                               size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr),
                 [&] { return get_metadata(need(db, "database")->db, key, key_len, out_len); });
}

vn_strings *vn_database_metadata_keys(vn_database *db, const char *prefix, size_t len,
                                      vn_error **err) {
    return guard(err, static_cast<vn_strings *>(nullptr),
                 [&] { return metadata_keys(need(db, "database")->db, prefix, len); });
}

uint64_t vn_database_term_freq(vn_database *db, const char *term, size_t len, vn_error **err) {
    return guard(err, uint64_t(0), [&] {
        return uint64_t(need(db, "database")->db.get_termfreq(bytes(term, len)));
    });
}

vn_strings *vn_database_terms_with_prefix(vn_database *db, const char *prefix, size_t len,
                                          vn_error **err) {
    return guard(err, static_cast<vn_strings *>(nullptr), [&] {
        Xapian::Database &d = need(db, "database")->db;
        std::string p = bytes(prefix, len);
        return collect(d.allterms_begin(p), d.allterms_end(p));
    });
}

int64_t vn_database_check(const char *path, char **report, size_t *report_len, vn_error **err) {
    return guard(err, int64_t(-1), [&] {
        need(path, "path");
        need(report, "report");
        std::ostringstream out;
        // Xapian's own structural check of every table; errors are counted and described.
        size_t errors = Xapian::Database::check(std::string(path), Xapian::DBCHECK_SHORT_TREE, &out);
        *report = to_c(out.str(), report_len);
        return static_cast<int64_t>(errors);
    });
}

int64_t vn_database_postings(vn_database *db, const char *term, size_t len, uint32_t **out,
                             vn_error **err) {
    return guard(err, int64_t(-1), [&] { return postings(need(db, "database")->db, term, len, out); });
}

int vn_database_set_deleted(vn_database *db, const uint32_t *docids, size_t count, vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database");
        if (count > 0) need(docids, "docids");
        auto ids = std::make_shared<std::vector<uint32_t>>(docids, docids + count);
        if (!std::is_sorted(ids->begin(), ids->end()))
            throw ShimError(VN_ERR_INVALID_ARGUMENT, "deleted docids must be ascending");
        db->deleted = ids->empty() ? nullptr : std::move(ids);
        return 1;
    });
}

// ------------------------------------------------------------------ writable databases

vn_writable *vn_writable_open(const char *path, int without_termlist, int without_sync, vn_error **err) {
    return guard(err, static_cast<vn_writable *>(nullptr), [&] {
        int flags = Xapian::DB_CREATE_OR_OPEN | (without_termlist ? Xapian::DB_NO_TERMLIST : 0)
                  | (without_sync ? Xapian::DB_NO_SYNC : 0);
        // The block size applies when the database is created; an existing one keeps its own.
        return new vn_writable{Xapian::WritableDatabase(need(path, "path"), flags, block_size), false};
    });
}

void vn_writable_free(vn_writable *db) {
    if (db == nullptr) return;
    // Each step is guarded on its own so a failure still lets the next one run.
    if (db->in_transaction) guard_quiet(0, [&] { db->db.cancel_transaction(); return 0; });
    db->in_transaction = false;
    guard_quiet(0, [&] { db->db.close(); return 0; });  // commits, releases the lock
    guard_quiet(0, [&] { delete db; return 0; });
}

int vn_writable_begin_transaction(vn_writable *db, vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database")->db.begin_transaction();
        db->in_transaction = true;
        return 1;
    });
}

int vn_writable_commit_transaction(vn_writable *db, vn_error **err) {
    return guard(err, 0, [&] {
        // Xapian ends the transaction before committing, even if the commit throws.
        need(db, "database")->in_transaction = false;
        db->db.commit_transaction();
        return 1;
    });
}

int vn_writable_cancel_transaction(vn_writable *db, vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database")->in_transaction = false;
        db->db.cancel_transaction();
        return 1;
    });
}

int vn_writable_commit(vn_writable *db, vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database")->db.commit();
        return 1;
    });
}

uint32_t vn_writable_add_document(vn_writable *db, const vn_document *doc, vn_error **err) {
    return guard(err, uint32_t(0), [&] {
        return uint32_t(need(db, "database")->db.add_document(need(doc, "document")->doc));
    });
}

uint32_t vn_writable_replace_document(vn_writable *db, const char *unique_term, size_t len,
                                      const vn_document *doc, vn_error **err) {
    return guard(err, uint32_t(0), [&] {
        return uint32_t(need(db, "database")->db.replace_document(bytes(unique_term, len),
                                                                  need(doc, "document")->doc));
    });
}

int vn_writable_delete_documents(vn_writable *db, const char *term, size_t len,
                                 vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database")->db.delete_document(bytes(term, len));
        return 1;
    });
}

int vn_writable_set_metadata(vn_writable *db, const char *key, size_t key_len,
                             const char *value, size_t value_len, vn_error **err) {
    return guard(err, 0, [&] {
        need(db, "database")->db.set_metadata(bytes(key, key_len), bytes(value, value_len));
        return 1;
    });
}

char *vn_writable_get_metadata(vn_writable *db, const char *key, size_t key_len,
                               size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr),
                 [&] { return get_metadata(need(db, "database")->db, key, key_len, out_len); });
}

vn_strings *vn_writable_metadata_keys(vn_writable *db, const char *prefix, size_t len,
                                      vn_error **err) {
    return guard(err, static_cast<vn_strings *>(nullptr),
                 [&] { return metadata_keys(need(db, "database")->db, prefix, len); });
}

int64_t vn_writable_postings(vn_writable *db, const char *term, size_t len, uint32_t **out,
                             vn_error **err) {
    return guard(err, int64_t(-1), [&] { return postings(need(db, "database")->db, term, len, out); });
}

uint64_t vn_writable_doc_count(vn_writable *db, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need(db, "database")->db.get_doccount()); });
}

uint64_t vn_writable_revision(vn_writable *db, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need(db, "database")->db.get_revision()); });
}

// ------------------------------------------------------------------ compaction

namespace {
// Xapian reports each table first with an empty status, then with what it did.
class TableReporter : public Xapian::Compactor {
  public:
    TableReporter(vn_compact_table_started started, void *context) : started(started), context(context) {}
    void set_status(const std::string &table, const std::string &status) override {
        if (started != nullptr && status.empty()) started(context, table.c_str());
    }

  private:
    vn_compact_table_started started;
    void *context;
};
}  // namespace

int vn_compact(const char *source, const char *destination,
               vn_compact_table_started started, void *context, vn_error **err) {
    return guard(err, 0, [&] {
        // A stub opens every shard it lists: compacting it merges them into one
        // database, docids renumbered shard after shard.
        TableReporter reporter(started, context);
        Xapian::Database(need(source, "source")).compact(need(destination, "destination"), 0, block_size, reporter);
        return 1;
    });
}

}  // extern "C"
