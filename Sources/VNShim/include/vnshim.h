/*
 * vnshim.h — the plain C API that Swift sees of Xapian and ICU.
 *
 * Why this exists: Foundation on Linux bundles its own ICU module, so the system ICU
 * headers cannot be imported into a Swift module that also sees Foundation, and C++
 * cannot be called from Swift without leaking C++ types. This header is the only
 * bridge: opaque handles, UTF-8 (pointer + byte length) in and out, and errors as
 * values. No C++ exception ever crosses it.
 *
 * Conventions:
 *  - Every fallible call takes `vn_error **err` last. On failure it returns NULL
 *    (or a negative number / 0 where documented) and stores a new error in *err,
 *    which the caller frees with vn_error_free. err may not be NULL.
 *  - Every handle has a *_free function; freeing NULL is a no-op.
 *  - Returned strings/buffers are owned by the caller and released with vn_free,
 *    unless documented as borrowed (valid until the owning handle changes or dies).
 */
#ifndef VNSHIM_H
#define VNSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- errors */

typedef enum vn_error_code {
    VN_OK = 0,
    VN_ERR_UNKNOWN = 1,            /* anything not listed below */
    VN_ERR_DATABASE_OPENING = 2,   /* cannot open (not a database, wrong format) */
    VN_ERR_DATABASE_NOT_FOUND = 3, /* no database at that path */
    VN_ERR_DATABASE_LOCK = 4,      /* another writer holds the lock */
    VN_ERR_DATABASE_CORRUPT = 5,
    VN_ERR_DATABASE_MODIFIED = 6,  /* reader must reopen() and retry */
    VN_ERR_DATABASE = 7,           /* other database (I/O) errors */
    VN_ERR_INVALID_ARGUMENT = 8,
    VN_ERR_INVALID_OPERATION = 9,
    VN_ERR_RANGE = 10,
    VN_ERR_DOC_NOT_FOUND = 11,
    VN_ERR_NETWORK = 12,           /* remote shards */
    VN_ERR_ICU = 13,               /* an ICU status failure */
    VN_ERR_NO_MEMORY = 14
} vn_error_code;

typedef struct vn_error vn_error;

vn_error_code vn_error_get_code(const vn_error *err);
/* Borrowed, NUL-terminated, valid until vn_error_free. Includes Xapian's error type,
   e.g. "DatabaseLockError: Unable to get write lock on index: already locked". */
const char *vn_error_get_message(const vn_error *err);
void vn_error_free(vn_error *err);

/* Releases buffers returned by this API (strings, segment arrays). */
void vn_free(void *ptr);

/* ------------------------------------------------------------------ text (ICU) */

/* NFC normalisation. Returns a new NUL-terminated buffer, its byte length in *out_len. */
char *vn_text_nfc(const char *text, size_t len, size_t *out_len, vn_error **err);

/* Full Unicode case folding (ICU u_strFoldCase, default options). */
char *vn_text_fold_case(const char *text, size_t len, size_t *out_len, vn_error **err);

/* Removes diacritics: NFD, drop nonspacing marks (Mn), map đ→d and Đ→D, NFC.
   Case is kept. "Đồng Tháp" → "Dong Thap". */
char *vn_text_fold_diacritics(const char *text, size_t len, size_t *out_len, vn_error **err);

/* A boundary segment of UTF-8 text: [start, end) in bytes. */
typedef struct vn_segment {
    uint32_t start;
    uint32_t end;
    int32_t rule_status; /* ICU rule status: word breaks: 0 none (space/punct),
                            100.. number, 200.. letter, 300.. kana, 400.. ideo */
} vn_segment;

/* ICU word break (locale "vi") over UTF-8 text. Every segment is returned, words and
   the spaces/punctuation between them (rule_status tells which). Returns the count
   (>= 0) and stores a new array in *out (free with vn_free), or -1 on error. */
int64_t vn_text_word_segments(const char *text, size_t len, vn_segment **out, vn_error **err);

/* ICU sentence break (locale "vi"); rule_status is ICU's (0 = terminated by .?!,
   100 = by separator such as a newline). Same ownership as above. */
int64_t vn_text_sentence_segments(const char *text, size_t len, vn_segment **out, vn_error **err);

/* --------------------------------------------------------------- string lists */

typedef struct vn_strings vn_strings;
size_t vn_strings_count(const vn_strings *list);
/* Borrowed bytes of item i (not NUL-terminated); its length in *len. */
const char *vn_strings_get(const vn_strings *list, size_t i, size_t *len);
void vn_strings_free(vn_strings *list);

/* ------------------------------------------------------------------- documents */

typedef struct vn_document vn_document;

