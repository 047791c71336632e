// vnshim.cpp — the C implementation of vnshim.h over Xapian 1.4 and ICU.
//
// Rules this file follows everywhere (see vnshim.h for the caller's side):
//  - No C++ exception escapes: every entry point runs its body through guard()
//    (or guard_quiet() for calls without an error out-parameter).
//  - Everything handed to the caller is malloc'd, because vn_free() is free().
//  - Inputs are (pointer, length) byte ranges, never assumed NUL-terminated.
//  - *err is only written on failure; it is left untouched on success.

#include "vnshim.h"

#include <xapian.h>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

// ------------------------------------------------------------------ handle types

struct vn_error {
    vn_error_code code;
    std::string message;
};

struct vn_strings {
    std::vector<std::string> items;
};

struct vn_document {
    Xapian::Document doc;
};

struct vn_database {
    Xapian::Database db;
};

struct vn_writable {
    Xapian::WritableDatabase db;
    bool in_transaction;
};

struct vn_query {
    Xapian::Query q;
};

struct vn_enquire {
    // Member order matters: members are destroyed in reverse, so the Enquire (which
    // holds non-owning pointers to the spies) goes first, then the spies, then db.
    Xapian::Database db;
    std::vector<Xapian::valueno> spy_slots;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    Xapian::Enquire enquire;

    explicit vn_enquire(const Xapian::Database &d) : db(d), enquire(db) {}
};

struct vn_mset {
    Xapian::MSet mset;
};

// ------------------------------------------------------------------ error helpers

