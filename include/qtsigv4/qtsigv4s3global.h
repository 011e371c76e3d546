// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4S3GLOBAL_H
#define QTSIGV4S3GLOBAL_H

#include <qtsigv4/qtsigv4global.h>

// QtSigV4S3 is a library of its own (QtSigV4::S3), above QtSigV4; static when QtSigV4 is.
#if defined(QTSIGV4_STATIC)
#  define QTSIGV4S3_EXPORT
#elif defined(QTSIGV4S3_BUILD_LIBRARY)
#  define QTSIGV4S3_EXPORT Q_DECL_EXPORT
#else
#  define QTSIGV4S3_EXPORT Q_DECL_IMPORT
#endif

#endif // QTSIGV4S3GLOBAL_H
