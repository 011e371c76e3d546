// Copyright (C) 2026 The qtsigv4 authors. SPDX-License-Identifier: Apache-2.0
#include "network/awsrequestbody_p.h"
#include "pipedevice.h"
#include "testpattern.h"

#include <qtsigv4/awssigner.h>

#include <QtCore/qbuffer.h>
#include <QtCore/qprocess.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qtimer.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qelapsedtimer.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

namespace {

QByteArray readAllFrom(QIODevice *device)
{
    QByteArray out;
    char buffer[4096];
    qint64 n;
    while ((n = device->read(buffer, sizeof buffer)) > 0)
        out.append(buffer, n);
    return out;
}

bool waitForResult(AwsRequestBody &body, int ms = 10000)
{
    QDeadlineTimer deadline(ms);
    while (body.state() != AwsRequestBody::Ready && body.state() != AwsRequestBody::Failed) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
    return true;
}

// A random-access device that is neither a QBuffer nor a QFile (read in place on the worker).
class MemoryDevice : public QIODevice
{
public:
    explicit MemoryDevice(const QByteArray &data) : m_data(data) { open(QIODevice::ReadOnly); }
    qint64 size() const override { return m_data.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMax<qint64>(0, qMin<qint64>(maxSize, m_data.size() - pos()));
        memcpy(data, m_data.constData() + pos(), size_t(n));
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
};

} // namespace

class tst_AwsRequestBody : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noBody();
    void buffer();
    void randomAccessRestoresPosition_data();
    void randomAccessRestoresPosition();
    void sequentialInMemory();
    void sequentialSpillsToFile();
    void sequentialAlreadyFinishedProcess();
    void sequentialProcessFailure();
    void sequentialNeverFinishes();
    void sequentialError();
    void sequentialDestroyed();
    void notOpen();
    void skipHash();
    void cancelWorker();
};

void tst_AwsRequestBody::noBody()
{
    AwsRequestBody body(nullptr, AwsRequestBody::Options());
    QSignalSpy ready(&body, &AwsRequestBody::ready);
    body.start();
    QCOMPARE(ready.size(), 1);
    QCOMPARE(body.strategy(), AwsRequestBody::NoBody);
    QCOMPARE(body.payloadHash(), AwsSigner::emptyPayloadHash());
    QCOMPARE(body.device(), nullptr);
    QVERIFY(body.rewind());
}

void tst_AwsRequestBody::buffer()
{
    const QByteArray data = pattern(100000);
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    buffer.seek(1000);
    AwsRequestBody body(&buffer, AwsRequestBody::Options());
    body.start();
    QCOMPARE(body.state(), AwsRequestBody::Ready);
    QCOMPARE(body.strategy(), AwsRequestBody::InMemory);
    QCOMPARE(body.payloadHash(), AwsSigner::hashPayload(data.mid(1000)));
    QCOMPARE(body.size(), 99000);
    QCOMPARE(buffer.pos(), 1000);
    QCOMPARE(body.device(), &buffer);
}

void tst_AwsRequestBody::randomAccessRestoresPosition_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<qint64>("asyncThreshold");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("strategy");

    QTest::newRow("file, sync, start") << qint64(300000) << qint64(0) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccess);
    QTest::newRow("file, sync, middle") << qint64(300000) << qint64(12345) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccess);
    QTest::newRow("file, async, start") << qint64(3 << 20) << qint64(0) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccessAsync);
    QTest::newRow("file, async, middle") << qint64(3 << 20) << qint64(777777) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccessAsync);
    QTest::newRow("file, empty") << qint64(0) << qint64(0) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccess);
    QTest::newRow("file, at end") << qint64(1000) << qint64(1000) << qint64(1 << 20) << QStringLiteral("file") << int(AwsRequestBody::RandomAccess);
    QTest::newRow("custom device, async") << qint64(3 << 20) << qint64(100) << qint64(1 << 20) << QStringLiteral("custom") << int(AwsRequestBody::RandomAccessAsync);
    QTest::newRow("buffer, async") << qint64(3 << 20) << qint64(5) << qint64(1 << 20) << QStringLiteral("buffer") << int(AwsRequestBody::RandomAccessAsync);
}

