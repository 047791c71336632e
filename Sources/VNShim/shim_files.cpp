// File operations Swift's Glibc module does not expose.
#include <cerrno>
#include <cstdio>
#include <fcntl.h>

#include "vnshim.h"

int vn_exchange_paths(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0 ? 0 : errno;
}