namespace {

// Errors raised by the shim itself (bad arguments, ICU failures), carrying their code.
struct ShimError : std::runtime_error {
    vn_error_code code;
    ShimError(vn_error_code c, const std::string &msg) : std::runtime_error(msg), code(c) {}
};

// Stores a new error in *err. Must not throw: it runs inside catch handlers.
void set_error(vn_error **err, vn_error_code code, const char *prefix, const char *msg) {
    if (err == nullptr) return;
    try {
        *err = new vn_error{code, std::string(prefix) + msg};
    } catch (...) {
        // Not even room for the message: report a bare out-of-memory error.
        *err = new (std::nothrow) vn_error{VN_ERR_NO_MEMORY, std::string()};
    }
}

void set_xapian_error(vn_error **err, vn_error_code code, const Xapian::Error &e) {
    if (err == nullptr) return;
    try {
        std::string msg = e.get_type();
        msg += ": ";
        msg += e.get_msg();
        const char *detail = e.get_error_string();
        if (detail != nullptr && *detail != '\0') {
            msg += " (";
            msg += detail;
            msg += ")";
        }
        set_error(err, code, "", msg.c_str());
    } catch (...) {
        set_error(err, VN_ERR_NO_MEMORY, "", "out of memory");
    }
}

// Runs body(); on any exception stores an error and returns `fail`. The catch
// clauses are ordered most-derived first (e.g. DatabaseNotFoundError and
// DatabaseVersionError before their base DatabaseOpeningError).
template <typename R, typename F>
R guard(vn_error **err, R fail, F &&body) noexcept {
    try {
        return body();
    } catch (const Xapian::DatabaseLockError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_LOCK, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_NOT_FOUND, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_OPENING, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_OPENING, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_CORRUPT, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        set_xapian_error(err, VN_ERR_DATABASE_MODIFIED, e);
    } catch (const Xapian::DatabaseError &e) {
        set_xapian_error(err, VN_ERR_DATABASE, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        set_xapian_error(err, VN_ERR_INVALID_ARGUMENT, e);
    } catch (const Xapian::InvalidOperationError &e) {
        set_xapian_error(err, VN_ERR_INVALID_OPERATION, e);
    } catch (const Xapian::RangeError &e) {
        set_xapian_error(err, VN_ERR_RANGE, e);
    } catch (const Xapian::DocNotFoundError &e) {
        set_xapian_error(err, VN_ERR_DOC_NOT_FOUND, e);
    } catch (const Xapian::NetworkError &e) {
        set_xapian_error(err, VN_ERR_NETWORK, e);
    } catch (const Xapian::Error &e) {
        set_xapian_error(err, VN_ERR_UNKNOWN, e);
    } catch (const ShimError &e) {
        set_error(err, e.code, "", e.what());
    } catch (const std::bad_alloc &) {
        set_error(err, VN_ERR_NO_MEMORY, "", "out of memory");
    } catch (const std::exception &e) {
        set_error(err, VN_ERR_UNKNOWN, "exception: ", e.what());
    } catch (...) {
        set_error(err, VN_ERR_UNKNOWN, "", "unknown exception");
    }
    return fail;
}

// For accessors with no error out-parameter: any failure just yields `fail`.
template <typename R, typename F>
R guard_quiet(R fail, F &&body) noexcept {
    try {
        return body();
    } catch (...) {
        return fail;
    }
}

template <typename T>
T *need(T *handle, const char *what) {
    if (handle == nullptr) throw ShimError(VN_ERR_INVALID_ARGUMENT, std::string(what) + " is NULL");
    return handle;
}

// A caller's (pointer, length) byte range as a std::string; (NULL, 0) is "".
std::string bytes(const char *p, size_t len) {
    if (len == 0) return std::string();
    if (p == nullptr) throw ShimError(VN_ERR_INVALID_ARGUMENT, "NULL pointer with non-zero length");
    return std::string(p, len);
}

// Copies s into a new malloc'd NUL-terminated buffer (s may itself contain NULs).
char *to_c(const std::string &s, size_t *out_len) {
    char *buf = static_cast<char *>(std::malloc(s.size() + 1));
    if (buf == nullptr) throw std::bad_alloc();
    if (!s.empty()) std::memcpy(buf, s.data(), s.size());
    buf[s.size()] = '\0';
    if (out_len != nullptr) *out_len = s.size();
    return buf;
}

// Copies a vector into a new malloc'd array; an empty vector gives NULL.
template <typename T>
T *to_c_array(const std::vector<T> &v) {
    if (v.empty()) return nullptr;
    T *buf = static_cast<T *>(std::malloc(v.size() * sizeof(T)));
    if (buf == nullptr) throw std::bad_alloc();
    std::memcpy(buf, v.data(), v.size() * sizeof(T));
    return buf;
}

vn_strings *collect(Xapian::TermIterator it, Xapian::TermIterator end) {
    std::unique_ptr<vn_strings> list(new vn_strings);
    for (; it != end; ++it) list->items.push_back(*it);
    return list.release();
}

// ------------------------------------------------------------------ ICU helpers

void check_icu(UErrorCode status, const char *what) {
    if (U_FAILURE(status))
        throw ShimError(VN_ERR_ICU, std::string(what) + ": " + u_errorName(status));
}

// ICU indexes text with int32_t, so longer inputs cannot be handled.
int32_t icu_length(const char *text, size_t len) {
    if (len > static_cast<size_t>(INT32_MAX))
        throw ShimError(VN_ERR_INVALID_ARGUMENT, "text longer than 2 GiB");
    if (text == nullptr && len != 0)
        throw ShimError(VN_ERR_INVALID_ARGUMENT, "NULL pointer with non-zero length");
    return static_cast<int32_t>(len);
}

// Decodes UTF-8; ill-formed sequences become U+FFFD (ICU's fromUTF8 behaviour).
icu::UnicodeString from_utf8(const char *text, size_t len) {
    int32_t n = icu_length(text, len);
    if (n == 0) return icu::UnicodeString();
    return icu::UnicodeString::fromUTF8(icu::StringPiece(text, n));
}

char *to_utf8(const icu::UnicodeString &s, size_t *out_len) {
    if (s.isBogus()) throw ShimError(VN_ERR_ICU, "ICU string allocation failed");
    std::string out;
    s.toUTF8String(out);
    return to_c(out, out_len);
}

icu::UnicodeString normalize(const icu::Normalizer2 *(*instance)(UErrorCode &),
                             const icu::UnicodeString &s, const char *what) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *norm = instance(status);
    check_icu(status, what);
    icu::UnicodeString result = norm->normalize(s, status);
    check_icu(status, what);
    return result;
}

struct UTextCloser {
    void operator()(UText *ut) const { utext_close(ut); }
};

enum class BreakKind { word, sentence };

// Break iterators are expensive to build (rule tables), so each thread keeps one
// per kind. thread_local means no locking: an instance is never shared.
icu::BreakIterator &break_iterator(BreakKind kind) {
    thread_local std::unique_ptr<icu::BreakIterator> word, sentence;
    std::unique_ptr<icu::BreakIterator> &slot = kind == BreakKind::word ? word : sentence;
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        icu::Locale vi("vi");
        std::unique_ptr<icu::BreakIterator> bi(
            kind == BreakKind::word ? icu::BreakIterator::createWordInstance(vi, status)
                                    : icu::BreakIterator::createSentenceInstance(vi, status));
        check_icu(status, "create break iterator");
        if (!bi) throw std::bad_alloc();
        slot = std::move(bi);
    }
    return *slot;
}

