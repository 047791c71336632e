// shim_internal.hpp — internals shared by the C implementation of vnshim.h over
// Xapian 1.4 and ICU (shim_text.cpp, shim_database.cpp, shim_query.cpp). Private to
// the VNShim target: SwiftPM only exports headers under include/.
//
// Rules every shim_*.cpp follows everywhere (see vnshim.h for the caller's side):
//  - No C++ exception escapes: every entry point runs its body through guard()
//    (or guard_quiet() for calls without an error out-parameter).
//  - Everything handed to the caller is malloc'd, because vn_free() is free().
//  - Inputs are (pointer, length) byte ranges, never assumed NUL-terminated.
//  - *err is only written on failure; it is left untouched on success.
//
// This header is included by several translation units, so its helpers are inline
// functions or templates inside namespace vnshim (no duplicate or unused symbols).

#ifndef VNSHIM_SHIM_INTERNAL_HPP
#define VNSHIM_SHIM_INTERNAL_HPP

#include "vnshim.h"

#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
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
    // Documents deleted from a database without a termlist (see
    // vn_database_set_deleted), ascending: every search leaves them out.
    std::shared_ptr<const std::vector<uint32_t>> deleted;
};

struct vn_writable {
    Xapian::WritableDatabase db;
    bool in_transaction;
};

struct vn_query {
    Xapian::Query q;
};

namespace vnshim {

// A facet count over the documents a search examines. Xapian's own ValueCountMatchSpy
// does the counting because a remote shard (xapian-tcpsrv) only runs match spies its
// registry knows; a custom spy would fail there. A list slot (items joined by
// `separator`) is counted whole and split when read, so a passage that names two
// provinces still counts once for each.
struct FacetSpy {
    Xapian::valueno slot;
    int separator;  // < 0: the whole value is one item
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;

    FacetSpy(Xapian::valueno s, int sep) : slot(s), separator(sep), spy(new Xapian::ValueCountMatchSpy(s)) {}

    // Item -> number of documents, after splitting list values.
    std::map<std::string, Xapian::doccount> counts() const {
        std::map<std::string, Xapian::doccount> out;
        for (Xapian::TermIterator it = spy->values_begin(); it != spy->values_end(); ++it) {
            const std::string value = *it;
            const Xapian::doccount freq = it.get_termfreq();
            if (separator < 0) {
                out[value] += freq;
                continue;
            }
            size_t start = 0;
            while (start <= value.size()) {
                size_t end = value.find(static_cast<char>(separator), start);
                if (end == std::string::npos) end = value.size();
                if (end > start) out[value.substr(start, end - start)] += freq;
                start = end + 1;
            }
        }
        return out;
    }
};

}  // namespace vnshim

struct vn_enquire {
    // Member order matters: members are destroyed in reverse, so the Enquire (which
    // holds non-owning pointers to the spies) goes first, then the spies, then db.
    Xapian::Database db;
    std::shared_ptr<const std::vector<uint32_t>> deleted;
    std::vector<vnshim::FacetSpy> spies;
    Xapian::Enquire enquire;

    explicit vn_enquire(const vn_database &d) : db(d.db), deleted(d.deleted), enquire(db) {}
};

struct vn_mset {
    Xapian::MSet mset;
};

// ------------------------------------------------------------------ error helpers

namespace vnshim {

// Errors raised by the shim itself (bad arguments, ICU failures), carrying their code.
struct ShimError : std::runtime_error {
    vn_error_code code;
    ShimError(vn_error_code c, const std::string &msg) : std::runtime_error(msg), code(c) {}
};

// Stores a new error in *err. Must not throw: it runs inside catch handlers.
inline void set_error(vn_error **err, vn_error_code code, const char *prefix,
                      const char *msg) {
    if (err == nullptr) return;
    try {
        *err = new vn_error{code, std::string(prefix) + msg};
    } catch (...) {
        // Not even room for the message: report a bare out-of-memory error.
        *err = new (std::nothrow) vn_error{VN_ERR_NO_MEMORY, std::string()};
    }
}

inline void set_xapian_error(vn_error **err, vn_error_code code, const Xapian::Error &e) {
    if (err == nullptr) return;
    try {
        std::string msg = e.get_type();
        msg += ": ";
        msg += e.get_msg();
        // The context names the shard of a stub that failed, e.g. remote:tcp(host:port).
        if (!e.get_context().empty()) {
            msg += " (context: ";
            msg += e.get_context();
            msg += ")";
        }
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
inline std::string bytes(const char *p, size_t len) {
    if (len == 0) return std::string();
    if (p == nullptr) throw ShimError(VN_ERR_INVALID_ARGUMENT, "NULL pointer with non-zero length");
    return std::string(p, len);
}

// Copies s into a new malloc'd NUL-terminated buffer (s may itself contain NULs).
inline char *to_c(const std::string &s, size_t *out_len) {
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

// Copies a Xapian TermIterator range into a new string list.
inline vn_strings *collect(Xapian::TermIterator it, Xapian::TermIterator end) {
    std::unique_ptr<vn_strings> list(new vn_strings);
    for (; it != end; ++it) list->items.push_back(*it);
    return list.release();
}

}  // namespace vnshim

#endif  // VNSHIM_SHIM_INTERNAL_HPP
