// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsrequestbody_p.h"
#include "testpattern.h"

#include <QtCore/qbuffer.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtTest/qtest.h>

#include <openssl/crypto.h>

// Application exit with a body-hash worker thread still alive: the C runtime runs OpenSSL's
// atexit cleanup while QCoreApplication has only waited for the pool's work to finish, not for
// its threads to exit. Whatever per-thread state OpenSSL kept for the worker then leaks. This
// process puts the two in that order on purpose; the ASan+UBSan job (scripts/sanitize) fails it
// with a LeakSanitizer report if the worker leaves OpenSSL state behind. A plain build cannot
// see the leak and checks only that the hash is right.
class tst_HashWorkerExit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void workerOutlivesOpenSsl();
};

void tst_HashWorkerExit::workerOutlivesOpenSsl()
{
    // The worker is the first thread of this process to use OpenSSL, as in an application whose
    // first signed request uploads a large body: OpenSSL initialises there.
    const QByteArray data = pattern(1 << 20);
    QBuffer buffer;
    buffer.setData(data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    AwsRequestBody::Options options;
    options.asyncThreshold = 1;
    AwsRequestBody body(&buffer, options);
    body.start();
    QCOMPARE(body.strategy(), AwsRequestBody::RandomAccessAsync);
    QTRY_COMPARE_WITH_TIMEOUT(body.state(), AwsRequestBody::Ready, 10000);
    QCOMPARE(body.payloadHash(),
             QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());

    // What exit does next, in the order that leaks: OpenSSL goes first, then QCoreApplication's
    // destructor lets the idle worker thread exit.
    OPENSSL_cleanup();
}

QTEST_GUILESS_MAIN(tst_HashWorkerExit)
#include "tst_hashworkerexit.moc"