// Segments text with the cached iterator. The UText reads the caller's UTF-8
// directly, so the iterator's indices are byte offsets. (The iterator keeps only a
// shallow reference to the text; the next setText replaces it without reading it.)
int64_t segments(BreakKind kind, const char *text, size_t len, vn_segment **out) {
    int32_t n = icu_length(text, len);
    *out = nullptr;
    if (n == 0) return 0;

    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> ut(utext_openUTF8(nullptr, text, n, &status));
    check_icu(status, "utext_openUTF8");

    icu::BreakIterator &bi = break_iterator(kind);
    bi.setText(ut.get(), status);
    check_icu(status, "BreakIterator::setText");

    std::vector<vn_segment> result;
    int32_t prev = bi.first();
    for (int32_t cur = bi.next(); cur != icu::BreakIterator::DONE; prev = cur, cur = bi.next()) {
        result.push_back(vn_segment{static_cast<uint32_t>(prev), static_cast<uint32_t>(cur),
                                    bi.getRuleStatus()});
    }
    *out = to_c_array(result);
    return static_cast<int64_t>(result.size());
}

// ------------------------------------------------------------------ shared database reads

char *get_metadata(const Xapian::Database &db, const char *key, size_t key_len,
                   size_t *out_len) {
    return to_c(db.get_metadata(bytes(key, key_len)), out_len);
}

vn_strings *metadata_keys(const Xapian::Database &db, const char *prefix, size_t len) {
    std::string p = bytes(prefix, len);
    return collect(db.metadata_keys_begin(p), db.metadata_keys_end(p));
}

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

Xapian::ValueCountMatchSpy &need_spy(vn_enquire *enq, int spy) {
    need(enq, "enquire");
    if (spy < 0 || static_cast<size_t>(spy) >= enq->spies.size())
        throw ShimError(VN_ERR_RANGE, "no match spy " + std::to_string(spy));
    return *enq->spies[static_cast<size_t>(spy)];
}

}  // namespace

// ================================================================== C API

extern "C" {

// ------------------------------------------------------------------ errors

vn_error_code vn_error_get_code(const vn_error *err) { return err ? err->code : VN_OK; }

const char *vn_error_get_message(const vn_error *err) { return err ? err->message.c_str() : ""; }

void vn_error_free(vn_error *err) { delete err; }

void vn_free(void *ptr) { std::free(ptr); }

// ------------------------------------------------------------------ text

char *vn_text_nfc(const char *text, size_t len, size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_utf8(normalize(icu::Normalizer2::getNFCInstance, from_utf8(text, len), "NFC"),
                       out_len);
    });
}

char *vn_text_fold_case(const char *text, size_t len, size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        icu::UnicodeString s = from_utf8(text, len);
        s.foldCase(U_FOLD_CASE_DEFAULT);
        return to_utf8(s, out_len);
    });
}

