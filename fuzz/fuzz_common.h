// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_FUZZ_COMMON_H
#define QTSIGV4_FUZZ_COMMON_H

#include <QtCore/qbytearray.h>
#include <QtCore/qloggingcategory.h>

#include <cstdint>
#include <cstdlib>

// Keeps the fuzzers quiet (no qtsigv4.* debug output) and makes any qFatal/Q_ASSERT a crash.
inline void qtsigv4FuzzInit()
{
    static const bool done = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=false\n*.warning=false"));
        return true;
    }();
    (void)done;
}

inline QByteArray qtsigv4FuzzBytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

#define QTSIGV4_FUZZ_CHECK(cond)                                                                 \
    do {                                                                                         \
        if (!(cond))                                                                             \
            std::abort();                                                                        \
    } while (false)

#endif // QTSIGV4_FUZZ_COMMON_H
