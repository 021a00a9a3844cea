#ifndef ATTNLAB_CBLAS_SHIM_H
#define ATTNLAB_CBLAS_SHIM_H
// Debian's libopenblas-dev installs cblas.h under /usr/include/x86_64-linux-gnu/openblas-pthread/
// (added by pkg-config "openblas") and an alternatives link on the default include path.
#include <cblas.h>
// glibc's mallopt (LabCore.Allocator): the only libc call Swift's Glibc module does not export.
#include <malloc.h>
// Cache prefetch hints (LabCore's `prefetchLines`, its `CacheLevel` .l2 and .l1): Swift has no
// spelling for them. Locality 2 (prefetcht1) asks for L2, 3 (prefetcht0) for every level down to L1.
static inline void attnlab_prefetch_l2(const void *p) { __builtin_prefetch(p, 0, 2); }
static inline void attnlab_prefetch_l1(const void *p) { __builtin_prefetch(p, 0, 3); }
// OpenBLAS extensions (declared in OpenBLAS's cblas.h; repeated here for clarity of intent):
//   openblas_set_num_threads, openblas_get_num_threads, openblas_get_corename, openblas_get_config
#endif