char *vn_text_fold_diacritics(const char *text, size_t len, size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        // Decomposing first separates every Vietnamese tone/vowel mark (including the
        // horn of ơ/ư and the breve of ă) into a nonspacing mark that can be dropped.
        icu::UnicodeString nfd =
            normalize(icu::Normalizer2::getNFDInstance, from_utf8(text, len), "NFD");
        icu::UnicodeString stripped;
        for (int32_t i = 0; i < nfd.length();) {
            UChar32 c = nfd.char32At(i);
            i += U16_LENGTH(c);
            if (u_charType(c) == U_NON_SPACING_MARK) continue;
            // đ/Đ have no decomposition (the stroke is not a combining mark).
            if (c == 0x0111) c = 'd';
            else if (c == 0x0110) c = 'D';
            stripped.append(c);
        }
        return to_utf8(normalize(icu::Normalizer2::getNFCInstance, stripped, "NFC"), out_len);
    });
}

int64_t vn_text_word_segments(const char *text, size_t len, vn_segment **out, vn_error **err) {
    return guard(err, int64_t(-1),
                 [&] { return segments(BreakKind::word, text, len, need(out, "out")); });
}

int64_t vn_text_sentence_segments(const char *text, size_t len, vn_segment **out,
                                  vn_error **err) {
    return guard(err, int64_t(-1),
                 [&] { return segments(BreakKind::sentence, text, len, need(out, "out")); });
}

// ------------------------------------------------------------------ string lists

size_t vn_strings_count(const vn_strings *list) { return list ? list->items.size() : 0; }

const char *vn_strings_get(const vn_strings *list, size_t i, size_t *len) {
    if (list == nullptr || i >= list->items.size()) {
        if (len) *len = 0;
        return nullptr;
    }
    if (len) *len = list->items[i].size();
    return list->items[i].data();
}

void vn_strings_free(vn_strings *list) { delete list; }

// ------------------------------------------------------------------ documents

vn_document *vn_document_new(void) {
    return guard_quiet(static_cast<vn_document *>(nullptr), [] { return new vn_document; });
}

void vn_document_free(vn_document *doc) { delete doc; }

int vn_document_add_posting(vn_document *doc, const char *term, size_t len, uint32_t position,
                            uint32_t wdf_inc, vn_error **err) {
    return guard(err, 0, [&] {
        need(doc, "document")->doc.add_posting(bytes(term, len), position, wdf_inc);
        return 1;
    });
}

int vn_document_add_term(vn_document *doc, const char *term, size_t len, uint32_t wdf_inc,
                         vn_error **err) {
    return guard(err, 0, [&] {
        need(doc, "document")->doc.add_term(bytes(term, len), wdf_inc);
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

uint64_t vn_database_revision(vn_database *db, vn_error **err) {
    return guard(err, uint64_t(0), [&]() -> uint64_t {
        Xapian::Database &d = need(db, "database")->db;
        try {
            return d.get_revision();
        } catch (const Xapian::InvalidOperationError &) {
            // Xapian has no revision for zero or several shards: documented as 0.
            return 0;
        }
    });
}

char *vn_database_document_data(vn_database *db, uint32_t docid, size_t *out_len,
                                vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(need(db, "database")->db.get_document(docid).get_data(), out_len);
    });
}

char *vn_database_document_value(vn_database *db, uint32_t docid, uint32_t slot,
                                 size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(need(db, "database")->db.get_document(docid).get_value(slot), out_len);
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

int64_t vn_database_postings(vn_database *db, const char *term, size_t len, uint32_t **out,
                             vn_error **err) {
    return guard(err, int64_t(-1), [&] {
        Xapian::Database &d = need(db, "database")->db;
        need(out, "out");
        std::string t = bytes(term, len);
        std::vector<uint32_t> ids;
        for (Xapian::PostingIterator it = d.postlist_begin(t); it != d.postlist_end(t); ++it)
            ids.push_back(*it);
        *out = to_c_array(ids);
        return static_cast<int64_t>(ids.size());
    });
}

// ------------------------------------------------------------------ writable databases

vn_writable *vn_writable_open(const char *path, vn_error **err) {
    return guard(err, static_cast<vn_writable *>(nullptr), [&] {
        return new vn_writable{Xapian::WritableDatabase(need(path, "path"), Xapian::DB_CREATE_OR_OPEN),
                               false};
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

uint64_t vn_writable_doc_count(vn_writable *db, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need(db, "database")->db.get_doccount()); });
}

uint64_t vn_writable_revision(vn_writable *db, vn_error **err) {
    return guard(err, uint64_t(0), [&] { return uint64_t(need(db, "database")->db.get_revision()); });
}

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
                 [&] { return new vn_enquire(need(db, "database")->db); });
}

