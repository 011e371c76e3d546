// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4GLOBAL_P_H
#define QTSIGV4GLOBAL_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the qtsigv4 API. It may change without notice.
//

#include <qtsigv4/qtsigv4global.h>

// Private code that only the tests, benchmarks and fuzzers call directly (Qt's
// Q_AUTOTEST_EXPORT): exported when the library is built with them, hidden otherwise.
// Private code the sigv4 tool needs keeps QTSIGV4_EXPORT, like Qt's own private API.
#if defined(QTSIGV4_DEVELOPER_BUILD)
#  define QTSIGV4_AUTOTEST_EXPORT QTSIGV4_EXPORT
#else
#  define QTSIGV4_AUTOTEST_EXPORT
#endif

#endif // QTSIGV4GLOBAL_P_H
