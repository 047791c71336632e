// shim_text.cpp — the text side of vnshim.h: errors, vn_free, ICU text functions
// (NFC, case and diacritic folding, word/sentence segmentation) and string lists.
//
// Follows the rules in shim_internal.hpp: no exception escapes (guard/guard_quiet),
// malloc for everything returned, (pointer, length) inputs, *err only set on failure.

#include "shim_internal.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

using namespace vnshim;

namespace {

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

}  // extern "C"