vn_document *vn_document_new(void);
void vn_document_free(vn_document *doc);
/* One term of a batch for vn_document_add_terms. Its bytes run from where the previous
   entry's end (0 for the first) to `end` in the batch's buffer. `position` is 1-based;
   0 adds the term without positional information. wdf_inc is added to its wdf. */
typedef struct vn_term_entry {
    uint32_t end;
    uint32_t position;
    uint32_t wdf_inc;
} vn_term_entry;
/* Adds `count` terms whose bytes lie back to back in `text`: a passage's syllables cross
   into the shim once, not once each. Stops at the first invalid term (an empty one, or an
   `end` before its start or past `text_len`). */
int vn_document_add_terms(vn_document *doc, const char *text, size_t text_len,
                          const vn_term_entry *entries, size_t count, vn_error **err);
/* A term with wdf 0: filters and ids, never weighted. */
int vn_document_add_boolean_term(vn_document *doc, const char *term, size_t len,
                                 vn_error **err);
int vn_document_set_value(vn_document *doc, uint32_t slot, const char *value, size_t len,
                          vn_error **err);
int vn_document_set_data(vn_document *doc, const char *data, size_t len, vn_error **err);

/* Functions returning int: 1 on success, 0 on failure (with *err set). */

/* ------------------------------------------------------ read-only databases */

typedef struct vn_database vn_database;

/* Opens through Xapian's generic constructor, so `path` may be a database directory,
   a stub file or a stub directory (local or remote shards). */
vn_database *vn_database_open(const char *path, vn_error **err);
void vn_database_free(vn_database *db);
/* Picks up the latest committed revision. Returns 1 if it changed, 0 if not, -1 on error. */
int vn_database_reopen(vn_database *db, vn_error **err);
uint64_t vn_database_doc_count(vn_database *db, vn_error **err);
/* The highest docid the database has used (0 when empty). */
uint32_t vn_database_last_docid(vn_database *db, vn_error **err);
/* Revision of a single local database; 0 for stubs over several shards or a remote one
   (Xapian has none). */
uint64_t vn_database_revision(vn_database *db, vn_error **err);
/* Document data of docid, and one value of it, as a new buffer (free with vn_free); NULL
   with err on failure. The docid is taken as valid (from a search or a posting list of
   this revision): one that does not exist may read as empty instead of failing. */
char *vn_database_document_data(vn_database *db, uint32_t docid, size_t *out_len,
                                vn_error **err);
char *vn_database_document_value(vn_database *db, uint32_t docid, uint32_t slot,
                                 size_t *out_len, vn_error **err);
/* Metadata value of key ("" if unset). */
char *vn_database_get_metadata(vn_database *db, const char *key, size_t key_len,
                               size_t *out_len, vn_error **err);
/* Metadata keys starting with prefix. */
vn_strings *vn_database_metadata_keys(vn_database *db, const char *prefix, size_t len,
                                      vn_error **err);
/* Number of documents indexed by term (0 if absent). */
uint64_t vn_database_term_freq(vn_database *db, const char *term, size_t len, vn_error **err);
/* Terms starting with prefix (e.g. to list article ids). */
vn_strings *vn_database_terms_with_prefix(vn_database *db, const char *prefix, size_t len,
                                          vn_error **err);
/* Xapian's structural check of the database at path (a directory, not a stub). Returns
   the number of errors found (>= 0), its report in *report (free with vn_free), or -1. */
int64_t vn_database_check(const char *path, char **report, size_t *report_len, vn_error **err);
/* Docids of documents indexed by term, ascending. Count returned; array in *out
   (free with vn_free); -1 on error. */
int64_t vn_database_postings(vn_database *db, const char *term, size_t len,
                             uint32_t **out, vn_error **err);
/* Documents every later search on this handle (and on enquires made from it) leaves
   out: those deleted from a database without a termlist, where Xapian cannot delete.
   `docids` ascending; count 0 clears. 1 or 0. */
int vn_database_set_deleted(vn_database *db, const uint32_t *docids, size_t count,
                            vn_error **err);

/* ------------------------------------------------------ writable databases */

typedef struct vn_writable vn_writable;

/* Creates the database if it does not exist (in 16 KB blocks), opens it otherwise; takes
   the write lock.
   without_termlist: create it without a termlist table (smaller, but Xapian can then
   neither delete nor replace documents); an existing database without one needs it too.
   without_sync: commits do not wait for the disk (Xapian's DB_NO_SYNC): a killed process
   loses nothing, but a machine that stops may leave the database unreadable. */
vn_writable *vn_writable_open(const char *path, int without_termlist, int without_sync, vn_error **err);
/* Commits pending changes (unless inside a transaction, which is cancelled) and
   releases the lock. */