void vn_enquire_free(vn_enquire *enq) {
    guard_quiet(0, [&] { delete enq; return 0; });
}

int vn_enquire_set_query(vn_enquire *enq, const vn_query *query, vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_query(need(query, "query")->q);
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

int vn_enquire_set_collapse_key(vn_enquire *enq, uint32_t slot, uint32_t collapse_max,
                                vn_error **err) {
    return guard(err, 0, [&] {
        need(enq, "enquire")->enquire.set_collapse_key(slot, collapse_max);
        return 1;
    });
}

int vn_enquire_add_value_spy(vn_enquire *enq, uint32_t slot, vn_error **err) {
    return guard(err, -1, [&] {
        need(enq, "enquire");
        std::unique_ptr<Xapian::ValueCountMatchSpy> spy(new Xapian::ValueCountMatchSpy(slot));
        // Reserve first so that once Enquire holds the spy the push_backs cannot throw.
        enq->spy_slots.reserve(enq->spy_slots.size() + 1);
        enq->spies.reserve(enq->spies.size() + 1);
        enq->enquire.add_matchspy(spy.get());  // not released: we own it, Enquire only points
        enq->spy_slots.push_back(slot);
        enq->spies.push_back(std::move(spy));
        return static_cast<int>(enq->spies.size() - 1);
    });
}

vn_mset *vn_enquire_get_mset(vn_enquire *enq, uint32_t first, uint32_t max_items,
                             uint32_t check_at_least, vn_error **err) {
    return guard(err, static_cast<vn_mset *>(nullptr), [&] {
        need(enq, "enquire");
        // Xapian's spies accumulate over every get_mset; the API promises counts for
        // this search only, so swap in fresh spies (same indices, same slots).
        if (!enq->spies.empty()) {
            std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> fresh;
            for (Xapian::valueno slot : enq->spy_slots)
                fresh.emplace_back(new Xapian::ValueCountMatchSpy(slot));
            enq->enquire.clear_matchspies();
            enq->spies.swap(fresh);
            for (auto &spy : enq->spies) enq->enquire.add_matchspy(spy.get());
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
    return guard(err, uint64_t(0), [&] { return uint64_t(need_spy(enq, spy).get_total()); });
}

int64_t vn_enquire_spy_values(vn_enquire *enq, int spy, vn_strings **values,
                              uint64_t **frequencies, vn_error **err) {
    return guard(err, int64_t(-1), [&] {
        const Xapian::ValueCountMatchSpy &s = need_spy(enq, spy);
        need(values, "values");
        need(frequencies, "frequencies");
        // Ask for every distinct value; top_values_begin sorts by descending frequency.
        size_t distinct = static_cast<size_t>(std::distance(s.values_begin(), s.values_end()));
        std::unique_ptr<vn_strings> list(new vn_strings);
        std::vector<uint64_t> freqs;
        for (Xapian::TermIterator it = s.top_values_begin(distinct);
             it != s.top_values_end(distinct); ++it) {
            list->items.push_back(*it);
            freqs.push_back(it.get_termfreq());
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

char *vn_mset_document_data(const vn_mset *mset, size_t i, size_t *out_len, vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(need_item(mset, i)->mset[Xapian::doccount(i)].get_document().get_data(),
                    out_len);
    });
}

char *vn_mset_document_value(const vn_mset *mset, size_t i, uint32_t slot, size_t *out_len,
                             vn_error **err) {
    return guard(err, static_cast<char *>(nullptr), [&] {
        return to_c(
            need_item(mset, i)->mset[Xapian::doccount(i)].get_document().get_value(slot),
            out_len);
    });
}

}  // extern "C"
