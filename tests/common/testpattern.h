// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TEST_TESTPATTERN_H
#define QTSIGV4_TEST_TESTPATTERN_H

#include <QtCore/qbytearray.h>

// size bytes of letters that do not repeat with any small period: a body whose every byte
// must arrive in place.
inline QByteArray pattern(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char('a' + (i * 7 + i / 251) % 26);
    return data;
}

#endif // QTSIGV4_TEST_TESTPATTERN_H
