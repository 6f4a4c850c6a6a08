#ifndef HEDGESIM_COPENBLAS_SHIM_H
#define HEDGESIM_COPENBLAS_SHIM_H
#include <stddef.h>
#include <cblas.h>

/* OpenBLAS's own function (exported by libopenblas, declared in no public header): stops the
 * library's worker threads, which otherwise spin for a while after start-up. Returns 0. */
int blas_thread_shutdown_(void);

/* The two LAPACK routines HedgeSim calls, which libopenblas carries (Debian ships no lapack.h beside
 * cblas.h). Fortran calling convention: every argument by address, and a trailing hidden length of
 * each character argument (gfortran's ABI; harmless where the library ignores it). */
/* Cholesky factorisation with complete pivoting of a positive semi-definite matrix: P'AP = U'U or LL'. */
void dpstrf_(const char *uplo, const blasint *n, double *a, const blasint *lda, blasint *piv, blasint *rank,
             const double *tol, double *work, blasint *info, size_t uplo_length);
/* Solves A·X = B for a symmetric positive definite A through its Cholesky factor. */
void dposv_(const char *uplo, const blasint *n, const blasint *nrhs, double *a, const blasint *lda, double *b,
            const blasint *ldb, blasint *info, size_t uplo_length);
#endif