void tst_AwsRequestBody::randomAccessRestoresPosition()
{
    QFETCH(qint64, size);
    QFETCH(qint64, position);
    QFETCH(qint64, asyncThreshold);
    QFETCH(QString, kind);
    QFETCH(int, strategy);

    const QByteArray data = pattern(size);
    QTemporaryFile file;
    QBuffer buffer;
    MemoryDevice custom(data);
    QIODevice *device = nullptr;
    if (kind == u"buffer") {
        buffer.setData(data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        device = &buffer;
    } else if (kind == u"custom") {
        device = &custom;
    } else {
        QVERIFY(file.open());
        QCOMPARE(file.write(data), size);
        QVERIFY(file.flush());
        device = &file;
    }
    QVERIFY(device->seek(position));

    AwsRequestBody::Options options;
    options.asyncThreshold = asyncThreshold;
    AwsRequestBody body(device, options);
    body.start();
    QCOMPARE(int(body.strategy()), strategy);
    if (strategy == AwsRequestBody::RandomAccessAsync) {
        QCOMPARE(body.state(), AwsRequestBody::Pending); // createRequest() returns at once
        QCOMPARE(device->pos(), position);
    }
    QVERIFY(waitForResult(body));
    QCOMPARE(body.state(), AwsRequestBody::Ready);
    QCOMPARE(body.payloadHash(), AwsSigner::hashPayload(data.mid(position)));
    QCOMPARE(body.size(), size - position);
    QCOMPARE(device->pos(), position);
    QCOMPARE(body.device(), device);
    // What QNAM will read is the whole body.
    QCOMPARE(readAllFrom(device), data.mid(position));
    QVERIFY(body.rewind());
    QCOMPARE(device->pos(), position);
}

void tst_AwsRequestBody::sequentialInMemory()
{
    PipeDevice pipe;
    AwsRequestBody body(&pipe, AwsRequestBody::Options());
    QSignalSpy ready(&body, &AwsRequestBody::ready);
    pipe.feed("already ");
    body.start();
    QCOMPARE(body.state(), AwsRequestBody::Pending);
    QTimer::singleShot(10, &pipe, [&] { pipe.feed("there, "); });
    QTimer::singleShot(20, &pipe, [&] { pipe.feed("and later"); });
    QTimer::singleShot(30, &pipe, [&] { pipe.finish(); });
    QVERIFY(ready.wait(5000));
    QCOMPARE(body.strategy(), AwsRequestBody::SequentialMemory);
    const QByteArray expected("already there, and later");
    QCOMPARE(body.payloadHash(), AwsSigner::hashPayload(expected));
    QVERIFY(body.device() != &pipe);
    QVERIFY(!body.device()->isSequential());
    QCOMPARE(body.size(), expected.size());
    QCOMPARE(readAllFrom(body.device()), expected);
    QVERIFY(body.rewind());
    QCOMPARE(readAllFrom(body.device()), expected);
}

void tst_AwsRequestBody::sequentialSpillsToFile()
{
    PipeDevice pipe;
    AwsRequestBody::Options options;
    options.memoryLimit = 100000;
    AwsRequestBody body(&pipe, options);
    body.start();
    const QByteArray data = pattern(1000000);
    for (int i = 0; i < 10; ++i)
        pipe.feed(data.mid(i * 100000, 100000));
    pipe.finish();
    QCOMPARE(body.state(), AwsRequestBody::Ready);
    QCOMPARE(body.strategy(), AwsRequestBody::SequentialFile);
    QVERIFY(qobject_cast<QTemporaryFile *>(body.device()));
    QCOMPARE(body.payloadHash(), AwsSigner::hashPayload(data));
    QCOMPARE(body.device()->size(), data.size());
    QCOMPARE(readAllFrom(body.device()), data);
}

void tst_AwsRequestBody::sequentialAlreadyFinishedProcess()
{
    QProcess process;
    process.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("printf 'from a process'") });
    QVERIFY(process.waitForFinished(10000));
    // The process is over and its readChannelFinished() is gone: the data is still buffered.
    AwsRequestBody body(&process, AwsRequestBody::Options());
    body.start();
    QVERIFY(waitForResult(body));
    QCOMPARE(body.state(), AwsRequestBody::Ready);
    QCOMPARE(body.payloadHash(), AwsSigner::hashPayload("from a process"));
}

