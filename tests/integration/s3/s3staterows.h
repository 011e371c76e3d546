// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#ifndef QTSIGV4_TESTS_S3STATEROWS_H
#define QTSIGV4_TESTS_S3STATEROWS_H

#include <QtCore/qjsonvalue.h>
#include <QtTest/qtest.h>

// The hostile state file tests of the transfers (upload, download): their columns, a valid
// control row and the rows of files that are no state at all.
inline void addStateFileColumnsAndRows(int noError, int stateError)
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("raw");      // replaces the whole file when not empty
    QTest::addColumn<int>("expected");
    QTest::newRow("valid (control)") << QString() << QJsonValue() << QByteArray() << noError;
    QTest::newRow("garbage") << QString() << QJsonValue() << QByteArray("\x00\xff{{not json", 12) << stateError;
    QTest::newRow("JSON array") << QString() << QJsonValue() << QByteArray("[1,2]") << stateError;
    QTest::newRow("huge") << QString() << QJsonValue()
                          << QByteArray("{\"pad\":\"" + QByteArray(5 * 1024 * 1024, 'a') + "\"}") << stateError;
}

#endif // QTSIGV4_TESTS_S3STATEROWS_H