void vn_writable_free(vn_writable *db);
int vn_writable_begin_transaction(vn_writable *db, vn_error **err);
int vn_writable_commit_transaction(vn_writable *db, vn_error **err);
int vn_writable_cancel_transaction(vn_writable *db, vn_error **err);
int vn_writable_commit(vn_writable *db, vn_error **err);
/* Returns the new docid, or 0 on error. */
uint32_t vn_writable_add_document(vn_writable *db, const vn_document *doc, vn_error **err);
/* Replaces the documents indexed by unique_term (adds if none). Returns the docid or 0. */
uint32_t vn_writable_replace_document(vn_writable *db, const char *unique_term, size_t len,
                                      const vn_document *doc, vn_error **err);
int vn_writable_delete_documents(vn_writable *db, const char *term, size_t len,
                                 vn_error **err);
int vn_writable_set_metadata(vn_writable *db, const char *key, size_t key_len,
                             const char *value, size_t value_len, vn_error **err);
char *vn_writable_get_metadata(vn_writable *db, const char *key, size_t key_len,
                               size_t *out_len, vn_error **err);
vn_strings *vn_writable_metadata_keys(vn_writable *db, const char *prefix, size_t len,
                                      vn_error **err);
/* As vn_database_postings, including this writer's uncommitted changes. */
int64_t vn_writable_postings(vn_writable *db, const char *term, size_t len,
                             uint32_t **out, vn_error **err);
uint64_t vn_writable_doc_count(vn_writable *db, vn_error **err);
uint64_t vn_writable_revision(vn_writable *db, vn_error **err);

/* Called as compaction starts each table ("postlist", "position", ...), with the
   `context` given to vn_compact. */
typedef void (*vn_compact_table_started)(void *context, const char *table);

/* Writes a compact copy of the database at `source` (a folder or a stub over shards,
   which are merged into one database) to the new folder `destination`, in 16 KB
   blocks. `started` may be NULL. 1 or 0. */
int vn_compact(const char *source, const char *destination,
               vn_compact_table_started started, void *context, vn_error **err);

/* ---------------------------------------------------------------- queries */

typedef struct vn_query vn_query;

typedef enum vn_query_op {
    VN_OP_AND = 0,
    VN_OP_OR = 1,
    VN_OP_AND_NOT = 2,
    VN_OP_XOR = 3,
    VN_OP_AND_MAYBE = 4,
    VN_OP_FILTER = 5,
    VN_OP_NEAR = 6,      /* parameter: window */
    VN_OP_PHRASE = 7,    /* parameter: window (0 = number of subqueries) */
    VN_OP_ELITE_SET = 8, /* parameter: set size */
    VN_OP_SYNONYM = 9,
    VN_OP_MAX = 10
} vn_query_op;

/* A term; wqf is the within-query frequency (1 usually), pos its query position (0: none). */
vn_query *vn_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos,
                        vn_error **err);
/* Combines subqueries (they stay owned by the caller and may be freed afterwards). */
vn_query *vn_query_combine(vn_query_op op, vn_query *const *subqueries, size_t count,
                           uint32_t parameter, vn_error **err);
vn_query *vn_query_scale_weight(const vn_query *query, double factor, vn_error **err);
/* The documents `query` matches, each weighing exactly `weight` (its own terms weigh
   nothing): a bonus that does not depend on the terms' rarity. */
vn_query *vn_query_fixed_weight(const vn_query *query, double weight, vn_error **err);
/* Documents whose value in slot is within [low, high] (string order); an empty
   low or high leaves that end open. */
vn_query *vn_query_value_range(uint32_t slot, const char *low, size_t low_len,
                               const char *high, size_t high_len, vn_error **err);
/* A weight read from a value slot through a table (Xapian's ValueMapPostingSource): the
   document whose value in `slot` is keys[i] gets weights[i], any other default_weight.
   Used as a prior (a passage's kind), never to match on its own. */
vn_query *vn_query_value_map(uint32_t slot, const char *const *keys, const size_t *key_lens,
                             const double *weights, size_t count, double default_weight,
                             vn_error **err);
/* The same weights read once from the value stream of a single local database and held
   in memory, so a search looks them up there instead of seeking in the stream for each
   candidate. For that database's revision at the time of reading only (its docids), and
   for local databases only (a remote server cannot run the source). NULL with *err
   unset for a stub over several shards (a source sees one shard at a time, in its own
   docids): use vn_query_value_map then. Free with vn_value_weights_free. */
typedef struct vn_value_weights vn_value_weights;
vn_value_weights *vn_value_weights_read(vn_database *db, uint32_t slot,
                                        const char *const *keys, const size_t *key_lens,
                                        const double *weights, size_t count, vn_error **err);