void tst_AwsRequestBody::sequentialProcessFailure()
{
    QProcess process;
    process.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), QStringLiteral("printf partial; sleep 0.2; exit 3") });
    QVERIFY(process.waitForStarted(10000));
    AwsRequestBody body(&process, AwsRequestBody::Options());
    QSignalSpy failed(&body, &AwsRequestBody::failed);
    body.start();
    QVERIFY(failed.wait(10000));
    QVERIFY2(body.errorString().contains(QStringLiteral("exited with code 3")), qPrintable(body.errorString()));
}

void tst_AwsRequestBody::sequentialNeverFinishes()
{
    PipeDevice pipe;
    AwsRequestBody::Options options;
    options.idleTimeoutMs = 300;
    AwsRequestBody body(&pipe, options);
    QSignalSpy failed(&body, &AwsRequestBody::failed);
    QElapsedTimer timer;
    timer.start();
    body.start();
    pipe.feed("some data but no end");
    QVERIFY(failed.wait(5000));
    QVERIFY(timer.elapsed() < 3000);
    QCOMPARE(body.state(), AwsRequestBody::Failed);
    QVERIFY2(body.errorString().contains(QStringLiteral("did not signal its end")), qPrintable(body.errorString()));
}

void tst_AwsRequestBody::sequentialError()
{
    PipeDevice pipe;
    AwsRequestBody body(&pipe, AwsRequestBody::Options());
    QSignalSpy failed(&body, &AwsRequestBody::failed);
    body.start();
    pipe.feed("abc");
    pipe.breakIt();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(body.errorString().contains(QStringLiteral("the pipe broke")), qPrintable(body.errorString()));
}

void tst_AwsRequestBody::sequentialDestroyed()
{
    auto *pipe = new PipeDevice;
    AwsRequestBody body(pipe, AwsRequestBody::Options());
    QSignalSpy failed(&body, &AwsRequestBody::failed);
    body.start();
    delete pipe;
    QCOMPARE(failed.size(), 1);
    QVERIFY(body.errorString().contains(QStringLiteral("destroyed")));
}

void tst_AwsRequestBody::notOpen()
{
    QBuffer buffer;
    AwsRequestBody body(&buffer, AwsRequestBody::Options());
    QSignalSpy failed(&body, &AwsRequestBody::failed);
    body.start();
    QCOMPARE(failed.size(), 1);
    QVERIFY(body.errorString().contains(QStringLiteral("not open")));
}

void tst_AwsRequestBody::skipHash()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(pattern(10 << 20));
    file.seek(3);
    AwsRequestBody::Options options;
    options.computeHash = false;
    AwsRequestBody body(&file, options);
    body.start();
    QCOMPARE(body.state(), AwsRequestBody::Ready);
    QCOMPARE(body.strategy(), AwsRequestBody::Skipped);
    QVERIFY(body.payloadHash().isEmpty());
    QCOMPARE(file.pos(), 3);
    QCOMPARE(body.size(), (10 << 20) - 3);
}

void tst_AwsRequestBody::cancelWorker()
{
    // A custom random-access device is read in place on the worker: cancelling waits for it
    // and puts the device back.
    MemoryDevice device(pattern(64 << 20));
    device.seek(10);
    AwsRequestBody::Options options;
    options.asyncThreshold = 1;
    {
        AwsRequestBody body(&device, options);
        body.start();
        QCOMPARE(body.strategy(), AwsRequestBody::RandomAccessAsync);
    } // destroyed while hashing
    QCOMPARE(device.pos(), 10);
}

QTEST_GUILESS_MAIN(tst_AwsRequestBody)
#include "tst_awsrequestbody.moc"
