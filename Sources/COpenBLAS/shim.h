#ifndef HEDGESIM_COPENBLAS_SHIM_H
#define HEDGESIM_COPENBLAS_SHIM_H
#include <cblas.h>

/* OpenBLAS's own function (exported by libopenblas, declared in no public header): stops the
 * library's worker threads, which otherwise spin for a while after start-up. Returns 0. */
int blas_thread_shutdown_(void);
#endif