void vn_value_weights_free(vn_value_weights *weights);
/* A query giving each document its held weight (0 for the others), like vn_query_value_map. */
vn_query *vn_query_value_weights(const vn_value_weights *weights, vn_error **err);
/* Every docid from first to last (1 <= first <= last), weight 0: under FILTER it keeps
   a search to part of one local database (not for a stub or a remote database). */
vn_query *vn_query_docid_range(uint32_t first, uint32_t last, vn_error **err);
/* The given docids (strictly ascending, each >= 1), weight 0: under FILTER it keeps a search to
   those documents of one local database (not for a stub or a remote database). */
vn_query *vn_query_docid_list(const uint32_t *docids, size_t count, vn_error **err);
vn_query *vn_query_match_all(void);
vn_query *vn_query_match_nothing(void);
int vn_query_is_empty(const vn_query *query);
/* Xapian's description, for debugging. */
char *vn_query_description(const vn_query *query, size_t *out_len);
void vn_query_free(vn_query *query);

/* ------------------------------------------------------------- enquire/mset */

typedef struct vn_enquire vn_enquire;
typedef struct vn_mset vn_mset;

/* The enquire keeps its own reference to the database. */
vn_enquire *vn_enquire_new(vn_database *db, vn_error **err);
void vn_enquire_free(vn_enquire *enq);
int vn_enquire_set_query(vn_enquire *enq, const vn_query *query, vn_error **err);
int vn_enquire_set_bm25(vn_enquire *enq, double k1, double k2, double k3, double b,
                        double min_normlen, vn_error **err);
/* No ranking (every match weighs 0): cheapest when only counting matches. */
int vn_enquire_set_bool_weight(vn_enquire *enq, vn_error **err);
/* At most collapse_max documents per distinct value in slot. */
int vn_enquire_set_collapse_key(vn_enquire *enq, uint32_t slot, uint32_t collapse_max,
                                vn_error **err);
/* Equal weights are ordered by the value in slot (ascending), then by docid. Docids
   differ between one database and the same documents in shards (Xapian interleaves
   them), a value does not: ties come out in the same order on any layout. */
int vn_enquire_set_ties_by_value(vn_enquire *enq, uint32_t slot, vn_error **err);
/* Adds a value-count match spy on slot; returns its index (>= 0) or -1. The spy counts
   over the documents the next get_mset examines (raise check_at_least to widen that). */
int vn_enquire_add_value_spy(vn_enquire *enq, uint32_t slot, vn_error **err);
/* Like vn_enquire_add_value_spy, but the slot holds a list of items joined by
   `separator` (e.g. 0x1F), and each item is counted once per document. */
int vn_enquire_add_list_spy(vn_enquire *enq, uint32_t slot, char separator, vn_error **err);
vn_mset *vn_enquire_get_mset(vn_enquire *enq, uint32_t first, uint32_t max_items,
                             uint32_t check_at_least, vn_error **err);
/* Terms of the current query that index docid, in query order. */
vn_strings *vn_enquire_matching_terms(vn_enquire *enq, uint32_t docid, vn_error **err);

/* Spy results after get_mset: number of documents seen, and (value, frequency) pairs
   in descending frequency. Returns the pair count or -1. */
uint64_t vn_enquire_spy_total(vn_enquire *enq, int spy, vn_error **err);
int64_t vn_enquire_spy_values(vn_enquire *enq, int spy, vn_strings **values,
                              uint64_t **frequencies, vn_error **err);

void vn_mset_free(vn_mset *mset);
size_t vn_mset_size(const vn_mset *mset);
uint64_t vn_mset_matches_estimated(const vn_mset *mset);
uint64_t vn_mset_matches_lower_bound(const vn_mset *mset);
uint64_t vn_mset_matches_upper_bound(const vn_mset *mset);
uint32_t vn_mset_docid(const vn_mset *mset, size_t i);
double vn_mset_weight(const vn_mset *mset, size_t i);
/* How many more documents with the same collapse key were dropped. */
uint64_t vn_mset_collapse_count(const vn_mset *mset, size_t i);
/* The item's collapse key, read while matching: no lookup in the database. */
char *vn_mset_collapse_key(const vn_mset *mset, size_t i, size_t *out_len, vn_error **err);

/* ---------------------------------------------------------------- files */

/* Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE): a reader opening either
   path sees one whole directory or the other, never neither. 0 on success, else errno
   (EINVAL or ENOSYS where the file system cannot exchange). */
int vn_exchange_paths(const char *a, const char *b);

/* ---------------------------------------------------------------- system */

/* The cores the calling thread may run on (its CPU affinity, which taskset and a
   container's cpuset narrow), or 0 if the system cannot say. */
int vn_available_cores(void);

#ifdef __cplusplus
}
#endif

#endif /* VNSHIM_H */
