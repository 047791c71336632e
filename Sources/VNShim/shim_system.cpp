// Process facts Swift's Glibc module does not expose.
#include <sched.h>

#include "vnshim.h"

int vn_available_cores(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
