#ifndef HEDGESIM_COPENBLAS_SHIM_H
#define HEDGESIM_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
